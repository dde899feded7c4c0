/**
 * The pull: each change feed into SQLite. A resource is pulled page by page until the feed says
 * has_more=false, reading up to two pages ahead, writing each page in transactions of about
 * `chunkBudgetMs` and yielding to the event loop between them. A 410 starts the feed over and
 * sweeps what the server no longer has. The lanes repeat that for their resources, pausing
 * between polls (wake() ends the pause).
 *
 * State owned here: the adaptive rows-per-transaction (`chunkRows`) and the wakers of the lanes
 * pausing between polls. A page read ahead lives only as long as its resource's pull.
 */
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import { CancelledError } from '../cancelled';
import { PlatformError, backoffDelay, type FeedPage } from '../platform-client';
import type { PageOutcome, RecordStore } from '../record-store';
import { isLargeResource } from '../resources';
import { formatShanghaiTimestamp } from '../time';
import type { IndexMaintenance } from './index-maintenance';
import type { ProgressTracker } from './progress';
import type { SyncRun } from './run';
import { readCursor, saveResourceError } from './sync-tables';
import type { Waiter } from './waiting';

export interface PullResult {
  applied: number;
  received: number;
  malformed: number;
}

/** Read-ahead never runs further than this many pages beyond the one being written. */
const MAX_PAGES_AHEAD = 2;

/** The longest setTimeout: "until stopped". */
const FOREVER_MS = 2_147_483_647;

export class Puller {
  /** Rows per transaction, adapted so that one transaction takes about `chunkBudgetMs`. */
  // Fewer, larger transactions are much cheaper (a B-tree page touched by many rows is written to
  // the WAL once per commit), so a chunk is never below 1000 rows: at most 5 commits a page.
  private chunkRows = 5_000;
  /** The pause between polls; wake() ends it early. */
  private readonly pollWakers = new Set<() => void>();

  constructor(
    private readonly run: SyncRun,
    private readonly progress: ProgressTracker,
    private readonly waiter: Waiter,
    private readonly records: RecordStore,
    private readonly indexes: IndexMaintenance,
  ) {}

  /** Pulls one resource until the feed says has_more=false. */
  async pullResource(resource: string): Promise<PullResult> {
    const row = readCursor(this.run.sqlite, resource);
    const cursor = row?.cursor ?? null;
    const markSeen = row?.bootstrap_started_at != null;
    this.progress.setResourceState(resource, cursor === null || markSeen ? 'bootstrapping' : 'catching_up');
    this.progress.working(`pull:${resource}`, true);
    const bulk = isLargeResource(resource) && (cursor === null || markSeen);
    if (bulk) this.indexes.beginBulkWrites();
    try {
      if (isLargeResource(resource)) await this.indexes.prepareIndexesForPull(resource, cursor === null && !markSeen);
      const total = await this.pullPages(resource, cursor, markSeen);
      if (isLargeResource(resource)) await this.indexes.restoreTableIndexes(resource);
      this.progress.caughtUp(resource, formatShanghaiTimestamp(this.run.settings.now()));
      return total;
    } finally {
      if (bulk) this.indexes.endBulkWrites();
      this.progress.working(`pull:${resource}`, false);
    }
  }

  /**
   * The page loop of one pull, from `cursor` to the end of the feed. `markSeen`: a bootstrap after
   * 410 is running, whose end sweeps every record it did not see.
   */
  private async pullPages(resource: string, cursor: string | null, markSeen: boolean): Promise<PullResult> {
    const { logger } = this.run;
    const total: PullResult = { applied: 0, received: 0, malformed: 0 };
    const take = this.readAhead(resource);
    let next: Promise<FeedPage> | null = take(cursor);
    while (next) {
      let page: FeedPage;
      try {
        page = await next;
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'cursor_expired') {
          this.startOverAfterCursorExpiry(resource);
          markSeen = true;
          next = take(null);
          continue;
        }
        throw error;
      }
      // The next page is on its way (read ahead) while this one is written.
      next = page.has_more ? take(page.next_cursor) : null;
      this.waiter.checkStopped();
      const outcome = await this.applyInChunks(resource, page, markSeen);
      total.applied += outcome.applied;
      total.received += outcome.received;
      total.malformed += outcome.malformed;
      if (outcome.malformed > 0) logger.warn({ resource, malformed: outcome.malformed }, 'malformed records kept aside');
      this.progress.recordPage(resource, page, outcome);
      if (!page.has_more && markSeen) {
        const removed = await this.records.sweepUnseen(resource, () => yieldImmediate());
        logger.info({ resource, removed }, 'bootstrap after cursor expiry finished; removed records the server no longer has');
        markSeen = false;
      }
      await yieldImmediate();
    }
    return total;
  }

  private startOverAfterCursorExpiry(resource: string): void {
    this.run.logger.warn({ resource }, 'cursor expired (410): bootstrapping the resource again');
    this.records.beginRebootstrap(resource, formatShanghaiTimestamp(this.run.settings.now()));
    this.progress.setResourceState(resource, 'bootstrapping');
  }

  /** Returns `take(cursor)`: the page at `cursor`, from what was read ahead when it is there. */
  private readAhead(resource: string): (from: string | null) => Promise<FeedPage> {
    // Read-ahead: as soon as a page's body has arrived, the next page is asked for (its cursor is
    // read from the tail of the text, before the parse), at most two pages beyond the one being
    // written. The server works on the next page while this one is parsed and written.
    const ahead = new Map<string, Promise<FeedPage>>();
    const peek = (nextCursor: string): void => {
      if (ahead.has(nextCursor) || ahead.size >= MAX_PAGES_AHEAD || this.run.signal.aborted) return;
      ahead.set(nextCursor, this.fetchPage(resource, nextCursor, peek));
    };
    return (from) => {
      const early = from === null ? undefined : ahead.get(from);
      if (early) {
        ahead.delete(from as string);
        return early;
      }
      ahead.clear(); // a wrong guess (or a restart after 410): forget whatever was read ahead
      return this.fetchPage(resource, from, peek);
    };
  }

  private fetchPage(resource: string, cursor: string | null, onPeek?: (nextCursor: string) => void): Promise<FeedPage> {
    const { client, settings } = this.run;
    const promise = this.waiter.retrying('changes', resource, () => client.changes(resource, cursor, settings.pageLimit, this.run.signal, onPeek));
    // A prefetched page may fail while we are still applying the previous one; the error is
    // handled where it is awaited, this only silences "unhandled rejection" in between.
    promise.catch(() => undefined);
    return promise;
  }

  /**
   * Applies a page in transactions of about `chunkBudgetMs` each, yielding to the event loop in
   * between, so that the worker keeps answering the UI during a 12M-row bootstrap. The cursor is
   * written with the last chunk only: a crash in between leaves the cursor where it was and the
   * page is fetched and applied again, which changes nothing (versions only go up).
   */
  private async applyInChunks(resource: string, page: FeedPage, markSeen: boolean): Promise<PageOutcome> {
    const total: PageOutcome = { received: 0, applied: 0, ignored: 0, malformed: 0, guarded: 0, healed: 0 };
    const items = page.items;
    const receivedAt = formatShanghaiTimestamp(this.run.settings.now());
    let from = 0;
    do {
      const to = Math.min(items.length, from + this.chunkRows);
      const last = to >= items.length;
      const started = performance.now();
      const outcome = this.records.applyPage({
        resource,
        items: from === 0 && last ? items : items.slice(from, to),
        nextCursor: last ? page.next_cursor : null,
        caughtUp: last && !page.has_more,
        markSeen,
        receivedAt,
      });
      const ms = performance.now() - started;
      if (ms > 250) this.run.logger.warn({ resource, rows: to - from, ms: Math.round(ms) }, 'slow page transaction');
      this.adaptChunkRows(to - from, ms);
      addOutcome(total, outcome);
      from = to;
      if (!last) {
        await yieldImmediate();
        this.waiter.checkStopped();
      }
    } while (from < items.length);
    return total;
  }

  /** Moves chunkRows halfway towards the size that would have taken `chunkBudgetMs`. */
  private adaptChunkRows(rows: number, ms: number): void {
    if (rows < 200) return;
    const ideal = (rows * this.run.settings.chunkBudgetMs) / Math.max(ms, 0.5);
    this.chunkRows = Math.round(Math.min(5_000, Math.max(1_000, this.chunkRows * 0.5 + ideal * 0.5)));
  }

  /** A failed pull is recorded on its resource (and the status); a 401 stops everything. */
  handleResourceFailure(resource: string, error: unknown): void {
    if (error instanceof CancelledError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    this.run.logger.error({ resource, err: error }, 'pull failed');
    saveResourceError(this.run.sqlite, resource, message);
    this.progress.setResourceState(resource, 'error', message);
    if (error instanceof PlatformError && error.kind === 'unauthorized') {
      this.progress.setStatus({ unauthorized: true, lastError: message });
      this.run.stop(); // nothing will work until the token is fixed
    } else {
      this.progress.setStatus({ lastError: `${resource}: ${message}` }, `pull:${resource}`);
    }
  }

  /** One pass over every resource, in order; the first failure is recorded on its resource and ends the pass. */
  async pullEveryResource(summary: { rowsApplied: number; rowsReceived: number; malformed: number }): Promise<void> {
    for (const resource of this.run.settings.resources) {
      try {
        const result = await this.pullResource(resource);
        summary.rowsApplied += result.applied;
        summary.rowsReceived += result.received;
        summary.malformed += result.malformed;
      } catch (error) {
        this.handleResourceFailure(resource, error);
        throw error;
      }
    }
  }

  /**
   * A background lane: pulls its resources round after round until stopped. `ready` is resolved
   * after the first round; `waitFor` holds the lane back until another lane's first round is done.
   */
  async pullLane(laneResources: readonly string[], ready: { resolve(): void } | null, waitFor: Promise<void> | null): Promise<void> {
    const { pollIntervalMs, retryPolicy, random } = this.run.settings;
    // stop() before the small lane's first round must not leave this lane waiting forever.
    if (waitFor) await Promise.race([waitFor, this.waiter.sleep(FOREVER_MS)]);
    let failures = 0;
    while (!this.run.stopped) {
      let failed = false;
      for (const resource of laneResources) {
        try {
          await this.pullResource(resource);
        } catch (error) {
          this.handleResourceFailure(resource, error);
          failed = true;
        }
      }
      ready?.resolve();
      ready = null;
      failures = failed ? failures + 1 : 0;
      await this.pollPause(failed ? Math.max(pollIntervalMs, backoffDelay(retryPolicy, failures, random)) : pollIntervalMs);
    }
  }

  private async pollPause(ms: number): Promise<void> {
    let wakeEarly: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => {
      wakeEarly = resolve;
      this.pollWakers.add(resolve);
    });
    try {
      await Promise.race([this.waiter.sleep(ms), woken]);
    } finally {
      this.pollWakers.delete(wakeEarly);
    }
  }

  /** Ends every lane's pause between polls now ("sync now"). */
  wakeLanes(): void {
    for (const wakeLane of [...this.pollWakers]) wakeLane();
  }
}

function addOutcome(total: PageOutcome, outcome: PageOutcome): void {
  total.received += outcome.received;
  total.applied += outcome.applied;
  total.ignored += outcome.ignored;
  total.malformed += outcome.malformed;
  total.guarded += outcome.guarded;
  total.healed += outcome.healed;
}
