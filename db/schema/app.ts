import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/** Local preferences (language, theme, window state, platform URL). Never synced. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** One row per change feed: where the next pull starts. Written in the same transaction as the page. */
export const syncCursors = sqliteTable('sync_cursors', {
  resource: text('resource').primaryKey(),
  cursor: text('cursor'),
  /** Set while a bootstrap after `410 cursor_expired` is running; records older than this are swept at the end. */
  bootstrapStartedAt: text('bootstrap_started_at'),
  caughtUpAt: text('caught_up_at'),
  rowsApplied: integer('rows_applied').notNull().default(0),
  lastError: text('last_error'),
});

/** Records a feed delivered that failed validation: kept aside with the reason, never applied. */
export const quarantinedRecords = sqliteTable(
  'quarantined_records',
  {
    resource: text('resource').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version'),
    reason: text('reason').notNull(),
    raw: text('raw').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('quarantined_by_resource').on(t.resource, t.recordId)],
);

/**
 * The outbox: every user action becomes a command row, written in the same transaction as its
 * optimistic local effect. `seq` orders commands per entity; `id` is the idempotency key.
 */
export const outboxCommands = sqliteTable(
  'outbox_commands',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    resource: text('resource').notNull(),
    entityId: text('entity_id').notNull(),
    baseVersion: integer('base_version'),
    payload: text('payload', { mode: 'json' }).notNull(),
    issuedAt: text('issued_at').notNull(),
    /** pending → sent → (done | conflict | rejected) */
    state: text('state', { enum: ['pending', 'sent', 'done', 'conflict', 'rejected'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** For conflicts: the server's current record, shown next to the user's intent. */
    serverEntity: text('server_entity', { mode: 'json' }),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('outbox_by_state').on(t.state, t.seq), index('outbox_by_entity').on(t.resource, t.entityId, t.state)],
);
