/**
 * What the sync engine shows the UI, as zod schemas (imports only zod), so that the typed API
 * contract (electron/core/api/contract.ts) can use them as method outputs and event payloads.
 */
import { z } from 'zod';

export const resourceSyncStateSchema = z.enum(['idle', 'bootstrapping', 'catching_up', 'caught_up', 'error', 'paused']);
export type ResourceSyncState = z.infer<typeof resourceSyncStateSchema>;

export const resourceProgressSchema = z.object({
  resource: z.string(),
  state: resourceSyncStateSchema,
  /** Rows written to the local table in this session (inserts, updates, deletes). */
  rowsApplied: z.number().int().nonnegative(),
  /** Feed items received in this session (including repeats and stale versions). */
  rowsReceived: z.number().int().nonnegative(),
  /** Items per second over the last few seconds. */
  rowsPerSec: z.number().nonnegative(),
  /** Seconds until caught up, when the server says how much is left; else null (rate only). */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Malformed records kept aside (all time, from quarantined_records). */
  malformed: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  caughtUpAt: z.string().nullable(),
});
export type ResourceProgress = z.infer<typeof resourceProgressSchema>;

export const outboxCountsSchema = z.object({
  pending: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  conflict: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

export const syncProgressSchema = z.object({
  online: z.boolean(),
  syncing: z.boolean(),
  /** Stopped until the user fixes the token (HTTP 401). */
  unauthorized: z.boolean(),
  lastError: z.string().nullable(),
  resources: z.array(resourceProgressSchema),
  outbox: outboxCountsSchema,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const outboxStateSchema = z.enum(['pending', 'sent', 'done', 'conflict', 'rejected', 'resolved']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxEntrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  type: z.string(),
  resource: z.string(),
  entityId: z.string(),
  /**
   * What the command is about, in words: the platform's own name or title of its entity (the
   * merchant's name, the alert's title), from the local records; null when the command's
   * declaration names none or the cockpit does not hold the entity. Untrusted text: show it as text.
   */
  subject: z.string().nullable(),
  baseVersion: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  issuedAt: z.string(),
  state: outboxStateSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** conflict: the server's current record, to show next to the user's intent. */
  serverEntity: z.record(z.string(), z.unknown()).nullable(),
  resolution: z.enum(['keep_mine', 'take_theirs']).nullable(),
  supersededBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const outboxFilterSchema = z.object({
  states: z.array(outboxStateSchema).optional(),
  resource: z.string().optional(),
  entityId: z.string().optional(),
  limit: z.number().int().positive().max(10_000).optional(),
});
export type OutboxFilter = z.infer<typeof outboxFilterSchema>;

export const quarantinedRecordSchema = z.object({
  resource: z.string(),
  recordId: z.string(),
  version: z.number().int().nullable(),
  reason: z.string(),
  raw: z.string(),
  receivedAt: z.string(),
});
export type QuarantinedRecord = z.infer<typeof quarantinedRecordSchema>;

export const issueCommandInputSchema = z.object({
  type: z.string(),
  /** Optional: the command's declaration names it; when given it must agree. */
  resource: z.string().optional(),
  entityId: z.string().min(1),
  baseVersion: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type IssueCommandInput = z.infer<typeof issueCommandInputSchema>;

export const syncSummarySchema = z.object({
  rowsApplied: z.number().int().nonnegative(),
  rowsReceived: z.number().int().nonnegative(),
  malformed: z.number().int().nonnegative(),
  commandsSent: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  outbox: outboxCountsSchema,
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;
