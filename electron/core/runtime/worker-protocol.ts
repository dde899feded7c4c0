import type { CallResult, CoreEvent } from '../api';
import type { CoreOptions } from './core';
import type { HostOperation } from './host-services';

/** Messages between a host (Electron main, browser-mode server, CLI) and the core worker. */
export type ToWorker =
  | { kind: 'call'; id: number; method: string; input: unknown }
  | { kind: 'host-result'; id: number; ok: true; value: unknown }
  | { kind: 'host-result'; id: number; ok: false; message: string }
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; result: CallResult }
  | { kind: 'event'; event: CoreEvent }
  | { kind: 'host'; id: number; operation: HostOperation; args: unknown[] }
  | { kind: 'closed' };

export type WorkerData = CoreOptions;
