import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { DemoPlatform } from '../core/runtime/host-services';
import { spawnWorker } from '../core/runtime/spawn-worker';

export interface DemoPlatformHandle extends DemoPlatform {
  stop(): Promise<void>;
}

export const DEFAULT_DEMO_WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-platform-worker.ts');

/** What the demo thread is told: the reference platform's seed, scale and simulated start. */
export interface DemoPlatformOptions {
  seed: number;
  scale: 'small' | 'medium' | 'large';
  /**
   * 'now' (the default): the simulated platform starts at the wall clock, so its history ends now
   * and SLA countdowns, "today" and recent windows look like a live day. A fixed RFC 3339 instant
   * for tests that need the same data every time.
   */
  startTime: string;
}

export const DEFAULT_DEMO_OPTIONS: DemoPlatformOptions = { seed: 20261111, scale: 'small', startTime: 'now' };

/**
 * The demo workspace: the reference platform (scale small, live) in its own thread, so a newcomer
 * sees live data without configuring anything, and the host's own thread stays free.
 */
export function startDemoPlatform(workerFile = DEFAULT_DEMO_WORKER_FILE, options: Partial<DemoPlatformOptions> = {}): Promise<DemoPlatformHandle> {
  const worker: Worker = spawnWorker(workerFile, { ...DEFAULT_DEMO_OPTIONS, ...options } satisfies DemoPlatformOptions);
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
export function lazyDemoPlatform(workerFile?: string, options?: Partial<DemoPlatformOptions>): { get(): Promise<DemoPlatform>; stop(): Promise<void> } {
  let started: Promise<DemoPlatformHandle> | null = null;
  return {
    get: async () => {
      started ??= startDemoPlatform(workerFile, options);
      const { url, token } = await started;
      return { url, token };
    },
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
