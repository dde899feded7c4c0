/**
 * The core thread issues commands on one connection while the sync thread writes pages on
 * another: the guard must come from SQLite, read inside the page transaction, or a page would
 * overwrite an optimistic effect the other connection wrote a moment ago.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { connectDatabase, openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { commandRegistry } from '../domains';
import { Outbox, unacknowledgedEntityKeys } from './outbox';
import { RecordStore } from './record-store';

let temp: ReturnType<typeof makeTempDir>;
let core: OpenedDatabase;
let syncConnection: Database.Database;

beforeEach(() => {
  temp = makeTempDir('cockpit-two-connections-');
  core = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  syncConnection = connectDatabase(core.file);
});
afterEach(() => {
  syncConnection.close();
  core.close();
  temp.cleanup();
});

function storeAndOutbox(sqlite: Database.Database): { records: RecordStore; outbox: Outbox } {
  const records = new RecordStore(sqlite, unacknowledgedEntityKeys(sqlite), (resource) => commandRegistry.guardFieldOf(resource));
  const outbox = new Outbox(sqlite, records, commandRegistry, () => new Date('2026-11-11T02:00:00Z'), recordingLogger());
  return { records, outbox };
}

const alert = (version: number, status: string) => ({
  id: 'al_1', version, updated_at: '2026-11-11T10:00:00+08:00',
  data: {
    id: 'al_1', version, updated_at: '2026-11-11T10:00:00+08:00', dedup_key: 'k1', title: 'spike', severity: 'P2', status, topic: null, mention_count: 3, negative_share: 0.5, subject_type: 'merchant',
    subject_id: 'm_1', opened_at: '2026-11-11T09:00:00+08:00', sla_due_at: '2026-11-11T11:00:00+08:00', acknowledged_at: null,
    acknowledged_by: null, assignee_id: null, escalation_level: 0, mention_ids: [], comments: [], resolved_at: null, resolution: null,
  },
});

it('a page written on the sync connection keeps the effect of a command issued on the core connection', () => {
  const sync = storeAndOutbox(syncConnection);
  const page = (version: number, status: string) =>
    sync.records.applyPage({ resource: 'alerts', items: [{ op: 'upsert', ...alert(version, status) }], nextCursor: 'c', caughtUp: true, markSeen: false, receivedAt: '2026-11-11T10:00:00+08:00' });
  const first = page(1, 'open');
  expect(first.malformed).toBe(0);
  expect(first.applied).toBe(1);

  // The core thread acknowledges (a separate Outbox on its own connection: no shared memory).
  const coreSide = storeAndOutbox(core.sqlite);
  coreSide.outbox.issue({ type: 'alert.acknowledge', entityId: 'al_1', baseVersion: 1, payload: {} });
  const status = (): string => String(core.sqlite.prepare('SELECT status FROM alerts WHERE id = ?').pluck().get('al_1'));
  expect(status()).toBe('acknowledged');

  // A colleague's newer version arrives on the sync connection: it waits in the shadow.
  const second = page(2, 'responding');
  expect(second.guarded).toBe(1);
  expect(status()).toBe('acknowledged');
  expect(core.sqlite.prepare('SELECT version FROM sync_shadow_records WHERE entity_key = ?').pluck().get('al_1')).toBe(2);
});
