/**
 * Worker-thread entry of the core. Keeping SQLite and every service here means a slow query or a
 * big sync page never freezes the window, whichever host started us.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from './core';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';
import type { DemoPlatform, HostOperation, HostServices } from './host-services';

const port = parentPort;
if (!port) throw new Error('worker.ts must run inside a worker thread');

function send(message: FromWorker): void {
  port!.postMessage(message);
}

/** Host services answered by the thread that started us (safeStorage lives only there). */
const hostCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextHostCallId = 1;
function askHost(operation: HostOperation, args: unknown[]): Promise<unknown> {
  const id = nextHostCallId++;
  return new Promise((resolve, reject) => {
    hostCalls.set(id, { resolve, reject });
    send({ kind: 'host', id, operation, args });
  });
}
const host: HostServices = {
  loadSecret: (name) => askHost('loadSecret', [name]) as Promise<string | null>,
  saveSecret: (name, value) => askHost('saveSecret', [name, value]) as Promise<void>,
  startDemoPlatform: () => askHost('startDemoPlatform', []) as Promise<DemoPlatform | null>,
};

try {
  const core = createCore(workerData as WorkerData, host);
  core.onEvent((event) => send({ kind: 'event', event }));
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'call') {
      void core.call(message.method, message.input).then((result) => send({ kind: 'result', id: message.id, result }));
    } else if (message.kind === 'host-result') {
      const pending = hostCalls.get(message.id);
      hostCalls.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.message));
    } else if (message.kind === 'close') {
      void core.close().then(() => {
        send({ kind: 'closed' });
        port.close();
      });
    }
  });
  send({ kind: 'ready' });
} catch (error) {
  // Reported once by the host (no restart: it would fail the same way), so say where it failed.
  const options = workerData as WorkerData;
  const where = options.dbFile ?? options.dataDir;
  send({ kind: 'fatal', message: `The core cannot start (${where}): ${error instanceof Error ? error.message : String(error)}` });
}
