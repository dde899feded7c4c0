/** The public-opinion part of the contract: alerts and mentions. Imports only zod. */
import { z } from 'zod';
import { mutation, query } from './method';

export const ALERT_STATUSES = ['open', 'acknowledged', 'responding', 'resolved', 'dismissed'] as const;
export const ALERT_SEVERITIES = ['P1', 'P2', 'P3'] as const;
export const ALERT_SUBJECT_TYPES = ['merchant', 'sku', 'category', 'platform'] as const;

export const alertStatusSchema = z.enum(ALERT_STATUSES);
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export const alertSubjectTypeSchema = z.enum(ALERT_SUBJECT_TYPES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
export type AlertSubjectType = z.infer<typeof alertSubjectTypeSchema>;

/** One row of the public-opinion alert list: the synced record plus what is still only local. */
export const alertRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  subjectType: alertSubjectTypeSchema,
  subjectId: z.string().nullable(),
  topic: z.string().nullable(),
  openedAt: z.string(),
  slaDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  mentionCount: z.number().int(),
  negativeShare: z.number(),
  escalationLevel: z.number().int(),
  /** Commands for this alert the platform has not yet acknowledged (pending, sent or in conflict). */
  unsyncedCommands: z.number().int().nonnegative(),
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export const opinionMethods = {
  'alerts.list': query(
    z.object({ statuses: z.array(alertStatusSchema).optional(), limit: z.number().int().positive().max(5000).optional() }).strict(),
    z.array(alertRowSchema),
    { synced: true },
  ),
  'alerts.acknowledge': mutation(z.object({ id: z.string().min(1).max(200) }).strict(), z.object({ commandId: z.string() })),
};
