/**
 * The outbox: user intents as commands in SQLite, written in the same transaction as their
 * optimistic local effect, sent in order per entity and acknowledged exactly once (the command id
 * is the server's idempotency key, kept across retries and restarts).
 *
 * While an entity has unacknowledged commands (pending / sent / conflict) the pull does not touch
 * it; the newest server copy waits in `sync_shadow_records` (seeded at issue time with the copy
 * from before the effect). When the last command of the entity settles, the best server copy is
 * written over the optimistic state: the returned entity, or the shadow (rolls back a rejected
 * command; deletes a locally created entity the server never accepted).
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { IssueCommandInput, OutboxEntry, OutboxFilter, OutboxState } from './api-types';
import type { CommandResult, WireCommand } from './platform-client';
import type { GuardLookup, RecordStore } from './record-store';
import { toWellFormedDeep, wellFormedJson } from './codec';
import type { CommandRegistry } from './commands';
import { formatShanghaiTimestamp } from './time';
import { SubjectReader } from './subjects';

export const COMMAND_BATCH_MAX = 200;
/** Commands the platform has not yet settled: the entity keeps its local state while any exist. */
export const UNACKED_STATES = ['pending', 'sent', 'conflict'] as const;

interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  resource: string;
  entity_id: string;
  base_version: number | null;
  payload: string;
  issued_at: string;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  server_entity: string | null;
  resolved_at: string | null;
  resolution: 'keep_mine' | 'take_theirs' | null;
  superseded_by: string | null;
}

export interface OutboxLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_in_conflict' | 'unknown_command_type' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

function parseJsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value = JSON.parse(text) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function isDeleted(record: Record<string, unknown> | null): boolean {
  return record?.deleted === true;
}

/** The base_version a later command should carry once the server holds `record`. */
function baseVersionAfter(record: Record<string, unknown> | null): number | null {
  const version = versionOf(record);
  return version === null ? null : isDeleted(record) ? 0 : version;
}

function versionOf(record: Record<string, unknown> | null | undefined): number | null {
  const v = record?.version;
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

/**
 * Entity keys of a resource with unacknowledged commands, read from SQLite (the record store's
 * guard lookup). Commands are issued on the core's connection and pushed on the sync thread's, so
 * there is no in-memory copy to trust: the record store calls this inside each page transaction
 * (BEGIN IMMEDIATE), where no command can be issued between the read and the writes.
 */
export function unacknowledgedEntityKeys(sqlite: Database.Database): GuardLookup {
  // `+resource` keeps the planner on outbox_by_state: only unacknowledged rows are read, however many are done.
  const keys = sqlite
    .prepare(`SELECT DISTINCT entity_id FROM outbox_commands WHERE state IN ('pending', 'sent', 'conflict') AND +resource = ?`)
    .pluck();
  return (resource) => new Set(keys.all(resource) as string[]);
}

export class Outbox {
  private readonly stmts;
  private readonly subjects: SubjectReader;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly records: RecordStore,
    private readonly registry: CommandRegistry,
    private readonly now: () => Date,
    private readonly logger: OutboxLogger,
  ) {
    this.subjects = new SubjectReader(sqlite, registry, logger);
    this.stmts = {
      insert: sqlite.prepare(
        `INSERT INTO outbox_commands (seq, id, type, resource, entity_id, base_version, payload, issued_at, state, attempts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
      ),
      byId: sqlite.prepare('SELECT * FROM outbox_commands WHERE id = ?'),
      unackedScan: sqlite.prepare(
        `SELECT * FROM outbox_commands WHERE state IN ('pending', 'sent', 'conflict') ORDER BY seq LIMIT ?`,
      ),
      unackedForEntity: sqlite
        .prepare(`SELECT count(*) FROM outbox_commands WHERE resource = ? AND entity_id = ? AND state IN ('pending', 'sent', 'conflict')`)
        .pluck(),
      markSent: sqlite.prepare(`UPDATE outbox_commands SET state = 'sent', attempts = attempts + 1 WHERE id = ? AND state IN ('pending', 'sent')`),
      markDone: sqlite.prepare(`UPDATE outbox_commands SET state = 'done', result_entity = ?, last_error = NULL WHERE id = ?`),
      markConflict: sqlite.prepare(`UPDATE outbox_commands SET state = 'conflict', server_entity = ?, last_error = NULL WHERE id = ?`),
      markRejected: sqlite.prepare(`UPDATE outbox_commands SET state = 'rejected', last_error = ? WHERE id = ?`),
      noteError: sqlite.prepare(`UPDATE outbox_commands SET last_error = ? WHERE id = ?`),
      markResolved: sqlite.prepare(
        `UPDATE outbox_commands SET state = 'resolved', resolution = ?, superseded_by = ?, resolved_at = ? WHERE id = ?`,
      ),
      moveToEnd: sqlite.prepare(`UPDATE outbox_commands SET seq = (SELECT max(seq) + 1 FROM outbox_commands) WHERE id = ?`),
      rebaseLater: sqlite.prepare(
        `UPDATE outbox_commands SET base_version = ? WHERE resource = ? AND entity_id = ? AND seq > ? AND state = 'pending' AND base_version IS NOT NULL`,
      ),
      shadowGet: sqlite.prepare('SELECT version, record FROM sync_shadow_records WHERE resource = ? AND entity_key = ?'),
      shadowSeed: sqlite.prepare(
        `INSERT INTO sync_shadow_records (resource, entity_key, version, record) VALUES (?, ?, ?, ?)
         ON CONFLICT (resource, entity_key) DO UPDATE SET version = excluded.version, record = excluded.record`,
      ),
      shadowOffer: sqlite.prepare(
        `INSERT INTO sync_shadow_records (resource, entity_key, version, record) VALUES (?, ?, ?, ?)
         ON CONFLICT (resource, entity_key) DO UPDATE SET version = excluded.version, record = excluded.record
         WHERE excluded.version >= sync_shadow_records.version`,
      ),
      shadowDrop: sqlite.prepare('DELETE FROM sync_shadow_records WHERE resource = ? AND entity_key = ?'),
      counts: sqlite.prepare(`SELECT state, count(*) AS n FROM outbox_commands WHERE state IN ('pending', 'sent', 'conflict', 'rejected') GROUP BY state`),
    };
  }

  /** The operator behind the token, for the optimistic effect (acknowledged_by, comment author…). */
  operatorId: string | null = null;

  /**
   * Records the intent and its optimistic effect atomically; returns the command id.
   * The payload is checked against the command's declaration (MalformedCommandError), then the
   * declared local effect runs inside the transaction; `applyLocalEffect` replaces it (use the
   * same better-sqlite3 connection), null = none. If the effect throws, nothing is written.
   */
  issue(input: IssueCommandInput, applyLocalEffect?: (() => void) | null): string {
    const declaration = this.registry.declarationOf(input.type);
    if (!declaration) throw new OutboxError('unknown_command_type', `no command type ${input.type} is declared`);
    const resource = declaration.resource;
    if (input.resource && input.resource !== resource) throw new OutboxError('invalid', `${input.type} changes ${resource}, not ${input.resource}`);
    // Text from the user or a pasted page may hold lone surrogates: stored well-formed, sent as stored.
    const payload = toWellFormedDeep(this.registry.parsePayload(input.type, input.payload));
    const id = uuidv7();
    const issuedAt = formatShanghaiTimestamp(this.now());
    // IMMEDIATE: the write lock is taken before the first read, so a page written by the sync
    // thread in between can neither overwrite the effect nor miss the new guard.
    this.sqlite
      .transaction(() => {
        if (!this.hasUnacked(resource, input.entityId)) this.seedShadow(resource, input.entityId);
        this.stmts.insert.run(null, id, input.type, resource, input.entityId, input.baseVersion, wellFormedJson(payload), issuedAt);
        if (applyLocalEffect) applyLocalEffect();
        else if (applyLocalEffect === undefined) {
          declaration.effect?.({ records: this.records, type: input.type, entityId: input.entityId, payload, at: issuedAt, operatorId: this.operatorId });
        }
      })
      .immediate();
    return id;
  }

  private hasUnacked(resource: string, entityId: string): boolean {
    return Number(this.stmts.unackedForEntity.get(resource, entityId)) > 0;
  }

  /** The server copy before the optimistic effect: what a rejected command rolls back to. */
  private seedShadow(resource: string, entityKey: string): void {
    const current = this.records.readRecordsByGuardKey(resource, entityKey)[0];
    this.stmts.shadowSeed.run(resource, entityKey, versionOf(current) ?? 0, current ? wellFormedJson(current) : null);
  }

  /**
   * The next commands to send: the oldest unacknowledged command of each entity, unless that one
   * is in conflict (later commands wait for the user's choice). One per entity per batch, because a
   * later command's base version is rebased on the result of the earlier one.
   */
  nextBatch(max = COMMAND_BATCH_MAX): WireCommand[] {
    const seen = new Set<string>();
    const batch: WireCommand[] = [];
    const rows = this.stmts.unackedScan.all(Math.max(max * 20, 2_000)) as OutboxRow[];
    for (const row of rows) {
      const entityKey = `${row.resource}\u0000${row.entity_id}`;
      if (seen.has(entityKey)) continue;
      seen.add(entityKey);
      if (row.state === 'conflict') continue;
      batch.push({
        id: row.id,
        type: row.type,
        entity_id: row.entity_id,
        base_version: row.base_version,
        payload: parseJsonObject(row.payload) ?? {},
        issued_at: row.issued_at,
      });
      if (batch.length >= max) break;
    }
    return batch;
  }

  /** Before the POST: a crash after this re-sends the same ids (the server answers duplicate). */
  markSent(batch: readonly WireCommand[]): void {
    this.sqlite.transaction(() => {
      for (const command of batch) this.stmts.markSent.run(command.id);
    })();
  }

  noteSendError(batch: readonly WireCommand[], message: string): void {
    this.sqlite.transaction(() => {
      for (const command of batch) this.stmts.noteError.run(message, command.id);
    })();
  }

  /** Applies the server's answers; commands without an answer stay `sent` and go again. */
  applyResults(results: readonly CommandResult[]): { done: number; conflict: number; rejected: number } {
    const tally = { done: 0, conflict: 0, rejected: 0 };
    this.sqlite
      .transaction(() => {
        for (const result of results) {
          const row = this.stmts.byId.get(result.id) as OutboxRow | undefined;
          if (!row || (row.state !== 'sent' && row.state !== 'pending')) continue;
          this.applyResult(row, result, tally);
        }
      })
      .immediate();
    return tally;
  }

  private applyResult(row: OutboxRow, result: CommandResult, tally: { done: number; conflict: number; rejected: number }): void {
    const entity = result.entity ?? null;
    const entityJson = entity ? wellFormedJson(entity) : null;
    if (result.status === 'applied' || result.status === 'duplicate') {
      this.stmts.markDone.run(entityJson, row.id);
      const version = versionOf(entity);
      // A deleted entity (clear_tier_override answers {deleted: true}) counts as "absent" = version 0.
      if (version !== null) this.stmts.rebaseLater.run(baseVersionAfter(entity), row.resource, row.entity_id, row.seq);
      this.offerShadow(row.resource, row.entity_id, entity);
      tally.done++;
    } else if (result.status === 'conflict') {
      this.stmts.markConflict.run(entityJson, row.id);
      this.offerShadow(row.resource, row.entity_id, entity);
      tally.conflict++;
      return; // still unacknowledged: the entity stays guarded
    } else {
      const reason = result.error ? `${result.error.code}: ${result.error.message}` : 'rejected';
      this.stmts.markRejected.run(reason, row.id);
      this.logger.warn({ commandId: row.id, type: row.type, reason }, 'command rejected by the platform');
      tally.rejected++;
    }
    this.settleIfLast(row.resource, row.entity_id);
  }

  /** A command the platform refuses as a whole request (4xx): never retried. */
  reject(commandId: string, reason: string): void {
    this.sqlite
      .transaction(() => {
        const row = this.stmts.byId.get(commandId) as OutboxRow | undefined;
        if (!row) return;
        this.stmts.markRejected.run(reason, row.id);
        this.settleIfLast(row.resource, row.entity_id);
      })
      .immediate();
  }

  private offerShadow(resource: string, entityKey: string, entity: Record<string, unknown> | null): void {
    const version = versionOf(entity);
    if (entity === null || version === null) return;
    this.stmts.shadowOffer.run(resource, entityKey, version, isDeleted(entity) ? null : wellFormedJson(entity));
  }

  /** When an entity has no unacknowledged commands left, the best server copy replaces the optimistic state. */
  private settleIfLast(resource: string, entityKey: string): void {
    if (this.hasUnacked(resource, entityKey)) return;
    const shadow = this.stmts.shadowGet.get(resource, entityKey) as { version: number; record: string | null } | undefined;
    this.stmts.shadowDrop.run(resource, entityKey);
    if (!shadow) return;
    const record = parseJsonObject(shadow.record);
    const keyedById = this.registry.guardFieldOf(resource) === 'id';
    if (!keyedById) {
      // Keyed by another field (tier overrides by merchant): drop local placeholders, keep the server's record (if any).
      for (const local of this.records.readRecordsByGuardKey(resource, entityKey)) {
        if (local.id !== record?.id) this.records.deleteRecord(resource, String(local.id));
      }
    }
    if (record === null) {
      if (keyedById) this.records.deleteRecord(resource, entityKey);
      return;
    }
    const problem = this.records.writeRecord(resource, record, 'force');
    if (problem) this.logger.error({ resource, entityKey, problem }, 'server entity for a settled command is malformed; kept the local copy');
  }

  resolveConflict(commandId: string, choice: 'keep_mine' | 'take_theirs'): string | null {
    let newId: string | null = null;
    const resolve = this.sqlite.transaction(() => {
      const row = this.stmts.byId.get(commandId) as OutboxRow | undefined;
      if (!row) throw new OutboxError('not_found', `no command ${commandId}`);
      if (row.state !== 'conflict') throw new OutboxError('not_in_conflict', `command ${commandId} is ${row.state}, not in conflict`);
      const server = parseJsonObject(row.server_entity);
      const resolvedAt = formatShanghaiTimestamp(this.now());
      if (choice === 'keep_mine') {
        // Same intent, new id, based on the version the user has now seen; it takes the old
        // command's place in the entity's order (the old row moves to the end, resolved).
        newId = uuidv7();
        this.stmts.moveToEnd.run(row.id);
        this.stmts.insert.run(row.seq, newId, row.type, row.resource, row.entity_id, baseVersionAfter(server) ?? row.base_version, row.payload, resolvedAt);
        this.stmts.markResolved.run('keep_mine', newId, resolvedAt, row.id);
      } else {
        this.stmts.markResolved.run('take_theirs', null, resolvedAt, row.id);
        const version = baseVersionAfter(server);
        if (version !== null) this.stmts.rebaseLater.run(version, row.resource, row.entity_id, row.seq);
        this.offerShadow(row.resource, row.entity_id, server);
        this.settleIfLast(row.resource, row.entity_id);
      }
    });
    resolve.immediate();
    return newId;
  }

  list(filter: OutboxFilter = {}): OutboxEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states && filter.states.length > 0) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.resource) {
      where.push('resource = ?');
      params.push(filter.resource);
    }
    if (filter.entityId) {
      where.push('entity_id = ?');
      params.push(filter.entityId);
    }
    params.push(filter.limit ?? 1_000);
    const rows = this.sqlite
      .prepare(`SELECT * FROM outbox_commands ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`)
      .all(...params) as OutboxRow[];
    const entries = rows.map(toEntry);
    // What each command is about, in words (its declaration's subject, read on this connection).
    const subjects = this.subjects.subjectsOf(entries);
    return entries.map((entry, i) => ({ ...entry, subject: subjects[i] ?? null }));
  }

  counts(): { pending: number; sent: number; conflict: number; rejected: number } {
    const out = { pending: 0, sent: 0, conflict: 0, rejected: 0 };
    for (const row of this.stmts.counts.all() as { state: keyof typeof out; n: number }[]) out[row.state] = row.n;
    return out;
  }

  hasSendable(): boolean {
    return this.nextBatch(1).length > 0;
  }
}

function toEntry(row: OutboxRow): Omit<OutboxEntry, 'subject'> {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type,
    resource: row.resource,
    entityId: row.entity_id,
    baseVersion: row.base_version,
    payload: parseJsonObject(row.payload) ?? {},
    issuedAt: row.issued_at,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    serverEntity: parseJsonObject(row.server_entity),
    resolution: row.resolution,
    supersededBy: row.superseded_by,
    resolvedAt: row.resolved_at,
  };
}
