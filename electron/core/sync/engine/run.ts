/**
 * The context every part of one sync engine shares: its database, logger and platform client,
 * the settings resolved from SyncEngineOptions, and the abort controller that stop() fires.
 *
 * State owned here: the abort controller only. It is replaced when a stopped engine runs again,
 * so the parts read `signal` at the moment they need it and never keep it.
 */
import type Database from 'better-sqlite3';
import type { PlatformClient, RetryPolicy } from '../platform-client';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** SyncEngineOptions with the defaults filled in. */
export interface SyncSettings {
  /** Resources to sync, in order. */
  resources: readonly string[];
  /** Items per feed request (1..5000). */
  pageLimit: number;
  /** Delay between polls once caught up. */
  pollIntervalMs: number;
  /** Target duration of one write transaction. */
  chunkBudgetMs: number;
  retryPolicy: RetryPolicy;
  now: () => Date;
  random: () => number;
}

export class SyncRun {
  private controller = new AbortController();

  constructor(
    readonly sqlite: Database.Database,
    readonly logger: SyncLogger,
    readonly client: PlatformClient,
    readonly settings: SyncSettings,
  ) {}

  /** The signal of the current run; read it when needed, a later run has another one. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Ends the current run: every sleep, wait and request of it ends with CancelledError. */
  stop(): void {
    this.controller.abort();
  }

  /** A run after stop() (or after a 401 stopped everything) starts with a fresh controller. */
  renewIfStopped(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }
}
