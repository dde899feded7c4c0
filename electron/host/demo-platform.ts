import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { DemoPlatform } from '../core/runtime/host-services';
import { spawnWorker } from '../core/runtime/worker-client';

export interface DemoPlatformHandle extends DemoPlatform {
  stop(): Promise<void>;
}

export const DEFAULT_DEMO_WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-platform-worker.ts');

/**
 * The demo workspace: the reference platform (scale small, live) in its own thread, so a newcomer
 * sees live data without configuring anything, and the host's own thread stays free.
 */
export function startDemoPlatform(workerFile = DEFAULT_DEMO_WORKER_FILE): Promise<DemoPlatformHandle> {
  const worker: Worker = spawnWorker(workerFile, { seed: 20261111, scale: 'small' });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { url: string; token: string } | { error: string }) => {
      if ('error' in message) return reject(new Error(`the demo platform did not start: ${message.error}`));
      resolve({
        url: message.url,
        token: message.token,
        stop: async () => void (await worker.terminate()),
      });
    });
  });
}

/** Starts the demo platform at most once per host process, on first request. */
export function lazyDemoPlatform(workerFile?: string): { get(): Promise<DemoPlatform>; stop(): Promise<void> } {
  let started: Promise<DemoPlatformHandle> | null = null;
  return {
    get: async () => {
      started ??= startDemoPlatform(workerFile);
      const { url, token } = await started;
      return { url, token };
    },
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
