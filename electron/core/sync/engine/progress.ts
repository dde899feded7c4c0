/**
 * What the engine tells the UI: per-resource progress (state, rows, rate, ETA, malformed count,
 * last error) and the engine's status (online, syncing, unauthorized, lastError), delivered
 * through `onProgress` (throttled) and `onStatus` (on change).
 *
 * State owned here: the resource trackers with their recent page samples, the status, what the
 * shown lastError came from, the set of work in progress (which makes `syncing`), and the
 * progress throttle's timer. The rate and ETA arithmetic is in plain functions (`samplePage`)
 * so it can be checked without a clock.
 */
import type Database from 'better-sqlite3';
import type { ResourceProgress, ResourceSyncState, SyncProgress } from '../api-types';
import type { FeedPage } from '../platform-client';
import type { SyncLogger } from './run';
import { countQuarantined, loadCursorRows, loadMalformedCounts } from './sync-tables';

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  lastError: string | null;
}

/** The status with what only the progress snapshot shows: stopped until the token is fixed. */
export type EngineStatus = SyncStatus & { unauthorized: boolean };

export interface ResourceTracker extends ResourceProgress {
  /** Recent pages: wall time, items, and how far the feed is behind the server's clock (ms, or NaN). */
  samples: { at: number; items: number; lagMs: number }[];
  /** First page of this pass (wall time, lag): the ETA averages over the whole pass. */
  lagOrigin: { at: number; lagMs: number } | null;
}

/** How far back the rate looks. */
export const RATE_WINDOW_MS = 5_000;

/** How far a page is behind `server_time`: server_time minus the last item's updated_at. */
export function feedLagMs(page: FeedPage): number {
  const last = page.items[page.items.length - 1] as { data?: { updated_at?: unknown } } | undefined;
  const updatedAt = last?.data?.updated_at;
  if (typeof updatedAt !== 'string' || typeof page.server_time !== 'string') return Number.NaN;
  return Date.parse(page.server_time) - Date.parse(updatedAt);
}

/** Adds a page of `received` items that arrived at `at` (ms) and recomputes the rate and the ETA. */
export function samplePage(tracker: ResourceTracker, page: FeedPage, received: number, at: number): void {
  tracker.samples.push({ at, items: received, lagMs: feedLagMs(page) });
  while (tracker.samples.length > 1 && at - (tracker.samples[0]?.at ?? at) > RATE_WINDOW_MS) tracker.samples.shift();
  tracker.rowsPerSec = rateOf(tracker.samples, at);
  tracker.etaSeconds = etaOf(tracker, page, at);
}

/** Items per second over the samples; the first sample only marks the start of the window. */
function rateOf(samples: ResourceTracker['samples'], at: number): number {
  const first = samples[0];
  const span = first ? (at - first.at) / 1000 : 0;
  const items = samples.reduce((sum, s) => sum + s.items, 0) - (first?.items ?? 0);
  return span > 0 ? Math.round(items / span) : 0;
}

function etaOf(tracker: ResourceTracker, page: FeedPage, at: number): number | null {
  const remaining = typeof page.remaining === 'number' && page.remaining >= 0 ? page.remaining : null;
  if (!page.has_more) return 0;
  if (remaining !== null) return tracker.rowsPerSec > 0 ? Math.round(remaining / tracker.rowsPerSec) : null;
  // No count from the server (the SPEC has none): feeds run roughly in change order, so the
  // ETA is how far behind the server's clock we are over how fast that gap is closing.
  const lagMs = feedLagMs(page);
  if (tracker.lagOrigin === null || !Number.isFinite(tracker.lagOrigin.lagMs)) tracker.lagOrigin = { at, lagMs };
  const origin = tracker.lagOrigin;
  const elapsed = (at - origin.at) / 1000;
  const closing = elapsed > 1 ? (origin.lagMs - lagMs) / 1000 / elapsed : Number.NaN; // feed-seconds per second
  return Number.isFinite(closing) && closing > 0 && lagMs > 0 ? Math.round(lagMs / 1000 / closing) : null;
}

export interface ProgressListeners {
  onProgress?(progress: SyncProgress): void;
  onStatus?(status: SyncStatus): void;
}

export interface ProgressTrackerOptions {
  sqlite: Database.Database;
  logger: SyncLogger;
  resources: readonly string[];
  /** Called as methods of this object (the engine passes its own options). */
  listeners: ProgressListeners;
  /** Minimum time between progress callbacks. */
  progressIntervalMs?: number;
  outboxCounts(): SyncProgress['outbox'];
}

export interface PageTally {
  received: number;
  applied: number;
  malformed: number;
  healed: number;
}

export class ProgressTracker {
  private readonly current: EngineStatus = { online: true, syncing: false, lastError: null, unauthorized: false };
  /**
   * What the shown lastError came from: 'fetch:<resource>' (a retried request), 'pull:<resource>',
   * 'push' or 'network'. A later success of the same work (any success for 'network') clears it,
   * so the UI never shows a stale error once pulls and pushes work again.
   */
  private lastErrorSource: string | null = null;
  private readonly trackers = new Map<string, ResourceTracker>();
  private readonly activeWork = new Set<string>();
  private readonly intervalMs: number;
  private lastProgressAt = 0;
  private progressTimer: NodeJS.Timeout | null = null;
  private lastStatusJson = '';

  constructor(private readonly options: ProgressTrackerOptions) {
    this.intervalMs = options.progressIntervalMs ?? 250;
    const malformedCounts = loadMalformedCounts(options.sqlite);
    const cursorRows = loadCursorRows(options.sqlite);
    for (const resource of options.resources) {
      this.trackers.set(resource, {
        resource,
        state: 'idle',
        rowsApplied: 0,
        rowsReceived: 0,
        rowsPerSec: 0,
        etaSeconds: null,
        malformed: malformedCounts.get(resource) ?? 0,
        lastError: null,
        caughtUpAt: cursorRows.get(resource)?.caught_up_at ?? null,
        samples: [],
        lagOrigin: null,
      });
    }
  }

  get status(): Readonly<EngineStatus> {
    return this.current;
  }

  snapshot(): SyncProgress {
    const status = this.current;
    return {
      online: status.online,
      syncing: status.syncing,
      unauthorized: status.unauthorized,
      lastError: status.lastError,
      resources: this.options.resources.map((r) => {
        const { samples: _samples, ...visible } = this.trackers.get(r) as ResourceTracker;
        return visible;
      }),
      outbox: this.options.outboxCounts(),
    };
  }

  /** Throttled to ~4/s with a trailing call, so the last state is always delivered. */
  report(): void {
    if (!this.options.listeners.onProgress || this.progressTimer) return;
    const wait = this.intervalMs - (Date.now() - this.lastProgressAt);
    if (wait <= 0) this.emitProgress();
    else {
      this.progressTimer = setTimeout(() => this.emitProgress(), wait);
      this.progressTimer.unref?.();
    }
  }

  /** Delivers the current state now, dropping a pending trailing call (end of a run). */
  flush(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.emitProgress();
  }

  private emitProgress(): void {
    this.progressTimer = null;
    this.lastProgressAt = Date.now();
    const { listeners } = this.options;
    if (!listeners.onProgress) return;
    try {
      listeners.onProgress(this.snapshot());
    } catch (error) {
      this.options.logger.error({ err: error }, 'progress listener failed');
    }
  }

  /** `errorSource` says what a new lastError came from (see lastErrorSource); 'network' when omitted. */
  setStatus(change: Partial<EngineStatus>, errorSource?: string): void {
    if (change.lastError !== undefined) this.lastErrorSource = change.lastError === null ? null : (errorSource ?? 'network');
    Object.assign(this.current, change);
    this.current.syncing = this.activeWork.size > 0;
    const visible: SyncStatus = { online: this.current.online, syncing: this.current.syncing, lastError: this.current.lastError };
    const json = JSON.stringify(visible);
    if (json !== this.lastStatusJson) {
      this.lastStatusJson = json;
      try {
        this.options.listeners.onStatus?.(visible);
      } catch (error) {
        this.options.logger.error({ err: error }, 'status listener failed');
      }
    }
    this.report();
  }

  /** A new run may try the token again; shown with the next report. */
  clearUnauthorized(): void {
    this.current.unauthorized = false;
  }

  /** Work of `source` succeeded: an error it (or a network hiccup) left on the status is over. */
  succeeded(source: string): void {
    const status = this.current;
    // While offline the error stands until the platform answers again (waitUntilOnline clears it).
    if (status.lastError === null || status.unauthorized || !status.online) return;
    if (this.lastErrorSource === source || this.lastErrorSource === 'network') this.setStatus({ lastError: null });
  }

  /** `syncing` is true while any key is busy. */
  working(key: string, busy: boolean): void {
    if (busy) this.activeWork.add(key);
    else this.activeWork.delete(key);
    this.setStatus({});
  }

  /** After stop(): nothing is in progress any more. */
  endAllWork(): void {
    this.activeWork.clear();
    this.setStatus({});
  }

  setResourceState(resource: string, state: ResourceSyncState, lastError?: string | null): void {
    const tracker = this.trackers.get(resource);
    if (!tracker) return;
    if (state !== tracker.state && (state === 'bootstrapping' || state === 'catching_up')) tracker.lagOrigin = null;
    tracker.state = state;
    if (lastError !== undefined) tracker.lastError = lastError;
    if (state === 'caught_up') {
      tracker.rowsPerSec = 0;
      tracker.etaSeconds = 0;
      tracker.samples = [];
    }
    this.report();
  }

  caughtUp(resource: string, at: string): void {
    const tracker = this.trackers.get(resource);
    if (tracker) tracker.caughtUpAt = at;
    this.setResourceState(resource, 'caught_up', null);
  }

  /** A page was written: counts, rate and ETA; its success clears the resource's errors. */
  recordPage(resource: string, page: FeedPage, outcome: PageTally): void {
    const tracker = this.trackers.get(resource);
    if (!tracker) return;
    const at = Date.now();
    tracker.rowsApplied += outcome.applied;
    tracker.rowsReceived += outcome.received;
    if (outcome.malformed > 0 || outcome.healed > 0) tracker.malformed = countQuarantined(this.options.sqlite, resource);
    samplePage(tracker, page, outcome.received, at);
    tracker.lastError = null;
    this.succeeded(`fetch:${resource}`);
    this.succeeded(`pull:${resource}`);
    this.report();
  }

  /** A request for `resource` failed and is retried: shown on the resource until a page arrives. */
  noteRetry(resource: string, message: string): void {
    const tracker = this.trackers.get(resource);
    if (tracker) tracker.lastError = message;
  }

  /** Offline: every resource in the middle of a pass waits (not reported by itself). */
  pauseUnfinished(): void {
    for (const tracker of this.trackers.values()) if (tracker.state !== 'caught_up' && tracker.state !== 'idle') tracker.state = 'paused';
  }
}
