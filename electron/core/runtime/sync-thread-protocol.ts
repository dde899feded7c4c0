import type { SyncProgress } from '../sync/api-types';

/** What the core thread hands the sync thread when it starts it. */
export interface SyncThreadData {
  /** The database the core has already opened, checked and migrated. */
  dbFile: string;
  nativeBinding?: string;
  platform: { url: string; token: string };
  /** resource → the record field naming the entity its commands address (CommandRegistry.guardFields()). */
  guardFields: Record<string, string>;
  pollIntervalMs?: number;
  /** Resources to sync, in order; defaults to all. */
  resources?: readonly string[];
  /** Run the domains' sync-thread work (domain.ts `syncThreadWork`) beside the sync. */
  domainWork: boolean;
  /** Lower the thread below the UI (Linux): 0 = normal priority. */
  niceness?: number;
}

/** Messages from the core thread to the sync thread. */
export type ToSyncThread = { kind: 'wake' } | { kind: 'push' } | { kind: 'stop' };

export type SyncLogLevel = 'info' | 'warn' | 'error';

/** Messages from the sync thread to the core thread. */
export type FromSyncThread =
  | { kind: 'ready'; progress: SyncProgress }
  /** `status`: online/syncing/lastError changed (sent at once, not throttled like progress). */
  | { kind: 'progress'; progress: SyncProgress; status: boolean }
  | { kind: 'log'; level: SyncLogLevel; data: Record<string, unknown>; message: string }
  | { kind: 'stopped'; maxEventLoopBlockMs: number }
  | { kind: 'fatal'; message: string };
