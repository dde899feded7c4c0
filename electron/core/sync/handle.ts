import type { IssueCommandInput, OutboxEntry, OutboxFilter, QuarantinedRecord, SyncProgress } from './api-types';

/**
 * What the core and the domains use of a running sync: the engine itself (CLI, tests) or the
 * core thread's side of the sync thread (runtime/sync-thread.ts).
 */
export interface SyncHandle {
  progress(): SyncProgress;
  /** Poll every feed and push now ("sync now"). */
  wake(): void;
  /** Writes the command and its local effect in one transaction on the core's connection; returns its id. */
  issueCommand(input: IssueCommandInput, applyLocalEffect?: (() => void) | null): string;
  resolveConflict(commandId: string, choice: 'keep_mine' | 'take_theirs'): string | null;
  listOutbox(filter?: OutboxFilter): OutboxEntry[];
  listQuarantine(resource?: string, limit?: number): QuarantinedRecord[];
  /** Whether the domains' sync-thread work (domain.ts `syncThreadWork`: scoring what synced) follows this sync. */
  readonly domainWorkFollows: boolean;
  stop(): Promise<void>;
}

