/**
 * The sync engine: pulls every change feed into SQLite and pushes the outbox. Runs inside the
 * core's worker thread next to the UI's calls, so a page is written in transactions of about
 * `chunkBudgetMs` (the cursor with the last one) and the loops yield to the event loop between
 * them. Pages are read ahead (up to two) so the server prepares the next while one is written.
 *
 * Two pull lanes: small resources (everything but the three big feeds) first, so boards are usable
 * early, then the big feeds. Each lane polls with the same cursor once caught up. The pusher wakes
 * on issueCommand and on a timer.
 */
import type Database from 'better-sqlite3';
import { CancelledError } from './cancelled';
import type { CommandRegistry } from './commands';
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import type {
  IssueCommandInput, OutboxEntry, OutboxFilter, QuarantinedRecord, ResourceProgress, ResourceSyncState, SyncProgress, SyncSummary,
} from './api-types';
import { deferIndexesIfEmpty, restoreIndexes } from './deferred-indexes';
import { Outbox } from './outbox';
import { PlatformClient, PlatformError, RESPONSE_TOO_LARGE, backoffDelay, withRetries, type FeedPage, type RetryPolicy, type WireCommand } from './platform-client';
import { RecordStore, type PageOutcome } from './record-store';
import { SYNC_ORDER, isLargeResource } from './resources';
import { formatShanghaiTimestamp } from './time';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  lastError: string | null;
}

export interface SyncEngineOptions {
  sqlite: Database.Database;
  logger: SyncLogger;
  platform: { url: string; token: string };
  onProgress?(progress: SyncProgress): void;
  onStatus?(status: SyncStatus): void;
  /** Items per feed request (SPEC max 5000). */
  pageLimit?: number;
  /** Delay between polls once caught up. */
  pollIntervalMs?: number;
  /** Resources to sync, in order; defaults to all (small first). */
  resources?: readonly string[];
  now?: () => Date;
  /** Minimum time between progress callbacks. */
  progressIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  requestTimeoutMs?: number;
  random?: () => number;
  /** The operator behind the token (for optimistic effects); learnt from GET /v1/me when omitted. */
  operatorId?: string;
  /** Every command the domains declare (electron/core/domains.ts `commandRegistry`). */
  commands: CommandRegistry;
  /** Target duration of one write transaction (a page is split into several when it takes longer). */
  chunkBudgetMs?: number;
}

export interface SyncEngine {
  /** Starts the background loops (pull lanes, pusher). Idempotent. */
  start(): void;
  /** Stops the loops and waits for them; an in-flight page transaction always completes. */
  stop(): Promise<void>;
  /** Pushes, pulls every resource until caught up, then pushes again. For the CLI and tests (not while started). */
  syncOnce(): Promise<SyncSummary>;
  /** While started: poll every feed and push now instead of waiting for the next poll ("sync now"). */
  wake(): void;
  progress(): SyncProgress;
  /** Writes the command and its local effect in one transaction, wakes the pusher; returns the command id. */
  issueCommand(input: IssueCommandInput, applyLocalEffect?: (() => void) | null): string;
  /** keep_mine returns the id of the re-issued command; take_theirs returns null. */
  resolveConflict(commandId: string, choice: 'keep_mine' | 'take_theirs'): string | null;
  listOutbox(filter?: OutboxFilter): OutboxEntry[];
  listQuarantine(resource?: string, limit?: number): QuarantinedRecord[];
  /** Pushes until nothing is sendable (used by tests and by syncOnce). */
  pushOnce(): Promise<number>;
  /** Pulls every resource until caught up, without pushing. */
  pullOnce(): Promise<Omit<SyncSummary, 'commandsSent' | 'outbox'>>;
}

interface ResourceTracker extends ResourceProgress {
  /** Recent pages: wall time, items, and how far the feed is behind the server's clock (ms, or NaN). */
  samples: { at: number; items: number; lagMs: number }[];
  /** First page of this pass (wall time, lag): the ETA averages over the whole pass. */
  lagOrigin: { at: number; lagMs: number } | null;
}

/** How far a page is behind `server_time`: server_time minus the last item's updated_at. */
function feedLagMs(page: FeedPage): number {
  const last = page.items[page.items.length - 1] as { data?: { updated_at?: unknown } } | undefined;
  const updatedAt = last?.data?.updated_at;
  if (typeof updatedAt !== 'string' || typeof page.server_time !== 'string') return Number.NaN;
  return Date.parse(page.server_time) - Date.parse(updatedAt);
}

/**
 * WAL pages between automatic checkpoints while a big feed bootstraps (default 1000 = 4 MB).
 * Each checkpoint copies the WAL into the database and fsyncs both files; a 5000-row page dirties
 * a few hundred pages (thousands where an index is kept), so with the default every few
 * transactions paid a checkpoint and its fsyncs. With 100 MB of WAL between checkpoints a page
 * rewritten by several transactions is copied once, and the fsyncs are rare. A checkpoint then
 * takes a few hundred ms inside one commit (the worker's event loop waits, the UI thread does not).
 */
const BULK_WAL_AUTOCHECKPOINT_PAGES = 25_000;

const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY, maxOfflineMs: Number.POSITIVE_INFINITY };
const RATE_WINDOW_MS = 5_000;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { sqlite, logger } = options;
  const pageLimit = Math.min(5000, Math.max(1, options.pageLimit ?? 5000));
  const pollIntervalMs = options.pollIntervalMs ?? 3_000;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const resources = (options.resources ?? SYNC_ORDER).slice();
  const client = new PlatformClient({ url: options.platform.url, token: options.platform.token, requestTimeoutMs: options.requestTimeoutMs });

  // The outbox owns the guard set; the record store reads it on every upsert.
  let outbox: Outbox | null = null;
  const records = new RecordStore(sqlite, (resource) => outbox?.guardsFor(resource), (resource) => options.commands.guardFieldOf(resource));
  outbox = new Outbox(sqlite, records, options.commands, now, logger);
  const commands = outbox;
  commands.operatorId = options.operatorId ?? null;
  /** Best effort, once: the optimistic effects use it; nothing waits for it. */
  function learnOperator(): void {
    if (commands.operatorId !== null) return;
    client
      .me(abort.signal)
      .then((me) => {
        commands.operatorId = me.id;
      })
      .catch(() => undefined);
  }

  const status: SyncStatus & { unauthorized: boolean } = { online: true, syncing: false, lastError: null, unauthorized: false };
  /**
   * What the shown lastError came from: 'fetch:<resource>' (a retried request), 'pull:<resource>',
   * 'push' or 'network'. A later success of the same work (any success for 'network') clears it,
   * so the UI never shows a stale error once pulls and pushes work again.
   */
  let lastErrorSource: string | null = null;
  const trackers = new Map<string, ResourceTracker>();
  const malformedCounts = loadMalformedCounts();
  const cursorRows = loadCursorRows();
  for (const resource of resources) {
    trackers.set(resource, {
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

  let abort = new AbortController();
  let running: Promise<void>[] = [];
  let wakePusher: (() => void) | null = null;
  let pushRequested = false;
  let onlineWaiter: Promise<void> | null = null;
  const activeWork = new Set<string>();

  // ---------- progress & status ----------

  let lastProgressAt = 0;
  let progressTimer: NodeJS.Timeout | null = null;
  const progressInterval = options.progressIntervalMs ?? 250;

  function snapshot(): SyncProgress {
    return {
      online: status.online,
      syncing: status.syncing,
      unauthorized: status.unauthorized,
      lastError: status.lastError,
      resources: resources.map((r) => {
        const { samples: _samples, ...visible } = trackers.get(r) as ResourceTracker;
        return visible;
      }),
      outbox: commands.counts(),
    };
  }

  function emitProgress(): void {
    progressTimer = null;
    lastProgressAt = Date.now();
    if (!options.onProgress) return;
    try {
      options.onProgress(snapshot());
    } catch (error) {
      logger.error({ err: error }, 'progress listener failed');
    }
  }

  /** Throttled to ~4/s with a trailing call, so the last state is always delivered. */
  function reportProgress(): void {
    if (!options.onProgress || progressTimer) return;
    const wait = progressInterval - (Date.now() - lastProgressAt);
    if (wait <= 0) emitProgress();
    else {
      progressTimer = setTimeout(emitProgress, wait);
      progressTimer.unref?.();
    }
  }

  let lastStatusJson = '';
  function setStatus(change: Partial<SyncStatus & { unauthorized: boolean }>, errorSource?: string): void {
    if (change.lastError !== undefined) lastErrorSource = change.lastError === null ? null : (errorSource ?? 'network');
    Object.assign(status, change);
    status.syncing = activeWork.size > 0;
    const visible: SyncStatus = { online: status.online, syncing: status.syncing, lastError: status.lastError };
    const json = JSON.stringify(visible);
    if (json !== lastStatusJson) {
      lastStatusJson = json;
      try {
        options.onStatus?.(visible);
      } catch (error) {
        logger.error({ err: error }, 'status listener failed');
      }
    }
    reportProgress();
  }

  /** Work of `source` succeeded: an error it (or a network hiccup) left on the status is over. */
  function succeeded(source: string): void {
    // While offline the error stands until the platform answers again (waitUntilOnline clears it).
    if (status.lastError === null || status.unauthorized || !status.online) return;
    if (lastErrorSource === source || lastErrorSource === 'network') setStatus({ lastError: null });
  }

  function working(key: string, busy: boolean): void {
    if (busy) activeWork.add(key);
    else activeWork.delete(key);
    setStatus({});
  }

  function setResourceState(resource: string, state: ResourceSyncState, lastError?: string | null): void {
    const tracker = trackers.get(resource);
    if (!tracker) return;
    if (state !== tracker.state && (state === 'bootstrapping' || state === 'catching_up')) tracker.lagOrigin = null;
    tracker.state = state;
    if (lastError !== undefined) tracker.lastError = lastError;
    if (state === 'caught_up') {
      tracker.rowsPerSec = 0;
      tracker.etaSeconds = 0;
      tracker.samples = [];
    }
    reportProgress();
  }

  function recordPage(resource: string, page: FeedPage, outcome: { received: number; applied: number; malformed: number; healed: number }): void {
    const tracker = trackers.get(resource);
    if (!tracker) return;
    const at = Date.now();
    tracker.rowsApplied += outcome.applied;
    tracker.rowsReceived += outcome.received;
    if (outcome.malformed > 0 || outcome.healed > 0) tracker.malformed = countQuarantined(resource);
    tracker.samples.push({ at, items: outcome.received, lagMs: feedLagMs(page) });
    while (tracker.samples.length > 1 && at - (tracker.samples[0]?.at ?? at) > RATE_WINDOW_MS) tracker.samples.shift();
    const first = tracker.samples[0];
    const span = first ? (at - first.at) / 1000 : 0;
    const items = tracker.samples.reduce((sum, s) => sum + s.items, 0) - (first?.items ?? 0);
    tracker.rowsPerSec = span > 0 ? Math.round(items / span) : 0;
    const remaining = typeof page.remaining === 'number' && page.remaining >= 0 ? page.remaining : null;
    if (!page.has_more) tracker.etaSeconds = 0;
    else if (remaining !== null) tracker.etaSeconds = tracker.rowsPerSec > 0 ? Math.round(remaining / tracker.rowsPerSec) : null;
    else {
      // No count from the server (the SPEC has none): feeds run roughly in change order, so the
      // ETA is how far behind the server's clock we are over how fast that gap is closing.
      const lagMs = feedLagMs(page);
      if (tracker.lagOrigin === null || !Number.isFinite(tracker.lagOrigin.lagMs)) tracker.lagOrigin = { at, lagMs };
      const origin = tracker.lagOrigin;
      const elapsed = (at - origin.at) / 1000;
      const closing = elapsed > 1 ? (origin.lagMs - lagMs) / 1000 / elapsed : Number.NaN; // feed-seconds per second
      tracker.etaSeconds = Number.isFinite(closing) && closing > 0 && lagMs > 0 ? Math.round(lagMs / 1000 / closing) : null;
    }
    tracker.lastError = null;
    succeeded(`fetch:${resource}`);
    succeeded(`pull:${resource}`);
    reportProgress();
  }

  // ---------- small DB reads ----------

  function loadMalformedCounts(): Map<string, number> {
    const rows = sqlite.prepare('SELECT resource, count(*) AS n FROM quarantined_records GROUP BY resource').all() as { resource: string; n: number }[];
    return new Map(rows.map((r) => [r.resource, r.n]));
  }

  function countQuarantined(resource: string): number {
    return Number(sqlite.prepare('SELECT count(*) FROM quarantined_records WHERE resource = ?').pluck().get(resource));
  }

  interface CursorRow {
    resource: string;
    cursor: string | null;
    bootstrap_started_at: string | null;
    caught_up_at: string | null;
  }

  function loadCursorRows(): Map<string, CursorRow> {
    const rows = sqlite.prepare('SELECT resource, cursor, bootstrap_started_at, caught_up_at FROM sync_cursors').all() as CursorRow[];
    return new Map(rows.map((r) => [r.resource, r]));
  }

  function readCursor(resource: string): CursorRow | undefined {
    return sqlite.prepare('SELECT resource, cursor, bootstrap_started_at, caught_up_at FROM sync_cursors WHERE resource = ?').get(resource) as
      | CursorRow
      | undefined;
  }

  function saveResourceError(resource: string, message: string): void {
    sqlite
      .prepare(
        `INSERT INTO sync_cursors (resource, last_error) VALUES (?, ?) ON CONFLICT (resource) DO UPDATE SET last_error = excluded.last_error`,
      )
      .run(resource, message);
  }

  // ---------- waiting, retries, offline ----------

  function sleep(ms: number): Promise<void> {
    const signal = abort.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function checkStopped(): void {
    if (abort.signal.aborted) throw new CancelledError();
  }

  /** One shared health poll while offline, so both lanes and the pusher resume together. */
  function waitUntilOnline(error: PlatformError, startedOfflineAt: number): Promise<void> {
    if (!onlineWaiter) {
      setStatus({ online: false, lastError: error.message });
      logger.warn({ reason: error.message }, 'platform unreachable; pausing sync until it answers');
      for (const tracker of trackers.values()) if (tracker.state !== 'caught_up' && tracker.state !== 'idle') tracker.state = 'paused';
      onlineWaiter = (async () => {
        let attempt = 0;
        for (;;) {
          checkStopped();
          if (Date.now() - startedOfflineAt > retryPolicy.maxOfflineMs) throw new PlatformError('offline', `offline for more than ${retryPolicy.maxOfflineMs} ms: ${error.message}`);
          await sleep(Math.max(100, backoffDelay({ ...retryPolicy, maxDelayMs: Math.min(retryPolicy.maxDelayMs, 10_000) }, ++attempt, random)));
          try {
            await client.health(abort.signal);
            break;
          } catch (healthError) {
            if (healthError instanceof CancelledError) throw healthError;
          }
        }
        logger.info({}, 'platform reachable again; resuming sync');
        setStatus({ online: true, lastError: null });
      })().finally(() => {
        onlineWaiter = null;
      });
    }
    return onlineWaiter;
  }

  function retrying<T>(what: string, resource: string | null, operation: () => Promise<T>): Promise<T> {
    const offlineSince = Date.now();
    return withRetries(
      async () => {
        checkStopped();
        const result = await operation();
        if (!status.online) setStatus({ online: true });
        if (resource) succeeded(`fetch:${resource}`);
        return result;
      },
      retryPolicy,
      {
        sleep,
        random,
        onRetry(error, attempt, delayMs) {
          logger.warn({ what, resource, attempt, delayMs, reason: error.message }, 'platform request failed; retrying');
          if (resource) {
            const tracker = trackers.get(resource);
            if (tracker) tracker.lastError = error.message;
          }
          setStatus({ lastError: error.message }, resource ? `fetch:${resource}` : 'push');
        },
        waitUntilOnline: (error) => waitUntilOnline(error, offlineSince),
      },
    );
  }

  // ---------- pull ----------

  interface PullResult {
    applied: number;
    received: number;
    malformed: number;
  }

  function fetchPage(resource: string, cursor: string | null, onPeek?: (nextCursor: string) => void): Promise<FeedPage> {
    const promise = retrying('changes', resource, () => client.changes(resource, cursor, pageLimit, abort.signal, onPeek));
    // A prefetched page may fail while we are still applying the previous one; the error is
    // handled where it is awaited, this only silences "unhandled rejection" in between.
    promise.catch(() => undefined);
    return promise;
  }

  /** Rows per transaction, adapted so that one transaction takes about `chunkBudgetMs`. */
  // Fewer, larger transactions are much cheaper (a B-tree page touched by many rows is written to
  // the WAL once per commit), so a chunk is never below 1000 rows: at most 5 commits a page.
  let chunkRows = 5_000;
  const chunkBudgetMs = options.chunkBudgetMs ?? 40;

  /**
   * Applies a page in transactions of about `chunkBudgetMs` each, yielding to the event loop in
   * between, so that the worker keeps answering the UI during a 12M-row bootstrap. The cursor is
   * written with the last chunk only: a crash in between leaves the cursor where it was and the
   * page is fetched and applied again, which changes nothing (versions only go up).
   */
  async function applyInChunks(resource: string, page: FeedPage, markSeen: boolean): Promise<PageOutcome> {
    const total: PageOutcome = { received: 0, applied: 0, ignored: 0, malformed: 0, guarded: 0, healed: 0 };
    const items = page.items;
    const receivedAt = formatShanghaiTimestamp(now());
    let from = 0;
    do {
      const to = Math.min(items.length, from + chunkRows);
      const last = to >= items.length;
      const started = performance.now();
      const outcome = records.applyPage({
        resource,
        items: from === 0 && last ? items : items.slice(from, to),
        nextCursor: last ? page.next_cursor : null,
        caughtUp: last && !page.has_more,
        markSeen,
        receivedAt,
      });
      const ms = performance.now() - started;
      if (ms > 250) logger.warn({ resource, rows: to - from, ms: Math.round(ms) }, 'slow page transaction');
      if (to - from >= 200) {
        const ideal = ((to - from) * chunkBudgetMs) / Math.max(ms, 0.5);
        chunkRows = Math.round(Math.min(5_000, Math.max(1_000, chunkRows * 0.5 + ideal * 0.5)));
      }
      total.received += outcome.received;
      total.applied += outcome.applied;
      total.ignored += outcome.ignored;
      total.malformed += outcome.malformed;
      total.guarded += outcome.guarded;
      total.healed += outcome.healed;
      from = to;
      if (!last) {
        await yieldImmediate();
        checkStopped();
      }
    } while (from < items.length);
    return total;
  }

  /** Bulk phases (a big feed bootstrapping) checkpoint the WAL less often; nested, restored at the end. */
  let bulkDepth = 0;
  let normalAutocheckpoint = 1000;
  function bulkWrites(on: boolean): void {
    try {
      if (on) {
        if (bulkDepth++ > 0) return;
        normalAutocheckpoint = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
        if (normalAutocheckpoint > 0 && normalAutocheckpoint < BULK_WAL_AUTOCHECKPOINT_PAGES) sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
      } else if (--bulkDepth === 0) {
        sqlite.pragma(`wal_autocheckpoint = ${normalAutocheckpoint}`);
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not change wal_autocheckpoint');
    }
  }

  function restoreTableIndexes(resource: string): void {
    const started = performance.now();
    const created = restoreIndexes(sqlite, resource);
    if (created.length > 0) logger.info({ resource, indexes: created, ms: Math.round(performance.now() - started) }, 'indexes built');
  }

  /** Pulls one resource until the feed says has_more=false. */
  async function pullResource(resource: string): Promise<PullResult> {
    const total: PullResult = { applied: 0, received: 0, malformed: 0 };
    const row = readCursor(resource);
    let cursor = row?.cursor ?? null;
    let markSeen = row?.bootstrap_started_at != null;
    setResourceState(resource, cursor === null || markSeen ? 'bootstrapping' : 'catching_up');
    working(`pull:${resource}`, true);
    const bulk = isLargeResource(resource) && (cursor === null || markSeen);
    if (bulk) bulkWrites(true);
    try {
      if (isLargeResource(resource)) {
        // A first bootstrap into an empty table builds the secondary indexes at the end; anything
        // else (catch-up, resuming after a crash or a stop) first restores what is missing.
        const deferred = cursor === null && !markSeen ? deferIndexesIfEmpty(sqlite, resource) : 0;
        if (deferred > 0) logger.info({ resource, indexes: deferred }, 'bootstrapping an empty table: indexes are built when it is caught up');
        else restoreTableIndexes(resource);
      }
      // Read-ahead: as soon as a page's body has arrived, the next page is asked for (its cursor is
      // read from the tail of the text, before the parse), at most two pages beyond the one being
      // written. The server works on the next page while this one is parsed and written.
      const ahead = new Map<string, Promise<FeedPage>>();
      const peek = (nextCursor: string): void => {
        if (ahead.has(nextCursor) || ahead.size >= 2 || abort.signal.aborted) return;
        ahead.set(nextCursor, fetchPage(resource, nextCursor, peek));
      };
      const take = (from: string | null): Promise<FeedPage> => {
        const early = from === null ? undefined : ahead.get(from);
        if (early) {
          ahead.delete(from as string);
          return early;
        }
        ahead.clear(); // a wrong guess (or a restart after 410): forget whatever was read ahead
        return fetchPage(resource, from, peek);
      };
      let next: Promise<FeedPage> | null = take(cursor);
      while (next) {
        let page: FeedPage;
        try {
          page = await next;
        } catch (error) {
          if (error instanceof PlatformError && error.kind === 'cursor_expired') {
            logger.warn({ resource }, 'cursor expired (410): bootstrapping the resource again');
            records.beginRebootstrap(resource, formatShanghaiTimestamp(now()));
            markSeen = true;
            cursor = null;
            setResourceState(resource, 'bootstrapping');
            next = take(null);
            continue;
          }
          throw error;
        }
        // The next page is on its way (read ahead) while this one is written.
        next = page.has_more ? take(page.next_cursor) : null;
        checkStopped();
        const outcome = await applyInChunks(resource, page, markSeen);
        cursor = page.next_cursor;
        total.applied += outcome.applied;
        total.received += outcome.received;
        total.malformed += outcome.malformed;
        if (outcome.malformed > 0) logger.warn({ resource, malformed: outcome.malformed }, 'malformed records kept aside');
        recordPage(resource, page, outcome);
        if (!page.has_more && markSeen) {
          const removed = await records.sweepUnseen(resource, () => yieldImmediate());
          logger.info({ resource, removed }, 'bootstrap after cursor expiry finished; removed records the server no longer has');
          markSeen = false;
        }
        await yieldImmediate();
      }
      if (isLargeResource(resource)) restoreTableIndexes(resource);
      const tracker = trackers.get(resource);
      if (tracker) tracker.caughtUpAt = formatShanghaiTimestamp(now());
      setResourceState(resource, 'caught_up', null);
      return total;
    } finally {
      if (bulk) bulkWrites(false);
      working(`pull:${resource}`, false);
    }
  }

  function handleResourceFailure(resource: string, error: unknown): void {
    if (error instanceof CancelledError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ resource, err: error }, 'pull failed');
    saveResourceError(resource, message);
    setResourceState(resource, 'error', message);
    if (error instanceof PlatformError && error.kind === 'unauthorized') {
      setStatus({ unauthorized: true, lastError: message });
      abort.abort(); // nothing will work until the token is fixed
    } else {
      setStatus({ lastError: `${resource}: ${message}` }, `pull:${resource}`);
    }
  }

  async function pullLane(laneResources: readonly string[], ready: { resolve(): void } | null, waitFor: Promise<void> | null): Promise<void> {
    // stop() before the small lane's first round must not leave this lane waiting forever.
    if (waitFor) await Promise.race([waitFor, sleep(2_147_483_647)]);
    let failures = 0;
    while (!abort.signal.aborted) {
      let failed = false;
      for (const resource of laneResources) {
        try {
          await pullResource(resource);
        } catch (error) {
          handleResourceFailure(resource, error);
          failed = true;
        }
      }
      ready?.resolve();
      ready = null;
      failures = failed ? failures + 1 : 0;
      await pollPause(failed ? Math.max(pollIntervalMs, backoffDelay(retryPolicy, failures, random)) : pollIntervalMs);
    }
  }

  /** The pause between polls; wake() ends it early. */
  const pollWakers = new Set<() => void>();
  async function pollPause(ms: number): Promise<void> {
    let wakeEarly: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => {
      wakeEarly = resolve;
      pollWakers.add(resolve);
    });
    try {
      await Promise.race([sleep(ms), woken]);
    } finally {
      pollWakers.delete(wakeEarly);
    }
  }

  // ---------- push ----------

  let batchLimit = 200;

  /** Sends until nothing is sendable; returns the number of commands answered. */
  async function pushUntilIdle(): Promise<number> {
    let answered = 0;
    for (;;) {
      checkStopped();
      const batch = commands.nextBatch(batchLimit);
      if (batch.length === 0) return answered;
      working('push', true);
      try {
        commands.markSent(batch);
        reportProgress();
        let results;
        try {
          results = await retrying('commands', null, () => client.sendCommands(batch, abort.signal));
        } catch (error) {
          // An answer over the byte cap says nothing of what the platform applied: not a refusal.
          if (error instanceof PlatformError && error.kind === 'refused' && error.code !== RESPONSE_TOO_LARGE) {
            handleRefusedBatch(batch, error);
            continue;
          }
          if (!(error instanceof CancelledError)) commands.noteSendError(batch, error instanceof Error ? error.message : String(error));
          throw error;
        }
        batchLimit = 200;
        const tally = commands.applyResults(results);
        answered += tally.done + tally.conflict + tally.rejected;
        if (tally.done + tally.conflict + tally.rejected > 0) succeeded('push');
        if (results.length < batch.length) logger.warn({ sent: batch.length, answered: results.length }, 'platform answered only part of a command batch; the rest go again');
        // Nothing answered at all: back off instead of asking again at once.
        if (tally.done + tally.conflict + tally.rejected === 0) throw new PlatformError('transient', 'the platform answered none of the commands sent');
        reportProgress();
      } finally {
        working('push', false);
      }
      await yieldImmediate();
    }
  }

  /**
   * A 400/413/422 for the whole request: find the culprit by sending one at a time, reject only it.
   * (Other 4xx — wrong URL, permission — say nothing about the commands: they stay and go again.)
   */
  function handleRefusedBatch(batch: readonly WireCommand[], error: PlatformError): void {
    if (batch.length > 1) {
      logger.warn({ size: batch.length, reason: error.message }, 'command batch refused; retrying one by one');
      batchLimit = 1;
      return;
    }
    const only = batch[0];
    if (only) commands.reject(only.id, `${error.code ?? `http_${error.status}`}: ${error.message}`);
  }

  async function pushLoop(): Promise<void> {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        pushRequested = false;
        await pushUntilIdle();
        succeeded('push');
        failures = 0;
      } catch (error) {
        if (error instanceof CancelledError || abort.signal.aborted) return;
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ err: error }, 'push failed');
        if (error instanceof PlatformError && error.kind === 'unauthorized') {
          setStatus({ unauthorized: true, lastError: message });
          abort.abort();
          return;
        }
        setStatus({ lastError: `outbox: ${message}` }, 'push');
      }
      if (pushRequested) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, failures > 0 ? Math.max(1_000, backoffDelay(retryPolicy, failures, random)) : pollIntervalMs * 5);
        function done(): void {
          clearTimeout(timer);
          abort.signal.removeEventListener('abort', done);
          wakePusher = null;
          resolve();
        }
        wakePusher = done;
        abort.signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  // ---------- public API ----------

  function requestPush(): void {
    pushRequested = true;
    wakePusher?.();
  }

  /** One pass over every resource, in order; the first failure is recorded on its resource and ends the pass. */
  async function pullEveryResource(summary: { rowsApplied: number; rowsReceived: number; malformed: number }): Promise<void> {
    for (const resource of resources) {
      try {
        const result = await pullResource(resource);
        summary.rowsApplied += result.applied;
        summary.rowsReceived += result.received;
        summary.malformed += result.malformed;
      } catch (error) {
        handleResourceFailure(resource, error);
        throw error;
      }
    }
  }

  function guardAgainstConcurrentRun(): void {
    if (running.length > 0) throw new Error('the sync engine is already running');
  }

  function freshAbort(): void {
    if (abort.signal.aborted) abort = new AbortController();
    status.unauthorized = false;
  }

  const engine: SyncEngine = {
    start() {
      if (running.length > 0) return;
      freshAbort();
      learnOperator();
      let resolveSmall: () => void = () => undefined;
      const smallReady = new Promise<void>((resolve) => (resolveSmall = resolve));
      const small = resources.filter((r) => !isLargeResource(r));
      const large = resources.filter((r) => isLargeResource(r));
      const lanes = [pullLane(small, { resolve: resolveSmall }, null), pullLane(large, null, small.length > 0 ? smallReady : null), pushLoop()];
      running = lanes.map((lane) =>
        lane.catch((error: unknown) => {
          if (!(error instanceof CancelledError)) logger.error({ err: error }, 'sync loop crashed');
        }),
      );
      logger.info({ url: options.platform.url, resources: resources.length }, 'sync started');
    },

    async stop() {
      abort.abort();
      wakePusher?.();
      await Promise.all(running);
      running = [];
      if (progressTimer) clearTimeout(progressTimer);
      emitProgress();
      activeWork.clear();
      setStatus({});
    },

    async syncOnce() {
      guardAgainstConcurrentRun();
      freshAbort();
      learnOperator();
      const startedAt = Date.now();
      const summary = { rowsApplied: 0, rowsReceived: 0, malformed: 0, commandsSent: 0 };
      try {
        // Push first too: local intents should not wait behind a 12M-row bootstrap.
        summary.commandsSent += await pushUntilIdle();
        await pullEveryResource(summary);
        summary.commandsSent += await pushUntilIdle();
      } finally {
        if (progressTimer) clearTimeout(progressTimer);
        emitProgress();
      }
      return { ...summary, seconds: (Date.now() - startedAt) / 1000, outbox: commands.counts() };
    },

    progress: snapshot,

    wake() {
      for (const wakeLane of [...pollWakers]) wakeLane();
      requestPush();
    },

    issueCommand(input, applyLocalEffect) {
      const id = commands.issue(input, applyLocalEffect);
      requestPush();
      reportProgress();
      return id;
    },

    resolveConflict(commandId, choice) {
      const newId = commands.resolveConflict(commandId, choice);
      requestPush();
      reportProgress();
      return newId;
    },

    listOutbox: (filter) => commands.list(filter),

    listQuarantine(resource, limit = 500) {
      const rows = sqlite
        .prepare(
          `SELECT resource, record_id AS recordId, version, reason, raw, received_at AS receivedAt FROM quarantined_records
           ${resource ? 'WHERE resource = ?' : ''} ORDER BY received_at DESC LIMIT ?`,
        )
        .all(...(resource ? [resource, limit] : [limit])) as QuarantinedRecord[];
      return rows;
    },

    async pushOnce() {
      guardAgainstConcurrentRun();
      freshAbort();
      return pushUntilIdle();
    },

    async pullOnce() {
      guardAgainstConcurrentRun();
      freshAbort();
      const startedAt = Date.now();
      const summary = { rowsApplied: 0, rowsReceived: 0, malformed: 0 };
      await pullEveryResource(summary);
      return { ...summary, seconds: (Date.now() - startedAt) / 1000 };
    },
  };
  return engine;
}
