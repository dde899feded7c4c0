/**
 * Worker-thread entry of the sync engine. Pulling pages, building deferred indexes, sweeping
 * after a 410 and pushing the outbox happen here, on a connection of their own, so the core
 * thread that answers the UI never runs a page transaction or an index build itself: its reads
 * proceed beside the sync's writes (WAL), and a user action waits at most for the transaction
 * the sync holds at that moment.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectDatabase } from '../../../db/open';
import { CommandRegistry } from '../sync/commands';
import type { Domain } from '../domain';
import { domains } from '../domains';
import { startDomainWork } from './sync-thread-work';
import { createSyncEngine, type SyncEngine, type SyncLogger } from '../sync/engine';
import { lowerCurrentThreadPriority } from '../sync/thread-priority';
import type { FromSyncThread, SyncLogLevel, SyncThreadData, ToSyncThread } from './sync-thread-protocol';

const SYNC_THREAD_BUSY_TIMEOUT_MS = 60_000;

const port = parentPort;
if (!port) throw new Error('sync-worker.ts must run inside a worker thread');
const data = workerData as SyncThreadData;

function send(message: FromSyncThread): void {
  port!.postMessage(message);
}

/** Log records cross the thread as plain data (an Error's message and stack, not the object). */
function plain(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, code: (value as { code?: unknown }).code } : value;
  }
  return out;
}

function log(level: SyncLogLevel): (obj: object, msg: string) => void {
  return (obj, message) => {
    try {
      send({ kind: 'log', level, data: plain(obj), message });
    } catch {
      send({ kind: 'log', level, data: { unserialisable: true }, message });
    }
  };
}
const logger: SyncLogger = { info: log('info'), warn: log('warn'), error: log('error') };

/** The domains' work that follows the sync here (domain.ts `syncThreadWork`). */
function domainWorks() {
  return (domains as readonly Domain[]).flatMap(({ name, syncThreadWork }) => (syncThreadWork ? [{ name, create: syncThreadWork }] : []));
}

function start(): SyncEngine {
  if (data.niceness && !lowerCurrentThreadPriority(data.niceness)) logger.info({}, 'sync thread runs at normal priority (could not lower it)');
  const sqlite = connectDatabase(data.dbFile, data.nativeBinding);
  // This thread answers no one: while the core writes (a user action, a chunk of kept sums) it
  // may wait as long as it takes rather than fail a page with "database is locked".
  sqlite.pragma(`busy_timeout = ${SYNC_THREAD_BUSY_TIMEOUT_MS}`);
  const domainWork = data.domainWork ? startDomainWork(sqlite, domainWorks(), logger) : null;
  const engine = createSyncEngine({
    sqlite,
    logger,
    platform: data.platform,
    commands: CommandRegistry.forSettlingOnly(data.guardFields),
    learnsOperator: false,
    pollIntervalMs: data.pollIntervalMs,
    resources: data.resources,
    onProgress: (progress) => {
      domainWork?.noticeProgress(progress);
      send({ kind: 'progress', progress, status: false });
    },
    onStatus: () => send({ kind: 'progress', progress: engine.progress(), status: true }),
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  port!.on('message', (message: ToSyncThread) => {
    if (message.kind === 'push') engine.pushSoon();
    else if (message.kind === 'wake') engine.wake();
    else if (message.kind === 'stop') {
      domainWork?.stop();
      void engine.stop().then(() => {
        loop.disable();
        sqlite.close();
        send({ kind: 'stopped', maxEventLoopBlockMs: Math.max(0, loop.max / 1e6 - 10) });
        port!.close();
      });
    }
  });
  send({ kind: 'ready', progress: engine.progress() });
  engine.start();
  return engine;
}

try {
  start();
} catch (error) {
  send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
