/**
 * The core thread's side of the sync thread (sync-worker.ts). It looks like the engine to the
 * core and the domains (SyncHandle) but splits the work by who waits for it:
 * - the sync thread pulls, pushes and builds indexes on its own connection;
 * - user actions (issuing a command with its optimistic effect, resolving a conflict) and the
 *   Sync screen's lists run here, on the core's connection, and only tell the sync thread to push.
 * Progress arrives as messages; `progress()` answers from the latest one with the outbox counted
 * here, so a command issued a moment ago is counted at once.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../sync/api-types';
import type { SyncHandle } from '../sync/handle';
import type { CommandRegistry } from '../sync/commands';
import { Outbox, unacknowledgedEntityKeys } from '../sync/outbox';
import { RecordStore } from '../sync/record-store';
import { listQuarantine } from '../sync/engine/sync-tables';
import { PlatformClient } from '../sync/platform-client';
import type { Logger } from './logger';
import { spawnWorker } from './spawn-worker';
import type { FromSyncThread, SyncThreadData, ToSyncThread } from './sync-thread-protocol';

export type { SyncHandle };

export interface SyncThreadOptions {
  /** The core's connection: commands are issued and lists are read on it. */
  sqlite: Database.Database;
  dbFile: string;
  nativeBinding?: string;
  /** The sync-worker entry: the .ts under tsx, the bundled `sync-worker.js` under Electron. */
  workerFile?: string;
  platform: { url: string; token: string };
  commands: CommandRegistry;
  pollIntervalMs?: number;
  resources?: readonly string[];
  /** Run the domains' sync-thread work beside the sync (default true; off when only the sync is measured). */
  domainWork?: boolean;
  logger: Logger;
  onProgress(progress: SyncProgress): void;
  onStatus(): void;
}

/** The sync thread's handle: the engine's surface, and the operator it learnt for the optimistic effects. */
export interface SyncThreadHandle extends SyncHandle {
  /** The person behind the token (`/v1/me`), null until the platform has answered. */
  operatorId(): string | null;
}

export const DEFAULT_SYNC_WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync-worker.ts');

/** The sync thread's niceness on Linux: below the UI thread and the core thread. */
const SYNC_THREAD_NICENESS = 5;
const STOP_GRACE_MS = 10_000;
/** A sync thread that dies is started again after this long (war-room machines heal themselves). */
const RESTART_DELAY_MS = 2_000;
const MAX_RESTARTS_PER_MINUTE = 5;

export async function startSyncThread(options: SyncThreadOptions): Promise<SyncThreadHandle> {
  const { sqlite, logger } = options;
  const records = new RecordStore(sqlite, unacknowledgedEntityKeys(sqlite), (resource) => options.commands.guardFieldOf(resource));
  const commands = new Outbox(sqlite, records, options.commands, () => new Date(), logger);
  const operator = learnOperator(options.platform, commands, logger);

  let latest: SyncProgress | null = null;
  let stopping = false;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  const restarts: number[] = [];
  let everReady = false;

  const data: SyncThreadData = {
    dbFile: options.dbFile,
    nativeBinding: options.nativeBinding,
    platform: options.platform,
    guardFields: options.commands.guardFieldMap(),
    pollIntervalMs: options.pollIntervalMs,
    resources: options.resources,
    domainWork: options.domainWork ?? true,
    niceness: SYNC_THREAD_NICENESS,
  };

  function withLocalOutbox(progress: SyncProgress): SyncProgress {
    return { ...progress, outbox: commands.counts() };
  }

  function post(message: ToSyncThread): void {
    worker?.postMessage(message);
  }

  function onMessage(message: FromSyncThread): void {
    if (message.kind === 'progress') {
      latest = message.progress;
      if (message.status) options.onStatus();
      else options.onProgress(withLocalOutbox(message.progress));
      if (message.progress.online) operator.retry();
    } else if (message.kind === 'log') {
      logger[message.level]({ ...message.data, thread: 'sync' }, message.message);
    } else if (message.kind === 'stopped') {
      logger.info({ thread: 'sync', maxEventLoopBlockMs: Math.round(message.maxEventLoopBlockMs) }, 'sync thread stopped');
    } else if (message.kind === 'fatal') {
      logger.error({ thread: 'sync', reason: message.message }, 'the sync thread could not start');
    }
  }

  function spawn(): Promise<void> {
    const current = spawnWorker(options.workerFile ?? DEFAULT_SYNC_WORKER_FILE, data);
    worker = current;
    exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    return new Promise<void>((resolve, reject) => {
      current.on('message', (message: FromSyncThread) => {
        if (message.kind === 'ready') {
          latest = message.progress;
          everReady = true;
          resolve();
        } else if (message.kind === 'fatal') reject(new Error(message.message));
        onMessage(message);
      });
      current.on('error', (error) => {
        logger.error({ thread: 'sync', err: error }, 'the sync thread failed');
        reject(error);
      });
      current.on('exit', (code) => {
        if (stopping) return;
        reject(new Error(`the sync thread exited (code ${code}) before it was ready`));
        // A first start that failed is the caller's to report; a thread that ran and died is restarted.
        if (everReady) restartLater(code);
      });
    });
  }

  function restartLater(code: number): void {
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      logger.error({ thread: 'sync', code }, 'the sync thread keeps stopping; not restarting it until the platform is connected again');
      if (latest) latest = { ...latest, online: false, syncing: false, lastError: 'sync stopped; reconnect the platform' };
      options.onStatus();
      return;
    }
    logger.error({ thread: 'sync', code }, 'the sync thread stopped unexpectedly; restarting it');
    setTimeout(() => {
      if (!stopping) spawn().catch((error: unknown) => logger.error({ thread: 'sync', err: error }, 'restarting the sync thread failed'));
    }, RESTART_DELAY_MS).unref();
  }

  // Checkpoints copy the WAL into the database (up to ~100 MB during a bulk load): that is the
  // sync thread's work, never a commit on the thread that answers the UI.
  const coreAutocheckpoint = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    await spawn();
  } catch (error) {
    sqlite.pragma(`wal_autocheckpoint = ${coreAutocheckpoint}`);
    throw error;
  }

  /**
   * After the current synchronous work: a command is issued inside its caller's transaction (a
   * write turn), and the sync thread, reading on its own connection, sees it only once committed.
   */
  const pushAfterCommit = () => queueMicrotask(() => post({ kind: 'push' }));

  return {
    progress: () => withLocalOutbox(latest as SyncProgress),
    wake: () => post({ kind: 'wake' }),
    issueCommand(input, applyLocalEffect) {
      const id = commands.issue(input, applyLocalEffect);
      pushAfterCommit();
      return id;
    },
    resolveConflict(commandId, choice) {
      const id = commands.resolveConflict(commandId, choice);
      pushAfterCommit();
      return id;
    },
    operatorId: () => commands.operatorId,
    domainWorkFollows: data.domainWork,
    listOutbox: (filter) => commands.list(filter),
    listQuarantine: (resource, limit = 500) => listQuarantine(sqlite, resource, limit),
    async stop() {
      if (stopping) return exited;
      stopping = true;
      operator.stop();
      post({ kind: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
      await Promise.race([exited, grace.then(() => worker?.terminate())]);
      clearTimeout(timer);
      sqlite.pragma(`wal_autocheckpoint = ${coreAutocheckpoint}`);
    },
  };
}

/**
 * The operator behind the token, for the optimistic effects (acknowledged_by, a comment's
 * author). Best effort and never waited for: asked at start and again once the platform answers.
 */
function learnOperator(platform: { url: string; token: string }, outbox: Outbox, logger: Logger): { retry(): void; stop(): void } {
  const abort = new AbortController();
  let asking = false;
  let lastTry = 0;
  function retry(): void {
    if (outbox.operatorId !== null || asking || abort.signal.aborted || Date.now() - lastTry < 30_000) return;
    asking = true;
    lastTry = Date.now();
    new PlatformClient({ url: platform.url, token: platform.token, requestTimeoutMs: 8_000 })
      .me(abort.signal)
      .then((me) => {
        outbox.operatorId = me.id;
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'operator not known yet; asking again later');
      })
      .finally(() => {
        asking = false;
      });
  }
  retry();
  return { retry, stop: () => abort.abort() };
}
