import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CallResult, CoreEvent } from '../api';
import type { CoreOptions } from './core';
import type { FromWorker, ToWorker } from './worker-protocol';
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
  /** Secrets and the demo platform, provided by the host thread; defaults to none. */
  host?: HostServices;
}

export const DEFAULT_WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

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
  let worker: Worker;
  let ready: Promise<void>;

  function spawn(): Promise<void> {
    worker = spawnWorker(workerFile, options.core);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'fatal') reject(new Error(message.message));
        else if (message.kind === 'result') settle(message.id, message.result);
        else if (message.kind === 'event') for (const listener of listeners) listener(message.event);
        else if (message.kind === 'host') void answerHostCall(message.id, message.operation, message.args);
      });
      worker.on('error', (error) => reject(error));
      worker.on('exit', (code) => {
        failPending(`The core stopped (exit code ${code})`);
        if (closing) return;
        options.onCrash?.(`exit code ${code}`);
        ready = delay(options.restartDelayMs ?? 1000).then(spawn);
        ready.catch((error: unknown) => options.onCrash?.(String(error)));
      });
    });
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
      await ready;
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
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'close' } satisfies ToWorker);
      await Promise.race([exited, delay(5000).then(() => worker.terminate())]);
    },
  };
}

/**
 * Starts a worker from a built .js entry, or from a .ts entry under tsx (CLI, tests): there the
 * thread must register tsx's loader itself, because workers on Node 20 do not inherit it.
 */
export function spawnWorker(workerFile: string, workerData: unknown): Worker {
  if (!workerFile.endsWith('.ts')) return new Worker(workerFile, { workerData });
  const entry = JSON.stringify(pathToFileURL(workerFile).href);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
