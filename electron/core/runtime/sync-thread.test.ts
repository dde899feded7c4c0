/**
 * The sync thread against the real reference server: it pulls on a connection of its own, and a
 * command issued on the core's connection is pushed and settled by it.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform/index';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { commandRegistry } from '../domains';
import type { SyncProgress } from '../sync/api-types';
import { projectRecord } from '../sync/export';
import { startSyncThread, type SyncHandle } from './sync-thread';

let temp: ReturnType<typeof makeTempDir>;
let server: PlatformServerHandle;
let db: OpenedDatabase;
let sync: SyncHandle | null = null;

beforeEach(async () => {
  temp = makeTempDir('cockpit-sync-thread-');
  server = await startPlatformServer({ scale: 'small' });
  db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
});
afterEach(async () => {
  await sync?.stop();
  sync = null;
  db.close();
  await server.close();
  temp.cleanup();
});

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('pulls on its own thread and pushes what the core thread issues, whose effect shows at once', async () => {
  const progress: SyncProgress[] = [];
  const autocheckpoint = Number(db.sqlite.pragma('wal_autocheckpoint', { simple: true }));
  sync = await startSyncThread({
    sqlite: db.sqlite,
    dbFile: db.file,
    platform: { url: server.url, token: server.tokens.operators[0]!.token },
    commands: commandRegistry,
    resources: ['people', 'alerts'],
    pollIntervalMs: 100,
    logger: recordingLogger() as never,
    onProgress: (p) => progress.push(p),
    onStatus: () => undefined,
  });
  // Checkpoints are the sync thread's: none on a commit of the core's connection.
  expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  const count = (): number => Number(db.sqlite.prepare('SELECT count(*) FROM alerts').pluck().get());
  await until(() => sync!.progress().resources.every((r) => r.state === 'caught_up') && count() > 0);
  expect(progress.length).toBeGreaterThan(0);

  const alert = db.sqlite.prepare(`SELECT id, version FROM alerts WHERE status = 'open' ORDER BY id LIMIT 1`).get() as { id: string; version: number };
  const id = sync.issueCommand({ type: 'alert.acknowledge', entityId: alert.id, baseVersion: alert.version, payload: {} });
  // The optimistic effect is on the core's connection at once, and counted at once.
  expect(sync.progress().outbox.pending + sync.progress().outbox.sent).toBe(1);
  const status = (): string => String(db.sqlite.prepare('SELECT status FROM alerts WHERE id = ?').pluck().get(alert.id));
  expect(status()).toBe('acknowledged');
  // The sync thread pushes it (told by a message) and settles it on its own connection.
  await until(() => sync!.listOutbox().find((c) => c.id === id)?.state === 'done');
  expect(projectRecord('alerts', server.getRecord('alerts', alert.id)!).status).toBe('acknowledged');
  expect(status()).toBe('acknowledged');

  await sync.stop();
  sync = null;
  expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
});

it('scores mentions on the sync thread as they arrive, and only when the domains\' work is asked for', async () => {
  const start = (domainWork: boolean) =>
    startSyncThread({
      sqlite: db.sqlite,
      dbFile: db.file,
      platform: { url: server.url, token: server.tokens.operators[0]!.token },
      commands: commandRegistry,
      resources: ['mentions'],
      pollIntervalMs: 100,
      domainWork,
      logger: recordingLogger() as never,
      onProgress: () => undefined,
      onStatus: () => undefined,
    });
  const mentions = (): number => Number(db.sqlite.prepare('SELECT count(*) FROM mentions').pluck().get());
  const scored = (): number => Number(db.sqlite.prepare('SELECT count(*) FROM mention_scores').pluck().get());

  sync = await start(false);
  expect(sync.domainWorkFollows).toBe(false);
  await until(() => sync!.progress().resources.every((r) => r.state === 'caught_up') && mentions() > 0);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(scored()).toBe(0);
  await sync.stop();

  sync = await start(true);
  expect(sync.domainWorkFollows).toBe(true);
  // Nothing on this (the core's) thread scores: the sync thread catches up with every mention.
  await until(() => scored() === mentions(), 60_000);
  const sample = db.sqlite.prepare('SELECT model_version, label, drivers FROM mention_scores LIMIT 1').get() as { model_version: string; label: string; drivers: string };
  expect(sample.model_version).toMatch(/^sentiment-/);
  expect(['negative', 'neutral', 'positive']).toContain(sample.label);
  expect(Array.isArray(JSON.parse(sample.drivers))).toBe(true);
});
