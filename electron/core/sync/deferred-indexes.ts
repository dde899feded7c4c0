/**
 * Secondary indexes of a big synced table are built after its first bootstrap instead of during it.
 *
 * merchant_metrics arrives day by day, each day one row per merchant, while its index is keyed
 * (merchant_id, date): every day's rows land on every leaf page of the index, so each 5000-row
 * transaction rewrites thousands of index pages and the whole index is written to the WAL again
 * for every day of history (about 11 GB for 12M rows). Loading an empty table without its
 * secondary indexes and creating them once at the end (a sort) halves the cost of the bootstrap.
 *
 * The definitions come from the drizzle schema (the source of truth), so an index dropped here is
 * always recreated exactly, also after a crash in the middle of the bootstrap: the next pull of
 * the resource restores whatever is missing before it writes. Only the first bootstrap of an empty
 * table defers; a catch-up or a re-bootstrap after 410 keeps every index.
 *
 * An index whose key grows with the feed's order is kept during the bootstrap: merchant_metrics'
 * date index only ever appends at its right edge (day after day), so keeping it costs little and
 * the merchant tiering can find a day's rows and the latest date at any time.
 */
import type Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../db/schema';

interface IndexDefinition {
  name: string;
  sql: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const KEPT_DURING_BOOTSTRAP: ReadonlySet<string> = new Set(['metrics_by_date']);

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

/** Creates the table's schema indexes that are missing; returns their names. */
export function restoreIndexes(sqlite: Database.Database, table: string): string[] {
  const definitions = schemaIndexes().get(table) ?? [];
  if (definitions.length === 0) return [];
  const existing = existingIndexes(sqlite, table);
  const missing = definitions.filter((definition) => !existing.has(definition.name));
  if (missing.length === 0) return [];
  sqlite.transaction(() => {
    for (const definition of missing) sqlite.exec(definition.sql);
  })();
  return missing.map((definition) => definition.name);
}
