import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { CallResult, CoreEvent } from '../api';
import type { CoreOptions } from './core';
import type { FromWorker, ToWorker } from './worker-protocol';
import { spawnWorker } from './spawn-worker';
import { inMemoryHostServices, type HostOperation, type HostServices } from './host-services';

export interface CoreClient {
  call(method: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
}

export interface StartCoreWorkerOptions {
  core: CoreOptions;
  /** The worker entry: `worker.ts` under tsx, the bundled `core-worker.js` under Electron. */
  workerFile?: string;
  /** Restart after an unexpected exit, so a crash in the core heals itself (war-room screens). */
  restartDelayMs?: number;
  onCrash?: (reason: string) => void;
  /**
   * The core cannot run any more (a restart failed to open the database, or it keeps crashing):
   * reported once, and no further restart is tried; calls answer `unavailable`. A failure of the
   * first start is not reported here: startCoreWorker rejects with it.
   */
  onFatal?: (message: string) => void;
  /** Secrets and the demo platform, provided by the host thread; defaults to none. */
  host?: HostServices;
}

export const DEFAULT_WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/** More crashes than this within CRASH_WINDOW_MS: the core is given up, not restarted for ever. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
const CLOSE_GRACE_MS = 5000;

/**
 * Starts the core in a worker thread and speaks to it with numbered requests. Calls made while
 * the worker is (re)starting wait for it; calls in flight when it dies answer `unavailable`.
 */
export async function startCoreWorker(options: StartCoreWorkerOptions): Promise<CoreClient> {
  const workerFile = options.workerFile ?? DEFAULT_WORKER_FILE;
  const host = options.host ?? inMemoryHostServices();
  const listeners = new Set<(event: CoreEvent) => void>();
  const pending = new Map<number, (result: CallResult) => void>();
  let nextId = 1;
  let closing = false;
  let everReady = false;
  let fatalMessage: string | null = null;
  const crashTimes: number[] = [];
  let worker: Worker;
  let workerExited: Promise<void>;
  let ready: Promise<void>;

  function spawn(): Promise<void> {
    const current = spawnWorker(workerFile, options.core);
    worker = current;
    workerExited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    return new Promise<void>((resolve, reject) => {
      current.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') {
          everReady = true;
          resolve();
        } else if (message.kind === 'fatal') {
          reject(new Error(message.message));
          void current.terminate();
        } else if (message.kind === 'result') settle(message.id, message.result);
        else if (message.kind === 'event') for (const listener of listeners) listener(message.event);
        else if (message.kind === 'host') void answerHostCall(message.id, message.operation, message.args);
      });
      current.on('error', (error) => reject(error));
      current.on('exit', (code) => {
        failPending(`The core stopped (exit code ${code})`);
        // A first start that failed is the caller's (startCoreWorker rejects); a restart would fail the same way.
        if (closing || fatalMessage !== null || !everReady) return;
        const now = Date.now();
        crashTimes.push(now);
        while (crashTimes.length > 0 && (crashTimes[0] as number) < now - CRASH_WINDOW_MS) crashTimes.shift();
        if (crashTimes.length > MAX_CRASHES) return giveUp(`The core stopped ${crashTimes.length} times within ${CRASH_WINDOW_MS / 1000} s (last: exit code ${code})`);
        options.onCrash?.(`exit code ${code}`);
        ready = delay(options.restartDelayMs ?? 1000).then(spawn);
        ready.catch((error: unknown) => giveUp(error instanceof Error ? error.message : String(error)));
      });
    });
  }

  function giveUp(message: string): void {
    if (fatalMessage !== null || closing) return;
    fatalMessage = message;
    failPending(message);
    options.onFatal?.(message);
  }

  async function answerHostCall(id: number, operation: HostOperation, args: unknown[]): Promise<void> {
    try {
      const fn = host[operation] as (...a: unknown[]) => Promise<unknown>;
      const value = await fn(...args);
      worker.postMessage({ kind: 'host-result', id, ok: true, value } satisfies ToWorker);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      worker.postMessage({ kind: 'host-result', id, ok: false, message } satisfies ToWorker);
    }
  }

  function settle(id: number, result: CallResult): void {
    pending.get(id)?.(result);
    pending.delete(id);
  }

  function failPending(message: string): void {
    for (const [id] of pending) settle(id, { ok: false, error: { code: 'unavailable', message } });
  }

  ready = spawn();
  await ready;

  return {
    async call(method, input) {
      if (fatalMessage === null) await ready.catch(() => undefined);
      if (fatalMessage !== null) return { ok: false, error: { code: 'unavailable', message: fatalMessage } };
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        const message: ToWorker = { kind: 'call', id, method: String(method), input };
        worker.postMessage(message);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closing = true;
      await ready.catch(() => undefined);
      worker.postMessage({ kind: 'close' } satisfies ToWorker);
      // Give the core a few seconds to close the database cleanly; the timer must not outlive the worker.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
      await Promise.race([workerExited, grace.then(() => worker.terminate())]);
      clearTimeout(timer);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
