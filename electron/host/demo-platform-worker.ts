/** Worker-thread entry that runs the reference platform for the demo workspace. */
import { parentPort, workerData } from 'node:worker_threads';
import { startPlatformServer } from '../../platform';
import type { DemoPlatformOptions } from './demo-platform';

const options = workerData as DemoPlatformOptions;

startPlatformServer({ port: 0, host: '127.0.0.1', seed: options.seed, scale: options.scale, startTime: options.startTime, live: true })
  .then((handle) => {
    // The first operator manages every category: the demo cockpit sees the whole platform.
    const operator = handle.tokens.operators[0];
    parentPort?.postMessage({ url: handle.url, token: operator?.token ?? handle.tokens.admin });
  })
  .catch((error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }));
