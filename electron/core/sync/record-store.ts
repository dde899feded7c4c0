/**
 * Writes feed pages into the synced tables. One page = one transaction together with its cursor,
 * so a crash never leaves a cursor ahead of the data. Prepared statements per resource, positional
 * parameters into a reused array: this is the hot path of a 12M-row bootstrap.
 */
import type Database from 'better-sqlite3';
import { createRecordCodec, wellFormed, wellFormedJson, type RecordCodec } from './codec';
import { RESOURCE_FIELDS } from './resources';
import type { ResourceName } from '../../../platform/contract';

/**
 * Keys of entities with unacknowledged local commands, per resource (the outbox reads them from
 * SQLite). Called once per page transaction, inside it.
 */
export type GuardLookup = (resource: string) => ReadonlySet<string> | undefined;

export interface PageOutcome {
  received: number;
  applied: number;
  ignored: number;
  malformed: number;
  guarded: number;
  /** Quarantined records superseded by a valid newer version in this page (removed from quarantine). */
  healed: number;
}

export interface ApplyPageInput {
  resource: string;
  items: readonly unknown[];
  /** Saved in the same transaction as the items; null = more chunks of this page follow. */
  nextCursor: string | null;
  caughtUp: boolean;
  /** Re-bootstrap after 410: remember every id the server returns, for the final sweep. */
  markSeen: boolean;
  receivedAt: string;
}

const RAW_LIMIT = 64_000;
const SWEEP_CHUNK_ROWS = 20_000;

interface ResourceStatements {
  codec: RecordCodec;
  params: unknown[];
  guardField: string;
  upsert: Database.Statement;
  /**
   * The upsert of a re-bootstrap after 410: the server's copy wins at an equal version too, since
   * a platform that forgot our cursor may be a new world whose records reuse ids and versions.
   */
  upsertAtLeast: Database.Statement;
  replace: Database.Statement;
  deleteIfNotNewer: Database.Statement;
  deleteById: Database.Statement;
  selectById: Database.Statement;
  selectGuardKey: Database.Statement;
  tombstones: Map<string, number>;
  /** Quarantined record id → highest quarantined version, so a valid newer version can heal it. */
  quarantined: Map<string, number>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class RecordStore {
  private readonly byResource = new Map<string, ResourceStatements>();
  private readonly quarantine: Database.Statement;
  private readonly markSeen: Database.Statement;
  private readonly saveCursor: Database.Statement;
  private readonly saveTombstone: Database.Statement;
  private readonly dropTombstone: Database.Statement;
  private readonly saveShadow: Database.Statement;
  private readonly unquarantine: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly guards: GuardLookup,
    /** The record field naming the entity commands on a resource address (`id` unless declared). */
    private readonly guardFieldOf: (resource: string) => string,
  ) {
    this.quarantine = sqlite.prepare(
      `INSERT INTO quarantined_records (resource, record_id, version, reason, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (resource, record_id, version) DO UPDATE SET reason = excluded.reason, raw = excluded.raw, received_at = excluded.received_at`,
    );
    this.markSeen = this.prepareHot('INSERT OR IGNORE INTO sync_seen_ids (resource, id) VALUES (?, ?)');
    this.saveCursor = sqlite.prepare(
      `INSERT INTO sync_cursors (resource, cursor, rows_applied, caught_up_at, last_error) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (resource) DO UPDATE SET cursor = excluded.cursor, rows_applied = rows_applied + excluded.rows_applied,
         caught_up_at = coalesce(excluded.caught_up_at, caught_up_at), last_error = NULL`,
    );
    this.saveTombstone = this.prepareHot(
      `INSERT INTO sync_tombstones (resource, id, version) VALUES (?, ?, ?)
       ON CONFLICT (resource, id) DO UPDATE SET version = max(version, excluded.version)`,
    );
    this.unquarantine = sqlite.prepare('DELETE FROM quarantined_records WHERE resource = ? AND record_id = ? AND coalesce(version, 0) < ?');
    this.dropTombstone = sqlite.prepare('DELETE FROM sync_tombstones WHERE resource = ? AND id = ?');
    this.saveShadow = sqlite.prepare(
      `INSERT INTO sync_shadow_records (resource, entity_key, version, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (resource, entity_key) DO UPDATE SET version = excluded.version, record = excluded.record
       WHERE excluded.version > sync_shadow_records.version`,
    );
  }

  /**
   * Statements run once per feed item bypass the slow-query wrapper (db/slow-queries.ts proxies
   * every statement, which costs a closure and two clock reads per call, i.e. seconds over a
   * 12M-row bootstrap). The engine times each page transaction instead and logs the slow ones.
   */
  private prepareHot(source: string): Database.Statement {
    const prepare = (Object.getPrototypeOf(this.sqlite) as { prepare?: Database.Database['prepare'] }).prepare;
    return typeof prepare === 'function' ? prepare.call(this.sqlite, source) : this.sqlite.prepare(source);
  }

  statementsFor(resource: string): ResourceStatements {
    const existing = this.byResource.get(resource);
    if (existing) return existing;
    const fields = RESOURCE_FIELDS[resource as ResourceName];
    if (!fields) throw new Error(`unknown resource ${resource}`);
    const tableInfo = this.sqlite.prepare(`PRAGMA table_info(${quoteIdent(resource)})`).all() as { name: string; notnull: number }[];
    if (tableInfo.length === 0) throw new Error(`no table for resource ${resource}`);
    const tableColumns = new Set(tableInfo.map((c) => c.name));
    const missing = fields.filter((field) => !tableColumns.has(field.name)).map((field) => field.name);
    if (missing.length > 0) throw new Error(`table ${resource} lacks columns ${missing.join(', ')}`);
    const notNull = new Set(tableInfo.filter((c) => c.notnull === 1).map((c) => c.name));
    const codec = createRecordCodec(resource, fields, notNull);
    const table = quoteIdent(resource);
    const cols = codec.columns.map(quoteIdent).join(', ');
    const placeholders = codec.columns.map(() => '?').join(', ');
    const updates = codec.columns.slice(1).map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ');
    const guardField = this.guardFieldOf(resource);
    const statements: ResourceStatements = {
      codec,
      params: new Array<unknown>(codec.columns.length),
      guardField,
      upsert: this.prepareHot(
        `INSERT INTO ${table} (${cols}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${updates} WHERE excluded.version > ${table}.version`,
      ),
      upsertAtLeast: this.prepareHot(
        `INSERT INTO ${table} (${cols}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${updates} WHERE excluded.version >= ${table}.version`,
      ),
      // An upsert, not INSERT OR REPLACE: REPLACE deletes the old row without firing delete
      // triggers, and a table's triggers (merchant_metrics' period sums) must see the old values go.
      replace: this.sqlite.prepare(`INSERT INTO ${table} (${cols}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${updates}`),
      deleteIfNotNewer: this.prepareHot(`DELETE FROM ${table} WHERE id = ? AND version <= ?`),
      deleteById: this.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`),
      selectById: this.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`),
      selectGuardKey: this.prepareHot(`SELECT ${quoteIdent(guardField)} FROM ${table} WHERE id = ?`).pluck(),
      quarantined: new Map(
        (
          this.sqlite
            .prepare('SELECT record_id AS id, max(coalesce(version, 0)) AS version FROM quarantined_records WHERE resource = ? GROUP BY record_id')
            .all(resource) as { id: string; version: number }[]
        ).map((q) => [q.id, q.version]),
      ),
      tombstones: new Map(
        (this.sqlite.prepare('SELECT id, version FROM sync_tombstones WHERE resource = ?').all(resource) as { id: string; version: number }[]).map(
          (t) => [t.id, t.version],
        ),
      ),
    };
    this.byResource.set(resource, statements);
    return statements;
  }

  codecFor(resource: string): RecordCodec {
    return this.statementsFor(resource).codec;
  }

  /** Applies one page and its cursor atomically. */
  applyPage(input: ApplyPageInput): PageOutcome {
    const s = this.statementsFor(input.resource);
    const outcome: PageOutcome = { received: input.items.length, applied: 0, ignored: 0, malformed: 0, guarded: 0, healed: 0 };
    // IMMEDIATE: the guard keys are read under the write lock, so a command issued on another
    // connection lands either before this page (and is respected) or after it (and sees it).
    this.sqlite
      .transaction(() => {
        const guarded = this.guards(input.resource);
        for (const item of input.items) this.applyItem(s, input, item, guarded, outcome);
        if (input.nextCursor !== null) this.saveCursor.run(input.resource, input.nextCursor, outcome.applied, input.caughtUp ? input.receivedAt : null);
      })
      .immediate();
    return outcome;
  }

  private applyItem(s: ResourceStatements, input: ApplyPageInput, item: unknown, guarded: ReadonlySet<string> | undefined, outcome: PageOutcome): void {
    const resource = input.resource;
    if (!isPlainObject(item)) return this.keepAside(input, item, null, null, 'item is not an object', outcome);
    const { version, op } = item;
    if (typeof item.id !== 'string' || item.id.length === 0) return this.keepAside(input, item, null, null, 'id: expected a non-empty id', outcome);
    const id = wellFormed(item.id);
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      return this.keepAside(input, item, id, null, 'version: expected an integer ≥ 1', outcome);
    }
    if (input.markSeen) this.markSeen.run(resource, id);
    if (op === 'upsert') {
      const data = item.data;
      if (!isPlainObject(data)) return this.keepAside(input, item, id, version, 'data: expected an object', outcome);
      let reason = s.codec.encode(id, version, data, s.params);
      if (reason === null && data.id !== undefined && data.id !== item.id) reason = 'data.id differs from the item id';
      if (reason !== null) return this.keepAside(input, item, id, version, reason, outcome);
      if (s.tombstones.size > 0 && this.isBuriedOrUnbury(s, resource, id, version)) {
        outcome.ignored++;
        return;
      }
      if (guarded !== undefined && guarded.size > 0) {
        const key = s.guardField === 'id' ? id : data[s.guardField];
        if (typeof key === 'string' && guarded.has(key)) {
          this.saveShadow.run(resource, key, version, wellFormedJson(data));
          outcome.guarded++;
          return;
        }
      }
      if ((input.markSeen ? s.upsertAtLeast : s.upsert).run(s.params).changes > 0) outcome.applied++;
      else outcome.ignored++;
      if (s.quarantined.size > 0) this.heal(s, resource, id, version, outcome);
    } else if (op === 'delete') {
      if (s.quarantined.size > 0) this.heal(s, resource, id, version, outcome);
      if (guarded !== undefined && guarded.size > 0) {
        const key = s.guardField === 'id' ? id : (s.selectGuardKey.get(id) as string | undefined);
        if (key !== undefined && guarded.has(key)) {
          this.saveShadow.run(resource, key, version, null);
          this.bury(s, resource, id, version);
          outcome.guarded++;
          return;
        }
      }
      const applied = s.deleteIfNotNewer.run(id, version).changes > 0;
      this.bury(s, resource, id, version);
      if (applied) outcome.applied++;
      else outcome.ignored++;
    } else {
      this.keepAside(input, item, id, version, `op: unknown ${JSON.stringify(op)?.slice(0, 40)}`, outcome);
    }
  }

  /** Remembers a delete, so that an older upsert delivered later does not bring the record back. */
  private bury(s: ResourceStatements, resource: string, id: string, version: number): void {
    this.saveTombstone.run(resource, id, version);
    s.tombstones.set(id, Math.max(version, s.tombstones.get(id) ?? 0));
  }

  /** A valid newer version supersedes the malformed one kept aside: it no longer counts. */
  private heal(s: ResourceStatements, resource: string, id: string, version: number, outcome: PageOutcome): void {
    const bad = s.quarantined.get(id);
    if (bad === undefined || version <= bad) return;
    this.unquarantine.run(resource, id, version);
    s.quarantined.delete(id);
    outcome.healed++;
  }

  /** True when a delete at this version or later is known; otherwise forgets an older tombstone. */
  private isBuriedOrUnbury(s: ResourceStatements, resource: string, id: string, version: number): boolean {
    const deletedAt = s.tombstones.get(id);
    if (deletedAt === undefined) return false;
    if (version <= deletedAt) return true;
    s.tombstones.delete(id);
    this.dropTombstone.run(resource, id);
    return false;
  }

  private keepAside(
    input: ApplyPageInput,
    item: unknown,
    id: string | null,
    version: number | null,
    reason: string,
    outcome: PageOutcome,
  ): void {
    let raw: string;
    try {
      raw = JSON.stringify(item) ?? String(item);
    } catch (error) {
      raw = `unserialisable: ${error instanceof Error ? error.message : String(error)}`;
    }
    // Cut lengths may fall inside a surrogate pair: what is stored is made well-formed after cutting.
    this.quarantine.run(input.resource, id ?? '', version, wellFormed(reason), wellFormed(raw.slice(0, RAW_LIMIT)), input.receivedAt);
    if (id !== null) {
      const s = this.statementsFor(input.resource);
      s.quarantined.set(id, Math.max(version ?? 0, s.quarantined.get(id) ?? 0));
    }
    outcome.malformed++;
  }

  /**
   * Writes a record with no version check (rolling back an optimistic effect, take_theirs, or an
   * entity the server returned for our command). Validated like a feed record; returns the reason
   * when it is malformed.
   */
  writeRecord(resource: string, record: Record<string, unknown>, mode: 'if_newer' | 'force'): string | null {
    const s = this.statementsFor(resource);
    const id = record.id;
    const version = record.version;
    if (typeof id !== 'string' || id.length === 0) return 'id: expected a non-empty id';
    if (typeof version !== 'number' || !Number.isSafeInteger(version)) return 'version: expected an integer';
    const reason = s.codec.encode(id, version, record, s.params);
    if (reason !== null) return reason;
    if (mode === 'force') s.replace.run(s.params);
    else s.upsert.run(s.params);
    return null;
  }

  deleteRecord(resource: string, id: string): void {
    this.statementsFor(resource).deleteById.run(id);
  }

  /** Local record in SPEC shape (JSON parsed, booleans), or undefined. */
  readRecord(resource: string, id: string): Record<string, unknown> | undefined {
    const s = this.statementsFor(resource);
    const row = s.selectById.get(id) as Record<string, unknown> | undefined;
    return row ? this.toSpecRecord(s.codec, row, true) : undefined;
  }

  /** Records whose guard key (id, or merchant_id for tier overrides) equals `key`. */
  readRecordsByGuardKey(resource: string, key: string): Record<string, unknown>[] {
    const s = this.statementsFor(resource);
    const rows = this.sqlite
      .prepare(`SELECT * FROM ${quoteIdent(resource)} WHERE ${quoteIdent(s.guardField)} = ?`)
      .all(key) as Record<string, unknown>[];
    return rows.map((row) => this.toSpecRecord(s.codec, row, true));
  }

  toSpecRecord(codec: RecordCodec, row: Record<string, unknown>, withUpdatedAt: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { id: row.id, version: row.version };
    if (withUpdatedAt) out.updated_at = row.updated_at;
    for (const field of codec.fields) out[field.name] = codec.decodeValue(field, row[field.name]);
    return out;
  }

  // ---------- re-bootstrap after 410 ----------

  /** Starts a re-bootstrap: forget the cursor and any seen ids of an earlier attempt, set the marker. */
  beginRebootstrap(resource: string, startedAt: string): void {
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(
          `INSERT INTO sync_cursors (resource, cursor, bootstrap_started_at) VALUES (?, NULL, ?)
           ON CONFLICT (resource) DO UPDATE SET cursor = NULL, bootstrap_started_at = excluded.bootstrap_started_at, caught_up_at = NULL`,
        )
        .run(resource, startedAt);
    })();
    this.clearSeen(resource);
  }

  /**
   * Removes, in short transactions, local records the re-bootstrap did not return. Entities with
   * unacknowledged local commands (e.g. an alert opened here and not yet sent) are kept.
   * Yields between chunks so the worker keeps answering the UI.
   */
  async sweepUnseen(resource: string, yieldToEventLoop: () => Promise<void>): Promise<number> {
    const s = this.statementsFor(resource);
    const table = quoteIdent(resource);
    const maxRowid = Number(this.sqlite.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get());
    const sweep = this.sqlite.prepare(
      `DELETE FROM ${table} WHERE rowid > ? AND rowid <= ?
         AND NOT EXISTS (SELECT 1 FROM sync_seen_ids s WHERE s.resource = ? AND s.id = ${table}.id)
         AND coalesce(${quoteIdent(s.guardField)}, '') NOT IN (SELECT value FROM json_each(?))`,
    );
    // Each chunk reads the guards under the write lock, like a page (see applyPage).
    const sweepChunk = this.sqlite.transaction((from: number) => {
      const guardKeys = JSON.stringify([...(this.guards(resource) ?? [])]);
      return sweep.run(from, from + SWEEP_CHUNK_ROWS, resource, guardKeys).changes;
    });
    let removed = 0;
    for (let from = 0; from < maxRowid; from += SWEEP_CHUNK_ROWS) {
      removed += sweepChunk.immediate(from);
      await yieldToEventLoop();
    }
    this.sqlite.prepare('UPDATE sync_cursors SET bootstrap_started_at = NULL WHERE resource = ?').run(resource);
    this.clearSeen(resource);
    return removed;
  }

  private clearSeen(resource: string): void {
    const chunk = this.sqlite.prepare(
      'DELETE FROM sync_seen_ids WHERE rowid IN (SELECT rowid FROM sync_seen_ids WHERE resource = ? LIMIT 50000)',
    );
    while (chunk.run(resource).changes > 0) {
      // Keep each transaction short; the caller yields around the whole sweep.
    }
  }
}

