/**
 * The sync engine: pulls every change feed into SQLite and pushes the outbox. Runs inside the
 * core's worker thread next to the UI's calls, so a page is written in transactions of about
 * `chunkBudgetMs` (the cursor with the last one) and the loops yield to the event loop between
 * them. Pages are read ahead (up to two) so the server prepares the next while one is written.
 *
 * Two pull lanes: small resources (everything but the three big feeds) first, so boards are usable
 * early, then the big feeds. Each lane polls with the same cursor once caught up. The pusher wakes
 * on issueCommand and on a timer.
 *
 * This file is the composition; the parts live in ./engine/:
 *   run.ts               the shared context (database, logger, client, settings, abort controller)
 *   progress.ts          per-resource progress, rate/ETA, status and lastError, throttled reporting
 *   waiting.ts           abortable sleeps, the shared offline wait, requests under the retry policy
 *   pull.ts              pulling a resource (read-ahead, chunked writes, 410), the pull lanes
 *   push.ts              pushing the outbox, refused batches, the background pusher
 *   index-maintenance.ts bulk-write WAL tuning and deferred indexes of the big feeds
 *   sync-tables.ts       the engine's reads and writes of sync_cursors and quarantined_records
 */
import type Database from 'better-sqlite3';
import { CancelledError } from './cancelled';
import type { SyncHandle } from './handle';
import type { CommandRegistry } from './commands';
import type { SyncProgress, SyncSummary } from './api-types';
import { Outbox, unacknowledgedEntityKeys } from './outbox';
import { PlatformClient, type RetryPolicy } from './platform-client';
import { RecordStore } from './record-store';
import { SYNC_ORDER, isLargeResource } from './resources';
import { IndexMaintenance } from './engine/index-maintenance';
import { ProgressTracker, type SyncStatus } from './engine/progress';
import { Puller } from './engine/pull';
import { Pusher } from './engine/push';
import { SyncRun, type SyncLogger, type SyncSettings } from './engine/run';
import { listQuarantine } from './engine/sync-tables';
import { Waiter } from './engine/waiting';

export type { SyncLogger } from './engine/run';
export type { SyncStatus } from './engine/progress';

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
  /**
   * False where no command is issued (the sync thread: the core thread issues them and learns the
   * operator itself), so GET /v1/me is not asked twice.
   */
  learnsOperator?: boolean;
  /** Every command the domains declare (electron/core/domains.ts `commandRegistry`). */
  commands: CommandRegistry;
  /** Target duration of one write transaction (a page is split into several when it takes longer). */
  chunkBudgetMs?: number;
}

/** The engine in-process (CLI, tests, the sync thread): a SyncHandle that can also run one pass at a time. */
export interface SyncEngine extends SyncHandle {
  /** Starts the background loops (pull lanes, pusher). Idempotent. */
  start(): void;
  /** Pushes, pulls every resource until caught up, then pushes again. For the CLI and tests (not while started). */
  syncOnce(): Promise<SyncSummary>;
  /** While started: push now (a command was issued on another connection, e.g. the core thread's). */
  pushSoon(): void;
  /** Pushes until nothing is sendable (used by tests and by syncOnce). */
  pushOnce(): Promise<number>;
  /** Pulls every resource until caught up, without pushing. */
  pullOnce(): Promise<Omit<SyncSummary, 'commandsSent' | 'outbox'>>;
}

const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY, maxOfflineMs: Number.POSITIVE_INFINITY };

function settingsFrom(options: SyncEngineOptions): SyncSettings {
  return {
    resources: (options.resources ?? SYNC_ORDER).slice(),
    pageLimit: Math.min(5000, Math.max(1, options.pageLimit ?? 5000)),
    pollIntervalMs: options.pollIntervalMs ?? 3_000,
    chunkBudgetMs: options.chunkBudgetMs ?? 40,
    retryPolicy: { ...DEFAULT_RETRY, ...options.retry },
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  };
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { sqlite, logger } = options;
  const settings = settingsFrom(options);
  const { resources } = settings;
  const client = new PlatformClient({ url: options.platform.url, token: options.platform.token, requestTimeoutMs: options.requestTimeoutMs });
  const run = new SyncRun(sqlite, logger, client, settings);

  // The record store reads the outbox's guard keys (from SQLite) in every page transaction.
  const records = new RecordStore(sqlite, unacknowledgedEntityKeys(sqlite), (resource) => options.commands.guardFieldOf(resource));
  const commands = new Outbox(sqlite, records, options.commands, settings.now, logger);
  commands.operatorId = options.operatorId ?? null;

  const progress = new ProgressTracker({
    sqlite,
    logger,
    resources,
    listeners: options,
    progressIntervalMs: options.progressIntervalMs,
    outboxCounts: () => commands.counts(),
  });
  const waiter = new Waiter(run, progress);
  const puller = new Puller(run, progress, waiter, records, new IndexMaintenance(sqlite, logger));
  const pusher = new Pusher(run, progress, waiter, commands);
  let running: Promise<void>[] = [];

  /** Best effort, once: the optimistic effects use it; nothing waits for it. */
  function learnOperator(): void {
    if (options.learnsOperator === false || commands.operatorId !== null) return;
    client
      .me(run.signal)
      .then((me) => {
        commands.operatorId = me.id;
      })
      .catch(() => undefined);
  }

  function guardAgainstConcurrentRun(): void {
    if (running.length > 0) throw new Error('the sync engine is already running');
  }

  function freshRun(): void {
    run.renewIfStopped();
    progress.clearUnauthorized();
  }

  /** The small lane first, the big feeds once it has been round once; and the pusher. */
  function startLoops(): Promise<void>[] {
    let resolveSmall: () => void = () => undefined;
    const smallReady = new Promise<void>((resolve) => (resolveSmall = resolve));
    const small = resources.filter((r) => !isLargeResource(r));
    const large = resources.filter((r) => isLargeResource(r));
    return [puller.pullLane(small, { resolve: resolveSmall }, null), puller.pullLane(large, null, small.length > 0 ? smallReady : null), pusher.pushLoop()];
  }

  const engine: SyncEngine = {
    start() {
      if (running.length > 0) return;
      freshRun();
      learnOperator();
      running = startLoops().map((lane) =>
        lane.catch((error: unknown) => {
          if (!(error instanceof CancelledError)) logger.error({ err: error }, 'sync loop crashed');
        }),
      );
      logger.info({ url: options.platform.url, resources: resources.length }, 'sync started');
    },

    async stop() {
      run.stop();
      pusher.interruptPause();
      await Promise.all(running);
      running = [];
      progress.flush();
      progress.endAllWork();
    },

    async syncOnce() {
      guardAgainstConcurrentRun();
      freshRun();
      learnOperator();
      const startedAt = Date.now();
      const summary = { rowsApplied: 0, rowsReceived: 0, malformed: 0, commandsSent: 0 };
      try {
        // Push first too: local intents should not wait behind a 12M-row bootstrap.
        summary.commandsSent += await pusher.pushUntilIdle();
        await puller.pullEveryResource(summary);
        summary.commandsSent += await pusher.pushUntilIdle();
      } finally {
        progress.flush();
      }
      return { ...summary, seconds: (Date.now() - startedAt) / 1000, outbox: commands.counts() };
    },

    progress: () => progress.snapshot(),

    wake() {
      puller.wakeLanes();
      pusher.requestPush();
    },

    pushSoon: () => pusher.requestPush(),

    // In-process (CLI, tests): nothing follows this engine; the domains' core-thread work does it all.
    domainWorkFollows: false,

    issueCommand(input, applyLocalEffect) {
      const id = commands.issue(input, applyLocalEffect);
      pusher.requestPush();
      progress.report();
      return id;
    },

    resolveConflict(commandId, choice) {
      const newId = commands.resolveConflict(commandId, choice);
      pusher.requestPush();
      progress.report();
      return newId;
    },

    listOutbox: (filter) => commands.list(filter),

    listQuarantine: (resource, limit = 500) => listQuarantine(sqlite, resource, limit),

    async pushOnce() {
      guardAgainstConcurrentRun();
      freshRun();
      return pusher.pushUntilIdle();
    },

    async pullOnce() {
      guardAgainstConcurrentRun();
      freshRun();
      const startedAt = Date.now();
      const summary = { rowsApplied: 0, rowsReceived: 0, malformed: 0 };
      await puller.pullEveryResource(summary);
      return { ...summary, seconds: (Date.now() - startedAt) / 1000 };
    },
  };
  return engine;
}
