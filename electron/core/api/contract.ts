/**
 * The one API between the renderer and the core. Every method and event is declared here once;
 * the preload, the Electron main process, the browser-mode host and the renderer's client all
 * derive their types and validation from this file. It imports nothing but zod so that the
 * renderer can import it too.
 */
import { z } from 'zod';
import {
  outboxEntrySchema,
  outboxFilterSchema,
  quarantinedRecordSchema,
  syncProgressSchema,
} from '../sync/api-types';

export { outboxEntrySchema, quarantinedRecordSchema, syncProgressSchema };
export type { OutboxEntry, QuarantinedRecord, SyncProgress, ResourceProgress } from '../sync/api-types';

export const languageSchema = z.enum(['zh-CN', 'en']);
export const themeSchema = z.enum(['light', 'dark']);

export const settingsSchema = z.object({
  language: languageSchema,
  theme: themeSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const statusSchema = z.object({
  online: z.boolean(),
  /** RFC 3339, or null before the first successful sync. */
  lastSyncAt: z.string().nullable(),
  /** Local changes (outbox commands) not yet acknowledged by the platform. */
  pendingChanges: z.number().int().nonnegative(),
  syncing: z.boolean(),
  platform: z.enum(['none', 'demo', 'remote']),
});
export type Status = z.infer<typeof statusSchema>;

export const platformInfoSchema = z.object({
  kind: z.enum(['none', 'demo', 'remote']),
  url: z.string().nullable(),
});
export type PlatformInfo = z.infer<typeof platformInfoSchema>;

export const backupSchema = z.object({ file: z.string(), createdAt: z.string(), bytes: z.number() });

export const databaseHealthSchema = z.object({
  state: z.enum(['ok', 'corrupt']),
  file: z.string(),
  problems: z.array(z.string()),
  backups: z.array(backupSchema),
});
export type DatabaseHealth = z.infer<typeof databaseHealthSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  logFile: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const tableCountSchema = z.object({ table: z.string(), rows: z.number().int().nonnegative() });

const noInput = z.object({}).strict();

export const alertStatusSchema = z.enum(['open', 'acknowledged', 'responding', 'resolved', 'dismissed']);

/** One row of the public-opinion alert list: the synced record plus what is still only local. */
export const alertRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  severity: z.enum(['P1', 'P2', 'P3']).or(z.string()),
  status: alertStatusSchema.or(z.string()),
  subjectType: z.string(),
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

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const methods = {
  'app.info': method(noInput, appInfoSchema),
  'status.get': method(noInput, statusSchema),
  'settings.get': method(noInput, settingsSchema),
  'settings.update': method(settingsSchema.partial().strict(), settingsSchema),
  'database.health': method(noInput, databaseHealthSchema),
  'database.restoreBackup': method(z.object({ file: z.string().min(1) }).strict(), databaseHealthSchema),
  'overview.tableCounts': method(noInput, z.array(tableCountSchema)),
  'platform.get': method(noInput, platformInfoSchema),
  'platform.configure': method(
    z.object({ url: z.url({ protocol: /^https?$/ }), token: z.string().min(1).max(4096) }).strict(),
    platformInfoSchema,
  ),
  'platform.useDemo': method(noInput, platformInfoSchema),
  'sync.progress': method(noInput, syncProgressSchema),
  'sync.now': method(noInput, syncProgressSchema),
  'sync.outbox': method(outboxFilterSchema.strict(), z.array(outboxEntrySchema)),
  'sync.quarantine': method(
    z.object({ resource: z.string().optional(), limit: z.number().int().positive().max(1000).optional() }).strict(),
    z.array(quarantinedRecordSchema),
  ),
  'sync.resolveConflict': method(
    z.object({ commandId: z.string().min(1), choice: z.enum(['keep_mine', 'take_theirs']) }).strict(),
    z.object({ reissuedCommandId: z.string().nullable() }),
  ),
  'alerts.list': method(
    z.object({ statuses: z.array(alertStatusSchema).optional(), limit: z.number().int().positive().max(5000).optional() }).strict(),
    z.array(alertRowSchema),
  ),
  'alerts.acknowledge': method(z.object({ id: z.string().min(1).max(200) }).strict(), z.object({ commandId: z.string() })),
} as const;

export const events = {
  'status.changed': statusSchema,
  'settings.changed': settingsSchema,
  'sync.progress': syncProgressSchema,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type CoreEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
