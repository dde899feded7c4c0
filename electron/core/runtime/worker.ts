/**
 * Worker-thread entry of the core. Keeping SQLite and every service here means a slow query or a
 * big sync page never freezes the window, whichever host started us.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from './core';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run inside a worker thread');

function send(message: FromWorker): void {
  port!.postMessage(message);
}

try {
  const core = createCore(workerData as WorkerData);
  core.onEvent((event) => send({ kind: 'event', event }));
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'call') {
      void core.call(message.method, message.input).then((result) => send({ kind: 'result', id: message.id, result }));
    } else if (message.kind === 'close') {
      void core.close().then(() => {
        send({ kind: 'closed' });
        port.close();
      });
    }
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
