import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Columns every synced record carries (SPEC "Conventions"): the platform's opaque id,
 * its strictly increasing version and the server's RFC 3339 update time.
 */
export function syncedRecordColumns() {
  return {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
  };
}

/** A JSON column (arrays and small objects from the platform), typed at the edge. */
export function jsonText<T>(name: string) {
  return text(name, { mode: 'json' }).$type<T>();
}
