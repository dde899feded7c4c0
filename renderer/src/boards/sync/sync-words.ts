/**
 * The Sync screen's words, chosen from the engine's state so that they are true: offline nothing
 * is "syncing" and nothing is "sent"; a command is "sent" only when a request carried it and no
 * answer says otherwise.
 */
import type { OutboxEntry, ResourceProgress, SyncProgress } from '../../../../electron/core/api';

export type ShownOutboxState = OutboxEntry['state'] | 'waiting';

/**
 * The engine marks a batch `sent` before the request; a request that failed (offline, 503) leaves
 * it `sent` with a last error. Only a `sent` command whose request went through, while online, is
 * shown as sent; otherwise it is waiting to be sent.
 */
export function shownOutboxState(entry: Pick<OutboxEntry, 'state' | 'lastError'>, online: boolean): ShownOutboxState {
  if (entry.state === 'pending') return online ? 'pending' : 'waiting';
  if (entry.state === 'sent') return online && !entry.lastError ? 'sent' : 'waiting';
  return entry.state;
}

/** Offline, every feed is paused (whatever the engine was doing when the platform went away). */
export function shownResourceState(row: Pick<ResourceProgress, 'state'>, online: boolean): ResourceProgress['state'] {
  return online ? row.state : 'paused';
}

/** Seconds left, only while the feed is actually moving. */
export function shownEta(row: Pick<ResourceProgress, 'state' | 'etaSeconds'>, online: boolean): number | null {
  if (!online || row.state === 'caught_up' || row.state === 'paused' || row.state === 'error') return null;
  return row.etaSeconds;
}

/** The outbox summary line: online, what is where; offline, how much waits for the platform. */
export function outboxSummary(progress: Pick<SyncProgress, 'online' | 'outbox'>):
  | { key: 'boards.sync.outboxCounts'; values: SyncProgress['outbox'] }
  | { key: 'boards.sync.outboxCountsOffline'; values: { waiting: number; conflict: number; rejected: number } } {
  const { pending, sent, conflict, rejected } = progress.outbox;
  if (progress.online) return { key: 'boards.sync.outboxCounts', values: { pending, sent, conflict, rejected } };
  return { key: 'boards.sync.outboxCountsOffline', values: { waiting: pending + sent, conflict, rejected } };
}

/** What "sync now" will really do, from the engine's answer. */
export function syncNowOutcome(progress: Pick<SyncProgress, 'online' | 'unauthorized'>): 'started' | 'whenOnline' | 'unauthorized' {
  if (progress.unauthorized) return 'unauthorized';
  return progress.online ? 'started' : 'whenOnline';
}

/** What a queued command's toast should promise. */
export function commandQueuedKey(online: boolean): 'boards.sync.commandQueued' | 'boards.sync.commandQueuedOffline' {
  return online ? 'boards.sync.commandQueued' : 'boards.sync.commandQueuedOffline';
}

/** Share done, 0–100, when the server says how much is left: received / (received + rate × ETA). */
export function percentDone(row: Pick<ResourceProgress, 'state' | 'rowsReceived' | 'rowsPerSec' | 'etaSeconds'>): number | null {
  if (row.state === 'caught_up') return 100;
  if (row.etaSeconds === null) return null;
  const remaining = row.etaSeconds * row.rowsPerSec;
  if (row.rowsReceived + remaining <= 0) return null;
  return Math.min(99, Math.floor((100 * row.rowsReceived) / (row.rowsReceived + remaining)));
}
