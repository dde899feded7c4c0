/**
 * The pull against the real reference server on loopback, into real SQLite files: every fault
 * the SPEC allows, and the end state compared with what the server holds.
 */
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform/index';
import { RESOURCES } from '../../../platform/contract';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import type { SyncProgress } from './api-types';
import { createSyncEngine, type SyncEngineOptions } from './engine';
import { exportRecords, projectRecord } from './export';
import { isLargeResource } from './resources';
import { commandRegistry } from '../domains';

let temp: ReturnType<typeof makeTempDir>;
let server: PlatformServerHandle | null = null;
const opened: OpenedDatabase[] = [];

beforeEach(() => {
  temp = makeTempDir('cockpit-sync-');
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await server?.close();
  server = null;
  temp.cleanup();
});

function openDb(name = 'cockpit.sqlite'): OpenedDatabase {
  const db = openDatabase({ file: path.join(temp.dir, name), logger: recordingLogger() });
  opened.push(db);
  return db;
}

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50 };

function engineFor(db: OpenedDatabase, srv: PlatformServerHandle, extra: Partial<SyncEngineOptions> = {}) {
  const logger = recordingLogger();
  const engine = createSyncEngine({
    sqlite: db.sqlite,
    logger,
    platform: { url: srv.url, token: srv.tokens.operators[0]!.token },
    commands: commandRegistry,
    retry: FAST_RETRY,
    pollIntervalMs: 50,
    ...extra,
  });
  return { engine, logger };
}

async function serverRecords(srv: PlatformServerHandle, resource: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const record of srv.snapshot(resource)) out.push(projectRecord(resource, record));
  return out;
}

function localRecords(db: OpenedDatabase, resource: string): Record<string, unknown>[] {
  return [...exportRecords(db.sqlite, resource)];
}

async function expectSameAsServer(db: OpenedDatabase, srv: PlatformServerHandle, resources: readonly string[]): Promise<void> {
  for (const resource of resources) {
    const expected = await serverRecords(srv, resource);
    const actual = localRecords(db, resource);
    expect(actual.length, `${resource} row count`).toBe(expected.length);
    expect(actual, resource).toEqual(expected);
  }
}

const SMALL_SET = ['categories', 'people', 'packages', 'merchants', 'alerts', 'okr_teams'] as const;

describe('pull', () => {
  it('bootstraps every resource, small ones first, with progress per resource, and matches the server', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const events: SyncProgress[] = [];
    const { engine } = engineFor(db, server, { onProgress: (p) => events.push(p), progressIntervalMs: 0 });
    const summary = await engine.syncOnce();
    expect(summary.malformed).toBe(0);
    await expectSameAsServer(db, server, RESOURCES);

    // Every small resource was caught up before the first large one started.
    const firstLargeActive = events.findIndex((e) => e.resources.some((r) => isLargeResource(r.resource) && r.state !== 'idle'));
    expect(firstLargeActive).toBeGreaterThan(0);
    const before = events[firstLargeActive - 1]!;
    for (const r of before.resources) if (!isLargeResource(r.resource)) expect(r.state, r.resource).toBe('caught_up');
    const last = engine.progress();
    const metrics = last.resources.find((r) => r.resource === 'merchant_metrics')!;
    expect(metrics.rowsApplied).toBe(28_000);
    expect(metrics.state).toBe('caught_up');
    expect(events.some((e) => e.resources.some((r) => r.rowsPerSec > 0))).toBe(true);
    // The cursor row says where the next poll starts.
    const cursors = db.sqlite.prepare('SELECT count(*) FROM sync_cursors WHERE cursor IS NOT NULL AND caught_up_at IS NOT NULL').pluck().get();
    expect(cursors).toBe(RESOURCES.length);

    // A second run is a cheap poll: nothing new, nothing rewritten.
    const again = await engine.syncOnce();
    expect(again.rowsApplied).toBe(0);
  });

  it('picks up live changes (new records, updates, deletes) on the next poll', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const { engine } = engineFor(db, server);
    await engine.syncOnce();
    for (let i = 0; i < 40; i++) server.tick();
    const summary = await engine.syncOnce();
    expect(summary.rowsApplied).toBeGreaterThan(0);
    await expectSameAsServer(db, server, RESOURCES);
  });

  it('runs in the background; wake() polls at once instead of waiting for the next poll', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const { engine } = engineFor(db, server, { resources: ['alerts', 'mentions'], pollIntervalMs: 60_000 });
    engine.start();
    await waitFor(() => engine.progress().resources.every((r) => r.state === 'caught_up'));
    server.tick(20);
    const before = engine.progress().resources.find((r) => r.resource === 'mentions')!.rowsApplied;
    engine.wake();
    await waitFor(() => engine.progress().resources.find((r) => r.resource === 'mentions')!.rowsApplied > before);
    await waitFor(() => engine.progress().resources.every((r) => r.state === 'caught_up'));
    await engine.stop();
    await expectSameAsServer(db, server, ['alerts', 'mentions']);
  });

  it('survives 5xx, truncated bodies and slow responses (retry with backoff)', async () => {
    server = await startPlatformServer({ scale: 'small', faults: { errorRate: 0.3, truncateRate: 0.2, latencyMs: 5 } });
    const db = openDb();
    const { engine, logger } = engineFor(db, server, { pageLimit: 250, resources: SMALL_SET });
    await engine.syncOnce();
    await expectSameAsServer(db, server, SMALL_SET);
    const retries = logger.lines.filter((l) => l.message.includes('retrying'));
    expect(retries.length).toBeGreaterThan(3);
    expect(retries.some((l) => String((l.details as { reason?: string }).reason).match(/HTTP 50[023]/))).toBe(true);
    expect(retries.some((l) => !String((l.details as { reason?: string }).reason).match(/HTTP/))).toBe(true); // truncated
  });

  it('keeps the highest version when items repeat or arrive out of order', async () => {
    server = await startPlatformServer({ scale: 'small', faults: { duplicateRate: 0.3, outOfOrderRate: 0.5 } });
    const db = openDb();
    const { engine } = engineFor(db, server, { pageLimit: 300, resources: [...SMALL_SET, 'mentions'] });
    await engine.syncOnce();
    for (let i = 0; i < 30; i++) server.tick(); // versions > 1, so older copies get sent
    const summary = await engine.syncOnce();
    expect(summary.rowsReceived).toBeGreaterThan(summary.rowsApplied);
    await expectSameAsServer(db, server, [...SMALL_SET, 'mentions']);
  });

  it('honours 429 Retry-After', async () => {
    server = await startPlatformServer({ scale: 'small', faults: { rateLimitRate: 0.3, retryAfterSec: 1 } });
    const db = openDb();
    const { engine, logger } = engineFor(db, server, { pageLimit: 200, resources: ['categories', 'people', 'merchants'] });
    await engine.syncOnce();
    await expectSameAsServer(db, server, ['categories', 'people', 'merchants']);
    const waits = logger.lines.filter((l) => String((l.details as { reason?: string }).reason).includes('429'));
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect((w.details as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('bootstraps again after 410 and sweeps the records the server no longer has', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const resources = ['merchants', 'alerts', 'mentions'];
    const { engine, logger } = engineFor(db, server, { resources, pageLimit: 2000 });
    await engine.syncOnce();
    // Records the feed will never mention again (e.g. deleted while our cursor was expired).
    db.sqlite.prepare(`INSERT INTO merchants SELECT 'mer_gone_' || id, version, updated_at, name, shop_type, category_id, province, city, opened_on, status FROM merchants LIMIT 5`).run();
    db.sqlite.prepare(`UPDATE mentions SET id = 'mn_gone_' || id WHERE rowid IN (SELECT rowid FROM mentions LIMIT 3)`).run();
    for (let i = 0; i < 20; i++) server.tick();
    server.expireCursors();
    await engine.syncOnce();
    expect(logger.lines.some((l) => l.message.includes('cursor expired'))).toBe(true);
    await expectSameAsServer(db, server, resources);
    expect(db.sqlite.prepare('SELECT count(*) FROM sync_seen_ids').pluck().get()).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM sync_cursors WHERE bootstrap_started_at IS NOT NULL').pluck().get()).toBe(0);
  });

  it('a re-bootstrap after 410 takes the server copy even at the same version (a platform whose world changed)', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const resources = ['merchants'];
    const { engine } = engineFor(db, server, { resources, pageLimit: 2000 });
    await engine.syncOnce();
    // The local copy differs from the server's at the same version, as after a demo world restarts.
    db.sqlite.prepare(`UPDATE merchants SET name = 'stale ' || name, updated_at = '2000-01-01T00:00:00+08:00'`).run();
    server.expireCursors();
    await engine.syncOnce();
    expect(db.sqlite.prepare(`SELECT count(*) FROM merchants WHERE name LIKE 'stale %'`).pluck().get()).toBe(0);
    await expectSameAsServer(db, server, resources);
  });

  it('keeps malformed records aside with the reason and applies the rest', async () => {
    server = await startPlatformServer({ scale: 'small', faults: { malformedRate: 0.02 } });
    const db = openDb();
    const resources = ['merchants', 'suppliers', 'alerts', 'mentions'];
    const { engine } = engineFor(db, server, { resources });
    const summary = await engine.syncOnce();
    expect(summary.malformed).toBeGreaterThan(20);
    const quarantined = engine.listQuarantine(undefined, 10_000);
    expect(quarantined.length).toBe(summary.malformed);
    for (const q of quarantined) {
      expect(q.reason).toMatch(/^[a-z_]+: /);
      expect(q.recordId).not.toBe('');
      expect(JSON.parse(q.raw)).toMatchObject({ id: q.recordId });
    }
    const progress = engine.progress();
    for (const resource of resources) {
      const expected = await serverRecords(server, resource);
      const bad = new Set(quarantined.filter((q) => q.resource === resource).map((q) => q.recordId));
      expect(progress.resources.find((r) => r.resource === resource)!.malformed).toBe(bad.size);
      // Everything else is exactly the server's.
      expect(localRecords(db, resource)).toEqual(expected.filter((r) => !bad.has(String(r.id))));
    }
  });

  /** The table's indexes before the bootstrap, seen while it bootstraps, and after it. */
  async function indexesAroundBootstrap(resource: 'merchant_metrics' | 'mentions'): Promise<{ before: string[]; during: string[][]; after: string[] }> {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const indexesOf = (table: string): string[] =>
      db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table) as string[];
    const before = indexesOf(resource);
    const during: string[][] = [];
    const { engine } = engineFor(db, server, {
      resources: [resource],
      pageLimit: 2000,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.resources[0]?.state === 'bootstrapping' && (p.resources[0]?.rowsApplied ?? 0) > 0) during.push(indexesOf(resource));
      },
    });
    await engine.syncOnce();
    await expectSameAsServer(db, server, [resource]);
    return { before, during, after: indexesOf(resource) };
  }

  it('bootstraps an empty big table without its secondary indexes that do not follow the feed and builds them when caught up', async () => {
    const { before, during, after } = await indexesAroundBootstrap('mentions');
    expect(before).toEqual(['mentions_by_merchant', 'mentions_by_published']);
    expect(during.length).toBeGreaterThan(0);
    // mentions arrive in updated_at order, shortly after publishing: the published index is kept.
    expect(during.every((names) => names.join() === 'mentions_by_published')).toBe(true);
    expect(after).toEqual(before);
  });

  it('keeps an index that follows the feed order through the bootstrap: nothing to build at its end', async () => {
    // merchant_metrics arrives day by day, a day's merchants in order: its (date, merchant_id)
    // index is only appended to.
    const { before, during, after } = await indexesAroundBootstrap('merchant_metrics');
    expect(before).toEqual(['metrics_by_date_merchant']);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((names) => names.join() === 'metrics_by_date_merchant')).toBe(true);
    expect(after).toEqual(before);
  });

  it('restores indexes left out by an interrupted bootstrap before pulling again', async () => {
    server = await startPlatformServer({ scale: 'small' });
    const db = openDb();
    const { engine } = engineFor(db, server, { resources: ['mentions'], pageLimit: 1000 });
    await engine.syncOnce();
    // What a crash in the middle of a first bootstrap leaves: rows, a cursor, no secondary indexes.
    db.sqlite.exec('DROP INDEX mentions_by_published; DROP INDEX mentions_by_merchant');
    const again = engineFor(db, server, { resources: ['mentions'] }).engine;
    await again.pullOnce();
    const names = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(names).toEqual(['mentions_by_merchant', 'mentions_by_published']);
  });

  it('clears lastError once pulls succeed again (no stale "HTTP 503" in the UI)', async () => {
    server = await startPlatformServer({ scale: 'small' });
    server.setFaults({ errorRate: 1 });
    const db = openDb();
    const { engine } = engineFor(db, server, { resources: ['categories', 'people'] });
    engine.start();
    await waitFor(() => engine.progress().lastError !== null);
    expect(engine.progress().lastError).toMatch(/HTTP 5\d\d/);
    server.setFaults({ errorRate: 0 });
    await waitFor(() => engine.progress().resources.every((r) => r.state === 'caught_up'));
    expect(engine.progress().lastError).toBeNull();
    await engine.stop();
  });

  it('pauses while the platform is unreachable and resumes by itself', async () => {
    const port = await freePort();
    const db = openDb();
    const logger = recordingLogger();
    const probe = await startPlatformServer({ scale: 'small', port });
    const token = probe.tokens.operators[0]!.token;
    await probe.close(); // same seed → same token on the real start below
    const engine = createSyncEngine({
      sqlite: db.sqlite,
      logger,
      platform: { url: `http://127.0.0.1:${port}`, token },
      commands: commandRegistry,
      retry: FAST_RETRY,
      pollIntervalMs: 50,
      resources: ['categories', 'people', 'merchants'],
    });
    engine.start();
    await waitFor(() => engine.progress().online === false);
    expect(engine.progress().lastError).toMatch(/unreachable/);
    server = await startPlatformServer({ scale: 'small', port });
    await waitFor(() => engine.progress().resources.every((r) => r.state === 'caught_up'), 20_000);
    expect(engine.progress().online).toBe(true);
    await engine.stop();
    await expectSameAsServer(db, server, ['categories', 'people', 'merchants']);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}
