/**
 * The progress part alone: rate and ETA from page samples (plain arithmetic, explicit clock),
 * and the tracker over a real SQLite file: initial counts, throttled delivery, lastError
 * bookkeeping.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../../db/open';
import { makeTempDir, recordingLogger } from '../../../testing/temp-dir';
import type { SyncProgress } from '../api-types';
import type { FeedPage } from '../platform-client';
import { ProgressTracker, feedLagMs, samplePage, type ResourceTracker, type SyncStatus } from './progress';

const SERVER_TIME = '2026-03-01T12:00:00+08:00';

/** A page whose last item is `lagSeconds` behind the server's clock. */
function page(items: number, options: { hasMore?: boolean; remaining?: number; lagSeconds?: number } = {}): FeedPage {
  const updatedAt = new Date(Date.parse(SERVER_TIME) - (options.lagSeconds ?? 0) * 1000).toISOString();
  return {
    items: Array.from({ length: items }, (_, i) => ({ id: `r${i}`, data: { updated_at: updatedAt } })),
    next_cursor: 'c',
    has_more: options.hasMore ?? true,
    server_time: SERVER_TIME,
    ...(options.remaining === undefined ? {} : { remaining: options.remaining }),
  };
}

function freshTracker(): ResourceTracker {
  return {
    resource: 'merchants',
    state: 'bootstrapping',
    rowsApplied: 0,
    rowsReceived: 0,
    rowsPerSec: 0,
    etaSeconds: null,
    malformed: 0,
    lastError: null,
    caughtUpAt: null,
    samples: [],
    lagOrigin: null,
  };
}

describe('rate and ETA from page samples', () => {
  it('measures the lag of a page against the server clock, NaN without timestamps', () => {
    expect(feedLagMs(page(3, { lagSeconds: 90 }))).toBe(90_000);
    expect(feedLagMs({ items: [{ id: 'x' }], next_cursor: 'c', has_more: true, server_time: SERVER_TIME })).toBeNaN();
    expect(feedLagMs({ items: [], next_cursor: 'c', has_more: false, server_time: SERVER_TIME })).toBeNaN();
  });

  it('computes items per second over the window, the first sample only marking its start', () => {
    const tracker = freshTracker();
    samplePage(tracker, page(1000, { remaining: 10_000 }), 1000, 0);
    expect(tracker.rowsPerSec).toBe(0); // one sample: no span yet
    expect(tracker.etaSeconds).toBeNull(); // and so no rate to divide by
    samplePage(tracker, page(2000, { remaining: 10_000 }), 2000, 1_000);
    samplePage(tracker, page(3000, { remaining: 10_000 }), 3000, 2_000);
    expect(tracker.rowsPerSec).toBe(2500); // (2000 + 3000) items over 2 s
    expect(tracker.etaSeconds).toBe(4); // 10 000 remaining at 2500/s
  });

  it('forgets samples older than the rate window', () => {
    const tracker = freshTracker();
    samplePage(tracker, page(5000), 5000, 0);
    samplePage(tracker, page(100), 100, 6_000);
    expect(tracker.samples.map((s) => s.at)).toEqual([6_000]);
    expect(tracker.rowsPerSec).toBe(0);
    samplePage(tracker, page(400), 400, 7_000);
    expect(tracker.rowsPerSec).toBe(400);
  });

  it('without a remaining count, estimates from how fast the lag behind the server closes', () => {
    const tracker = freshTracker();
    samplePage(tracker, page(10, { lagSeconds: 100 }), 10, 0);
    expect(tracker.etaSeconds).toBeNull(); // nothing to compare with yet
    samplePage(tracker, page(10, { lagSeconds: 99 }), 10, 500);
    expect(tracker.etaSeconds).toBeNull(); // under a second of history is too little
    samplePage(tracker, page(10, { lagSeconds: 50 }), 10, 10_000);
    // 50 feed-seconds closed in 10 s = 5 per second; 50 s of lag left = 10 s.
    expect(tracker.etaSeconds).toBe(10);
    expect(tracker.lagOrigin).toEqual({ at: 0, lagMs: 100_000 });
  });

  it('says nothing when the lag grows, and 0 on the last page', () => {
    const tracker = freshTracker();
    samplePage(tracker, page(10, { lagSeconds: 10 }), 10, 0);
    samplePage(tracker, page(10, { lagSeconds: 20 }), 10, 5_000);
    expect(tracker.etaSeconds).toBeNull();
    samplePage(tracker, page(10, { hasMore: false, lagSeconds: 0 }), 10, 6_000);
    expect(tracker.etaSeconds).toBe(0);
  });
});

describe('ProgressTracker', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: OpenedDatabase;
  const NO_OUTBOX = () => ({ pending: 0, sent: 0, conflict: 0, rejected: 0 });

  beforeEach(() => {
    temp = makeTempDir('cockpit-progress-');
    db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  });
  afterEach(() => {
    vi.useRealTimers();
    db.close();
    temp.cleanup();
  });

  function quarantine(resource: string, recordId: string): void {
    db.sqlite
      .prepare('INSERT INTO quarantined_records (resource, record_id, version, reason, raw, received_at) VALUES (?, ?, 1, ?, ?, ?)')
      .run(resource, recordId, 'bad', '{}', SERVER_TIME);
  }

  function tracker(extra: { progressIntervalMs?: number; events?: SyncProgress[]; statuses?: SyncStatus[] } = {}) {
    const logger = recordingLogger();
    const progress = new ProgressTracker({
      sqlite: db.sqlite,
      logger,
      resources: ['people', 'merchants'],
      listeners: {
        onProgress: extra.events ? (p) => extra.events?.push(p) : undefined,
        onStatus: extra.statuses ? (s) => extra.statuses?.push(s) : undefined,
      },
      progressIntervalMs: extra.progressIntervalMs ?? 0,
      outboxCounts: NO_OUTBOX,
    });
    return { progress, logger };
  }

  function resourceOf(progress: ProgressTracker, resource: string) {
    return progress.snapshot().resources.find((r) => r.resource === resource);
  }

  it('starts from what the database holds: malformed counts and when each feed was last caught up', () => {
    quarantine('merchants', 'm1');
    quarantine('merchants', 'm2');
    db.sqlite.prepare('INSERT INTO sync_cursors (resource, cursor, caught_up_at) VALUES (?, ?, ?)').run('people', 'c9', SERVER_TIME);
    const { progress } = tracker();
    expect(resourceOf(progress, 'merchants')).toMatchObject({ state: 'idle', malformed: 2, caughtUpAt: null });
    expect(resourceOf(progress, 'people')).toMatchObject({ state: 'idle', malformed: 0, caughtUpAt: SERVER_TIME });
    expect(resourceOf(progress, 'people')).not.toHaveProperty('samples');
  });

  it('recounts malformed records from the database when a page had some', () => {
    const { progress } = tracker();
    quarantine('merchants', 'm1');
    quarantine('merchants', 'm2');
    quarantine('merchants', 'm3');
    progress.recordPage('merchants', page(5), { received: 5, applied: 2, malformed: 3, healed: 0 });
    expect(resourceOf(progress, 'merchants')).toMatchObject({ malformed: 3, rowsApplied: 2, rowsReceived: 5 });
  });

  it('throttles progress callbacks and still delivers the last state', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T04:00:00Z') });
    const events: SyncProgress[] = [];
    const { progress } = tracker({ progressIntervalMs: 250, events });
    progress.setResourceState('merchants', 'bootstrapping');
    expect(events).toHaveLength(1); // the first report goes out at once
    progress.setResourceState('merchants', 'catching_up');
    progress.setResourceState('people', 'bootstrapping');
    progress.setResourceState('merchants', 'error', 'boom');
    vi.advanceTimersByTime(249);
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(events).toHaveLength(2); // one trailing call for the three changes, with the last state
    const last = events[1]!;
    expect(last.resources.find((r) => r.resource === 'merchants')).toMatchObject({ state: 'error', lastError: 'boom' });
    expect(last.resources.find((r) => r.resource === 'people')).toMatchObject({ state: 'bootstrapping' });
    vi.advanceTimersByTime(1_000);
    expect(events).toHaveLength(2); // nothing changed: nothing more
  });

  it('flush delivers at once and drops the pending trailing call', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T04:00:00Z') });
    const events: SyncProgress[] = [];
    const { progress } = tracker({ progressIntervalMs: 250, events });
    progress.report();
    progress.setResourceState('people', 'catching_up');
    progress.flush();
    expect(events).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(events).toHaveLength(2);
  });

  it('clears lastError on a later success of the same source only', () => {
    const statuses: SyncStatus[] = [];
    const { progress } = tracker({ statuses });
    progress.setStatus({ lastError: 'merchants: boom' }, 'pull:merchants');
    progress.succeeded('pull:people');
    progress.succeeded('push');
    expect(progress.status.lastError).toBe('merchants: boom');
    progress.succeeded('pull:merchants');
    expect(progress.status.lastError).toBeNull();
    expect(statuses.map((s) => s.lastError)).toEqual(['merchants: boom', null]);
  });

  it('a page of the resource clears the error its retried fetch left, on the status and the resource', () => {
    const { progress } = tracker();
    progress.noteRetry('merchants', 'HTTP 503');
    progress.setStatus({ lastError: 'HTTP 503' }, 'fetch:merchants');
    progress.recordPage('people', page(1), { received: 1, applied: 1, malformed: 0, healed: 0 });
    expect(progress.status.lastError).toBe('HTTP 503');
    expect(resourceOf(progress, 'merchants')?.lastError).toBe('HTTP 503');
    progress.recordPage('merchants', page(1), { received: 1, applied: 1, malformed: 0, healed: 0 });
    expect(progress.status.lastError).toBeNull();
    expect(resourceOf(progress, 'merchants')?.lastError).toBeNull();
  });

  it('a network error is cleared by any success, but not while offline or unauthorized', () => {
    const { progress } = tracker();
    progress.setStatus({ online: false, lastError: 'platform unreachable' });
    progress.succeeded('push');
    expect(progress.status.lastError).toBe('platform unreachable'); // offline: stands until online again
    progress.setStatus({ online: true });
    progress.succeeded('push');
    expect(progress.status.lastError).toBeNull();

    progress.setStatus({ unauthorized: true, lastError: 'HTTP 401' });
    progress.succeeded('push');
    expect(progress.status.lastError).toBe('HTTP 401');
  });

  it('reports syncing while any work is busy, and the status only when it changes', () => {
    const statuses: SyncStatus[] = [];
    const { progress } = tracker({ statuses });
    progress.working('pull:people', true);
    progress.working('push', true);
    progress.working('pull:people', false);
    expect(progress.status.syncing).toBe(true);
    progress.working('push', false);
    expect(statuses).toEqual([
      { online: true, syncing: true, lastError: null },
      { online: true, syncing: false, lastError: null },
    ]);
  });

  it('a caught-up resource has no rate, ETA 0 and the time it caught up', () => {
    const { progress } = tracker();
    progress.recordPage('people', page(10, { remaining: 100 }), { received: 10, applied: 10, malformed: 0, healed: 0 });
    progress.caughtUp('people', SERVER_TIME);
    expect(resourceOf(progress, 'people')).toMatchObject({ state: 'caught_up', rowsPerSec: 0, etaSeconds: 0, caughtUpAt: SERVER_TIME, lastError: null });
  });

  it('a listener that throws is logged, not passed on', () => {
    const logger = recordingLogger();
    const progress = new ProgressTracker({
      sqlite: db.sqlite,
      logger,
      resources: ['people'],
      listeners: {
        onProgress() {
          throw new Error('listener broke');
        },
      },
      progressIntervalMs: 0,
      outboxCounts: NO_OUTBOX,
    });
    expect(() => progress.report()).not.toThrow();
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'progress listener failed' }));
  });
});
