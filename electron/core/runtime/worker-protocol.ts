import type { CallResult, CoreEvent } from '../api';
import type { CoreOptions } from './core';

/** Messages between a host (Electron main, browser-mode server, CLI) and the core worker. */
export type ToWorker = { kind: 'call'; id: number; method: string; input: unknown } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; result: CallResult }
  | { kind: 'event'; event: CoreEvent }
  | { kind: 'closed' };

export type WorkerData = CoreOptions;
