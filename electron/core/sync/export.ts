/**
 * The synced records of a resource as SPEC JSON (snake_case, JSON columns parsed, booleans), one
 * line per record sorted by id. Deleted records are absent (they are deleted from the table).
 * Used by `cockpit export` and by the tests that compare a synced database with the server.
 */
import type Database from 'better-sqlite3';
import type { ResourceName } from '../../../platform/contract';
import { toWellFormedDeep } from './codec';
import { RESOURCE_FIELDS, type FieldSpec } from './resources';

function decode(field: FieldSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.kind === 'json') {
    const json = String(value);
    // Rows written before text was stored well-formed may hold a lone surrogate as a \udXXX escape.
    const parsed = JSON.parse(json) as unknown;
    return json.includes('\\ud') ? toWellFormedDeep(parsed) : parsed;
  }
  if (field.kind === 'bool') return value === 1 || value === 1n || value === true;
  return value;
}

/** Keys in this order: id, version, updated_at, then the SPEC's data fields. */
export function* exportRecords(sqlite: Database.Database, resource: string): Generator<Record<string, unknown>> {
  const fields = RESOURCE_FIELDS[resource as ResourceName];
  if (!fields) throw new Error(`unknown resource ${resource}`);
  const columns = ['id', 'version', 'updated_at', ...fields.map((f) => f.name)].map((c) => `"${c}"`).join(', ');
  const rows = sqlite.prepare(`SELECT ${columns} FROM "${resource}" ORDER BY id`).raw().iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    const record: Record<string, unknown> = { id: row[0], version: row[1], updated_at: row[2] };
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as FieldSpec;
      const value = decode(field, row[i + 3]);
      // A field the platform may leave out is left out when it has no value, as the platform sent it.
      if (value !== null || !field.optional) record[field.name] = value;
    }
    yield record;
  }
}

export function* exportLines(sqlite: Database.Database, resource: string): Generator<string> {
  for (const record of exportRecords(sqlite, resource)) yield JSON.stringify(record);
}

/**
 * A server record reduced to what an export holds: fields the SPEC does not list dropped, text
 * made well-formed (one U+FFFD per lone surrogate, as it is stored).
 */
export function projectRecord(resource: string, record: Record<string, unknown>): Record<string, unknown> {
  const fields = RESOURCE_FIELDS[resource as ResourceName];
  if (!fields) throw new Error(`unknown resource ${resource}`);
  const out: Record<string, unknown> = { id: record.id, version: record.version, updated_at: record.updated_at };
  for (const field of fields) {
    const value = record[field.name] ?? null;
    if (value !== null || !field.optional) out[field.name] = value;
  }
  return toWellFormedDeep(out);
}
