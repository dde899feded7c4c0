/**
 * Secondary indexes of a big synced table are built after its first bootstrap instead of during it.
 *
 * An index whose key does not follow the feed's order gets rows on every leaf page with each page
 * of the feed, so each 5000-row transaction rewrites thousands of index pages (a merchant-first
 * index on merchant_metrics, which arrives day by day, wrote about 11 GB of WAL for 12M rows).
 * Loading an empty table without such an index and creating it once at the end (a sort) is far
 * cheaper, but the build holds the write lock for as long as it runs, and user actions wait
 * behind it: so the big tables' indexes are chosen to follow the feed where the queries allow it.
 *
 * The definitions come from the drizzle schema (the source of truth), so an index dropped here is
 * always recreated exactly, also after a crash in the middle of the bootstrap: the next pull of
 * the resource restores whatever is missing before it writes. Only the first bootstrap of an empty
 * table defers; a catch-up or a re-bootstrap after 410 keeps every index.
 *
 * An index whose key grows with the feed's order is kept during the bootstrap: merchant_metrics'
 * (date, merchant_id) index only ever appends at its right edge (day after day, a day's merchants
 * in order), so keeping it costs little, no build holds the lock at the end of the bootstrap, and
 * the merchant tiering can read a day's rows and the latest date at any time. mentions arrive in
 * updated_at order, a few minutes after they are published, so mentions_by_published only takes
 * rows near its right edge too: keeping it leaves one build (by merchant, about 1.1 s for 1M
 * mentions instead of 3.4 s for both) at the end of the bootstrap.
 */
import type Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../db/schema';

export interface IndexDefinition {
  name: string;
  sql: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const KEPT_DURING_BOOTSTRAP: ReadonlySet<string> = new Set(['metrics_by_date_merchant', 'mentions_by_published']);

let definitionsByTable: Map<string, IndexDefinition[]> | null = null;

/** CREATE INDEX statements of the schema's plain (column-only, not partial) indexes, per table. */
function schemaIndexes(): Map<string, IndexDefinition[]> {
  if (definitionsByTable) return definitionsByTable;
  const map = new Map<string, IndexDefinition[]>();
  for (const value of Object.values(schema)) {
    if (!(value instanceof SQLiteTable)) continue;
    const config = getTableConfig(value);
    const list: IndexDefinition[] = [];
    for (const index of config.indexes) {
      const { name, columns, unique, where } = index.config;
      if (where !== undefined) continue;
      const names = columns.map((column) => (column as { name?: unknown }).name);
      if (!names.every((n): n is string => typeof n === 'string')) continue;
      list.push({
        name,
        sql: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(config.name)} (${names.map(quoteIdent).join(', ')})`,
      });
    }
    map.set(config.name, list);
  }
  definitionsByTable = map;
  return map;
}

function existingIndexes(sqlite: Database.Database, table: string): Set<string> {
  const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").pluck().all(table) as string[];
  return new Set(rows);
}

/**
 * Drops the table's schema indexes when the table is empty (a first bootstrap). Returns how many
 * were dropped; 0 when the table has rows or no such indexes.
 */
export function deferIndexesIfEmpty(sqlite: Database.Database, table: string): number {
  const definitions = schemaIndexes().get(table) ?? [];
  if (definitions.length === 0) return 0;
  const hasRows = sqlite.prepare(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`).pluck().get() !== undefined;
  if (hasRows) return 0;
  const existing = existingIndexes(sqlite, table);
  let dropped = 0;
  sqlite.transaction(() => {
    for (const definition of definitions) {
      if (!existing.has(definition.name) || KEPT_DURING_BOOTSTRAP.has(definition.name)) continue;
      sqlite.exec(`DROP INDEX ${quoteIdent(definition.name)}`);
      dropped++;
    }
  })();
  return dropped;
}

/** The table's schema indexes that do not exist (left out by a bootstrap, or a crash in one). */
export function missingIndexes(sqlite: Database.Database, table: string): IndexDefinition[] {
  const definitions = schemaIndexes().get(table) ?? [];
  if (definitions.length === 0) return [];
  const existing = existingIndexes(sqlite, table);
  return definitions.filter((definition) => !existing.has(definition.name));
}

/** Builds one index in a transaction of its own (it holds the write lock while it sorts). */
export function buildIndex(sqlite: Database.Database, definition: IndexDefinition): void {
  sqlite.exec(definition.sql);
}

/** Creates the table's schema indexes that are missing, in one transaction; returns their names. */
export function restoreIndexes(sqlite: Database.Database, table: string): string[] {
  const missing = missingIndexes(sqlite, table);
  if (missing.length === 0) return [];
  sqlite.transaction(() => {
    for (const definition of missing) buildIndex(sqlite, definition);
  })();
  return missing.map((definition) => definition.name);
}
