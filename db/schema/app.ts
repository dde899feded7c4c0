import { integer, sqliteTable, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

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
  // Unique per (resource, id, version) so a malformed item delivered twice is kept once.
  (t) => [uniqueIndex('quarantined_by_resource').on(t.resource, t.recordId, t.version)],
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
    /** pending → sent → (done | conflict | rejected); conflict → resolved (by keep_mine or take_theirs). */
    state: text('state', { enum: ['pending', 'sent', 'done', 'conflict', 'rejected', 'resolved'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** For conflicts: the server's current record, shown next to the user's intent. */
    serverEntity: text('server_entity', { mode: 'json' }),
    resolvedAt: text('resolved_at'),
    /** How a conflict was resolved: `keep_mine` (re-issued as `supersededBy`) or `take_theirs`. */
    resolution: text('resolution', { enum: ['keep_mine', 'take_theirs'] }),
    supersededBy: text('superseded_by'),
    /** The entity after `applied`/`duplicate`, kept for the UI and for audits. */
    resultEntity: text('result_entity', { mode: 'json' }),
  },
  (t) => [index('outbox_by_state').on(t.state, t.seq), index('outbox_by_entity').on(t.resource, t.entityId, t.state)],
);

/**
 * Ids a re-bootstrap (after `410 cursor_expired`) has returned so far. At the end, local records of
 * that resource missing here are removed. On disk (not a temp table) so that a crash in the middle
 * of a 12M-row re-bootstrap resumes instead of starting over; emptied when the sweep is done.
 */
export const syncSeenIds = sqliteTable(
  'sync_seen_ids',
  {
    resource: text('resource').notNull(),
    id: text('id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resource, t.id] })],
);

/**
 * Deleted records: the version of the delete. Delivery is at-least-once and out of order, so an
 * older upsert arriving after a delete must not bring the record back.
 */
export const syncTombstones = sqliteTable(
  'sync_tombstones',
  {
    resource: text('resource').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resource, t.id] })],
);

/**
 * While an entity has unacknowledged commands the pull does not overwrite it; the newest server
 * copy (or the copy from before the optimistic effect) waits here so that a rejected command can
 * be rolled back. `record` null = the entity did not exist. `entity_key` is the record id, or the
 * merchant id for tier overrides (their commands address the merchant).
 */
export const syncShadowRecords = sqliteTable(
  'sync_shadow_records',
  {
    resource: text('resource').notNull(),
    entityKey: text('entity_key').notNull(),
    version: integer('version').notNull(),
    record: text('record'),
  },
  (t) => [primaryKey({ columns: [t.resource, t.entityKey] })],
);
