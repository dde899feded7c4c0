/**
 * The one API between the renderer and the core. Every method and event is declared here once;
 * the preload, the Electron main process, the browser-mode host and the renderer's client all
 * derive their types and validation from this file. Each domain declares its methods in a file of
 * its own beside this one (opinion.ts, …), merged below. Imports nothing but zod and those files,
 * so that the renderer can import it too.
 */
import { z } from 'zod';
import {
  outboxEntrySchema,
  outboxFilterSchema,
  quarantinedRecordSchema,
  syncProgressSchema,
} from '../sync/api-types';

import { mutation, query, type MethodMap } from './method';
import { opinionMethods, opinionNotifyEventSchema } from './opinion';
import { okrMethods } from './okr';
import { meetingsMethods } from './meetings';
import { overviewMethods } from './overview';
import { merchantsMethods } from './merchants';
import { suppliersMethods } from './suppliers';

export { outboxEntrySchema, quarantinedRecordSchema, syncProgressSchema };
export * from './method';
export * from './opinion';
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

/** What `database.startEmpty` did: the damaged file kept aside, and the unconfirmed commands read out of it. */
export const startEmptyResultSchema = z.object({
  health: databaseHealthSchema,
  damagedCopy: z.string(),
  rescuedCommands: z.number().int().nonnegative(),
  /** Why the damaged file could not be read to its end (SQLite's words); null when it could. */
  rescueProblem: z.string().nullable(),
});
export type StartEmptyResult = z.infer<typeof startEmptyResultSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  logFile: z.string(),
  /**
   * The methods whose answers come from synced records (declared in the contract), for the
   * renderer to refresh after the sync applies data; sent so that the renderer bundle need not
   * carry the schemas to derive it.
   */
  syncedDataMethods: z.array(z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const tableCountSchema = z.object({ table: z.string(), rows: z.number().int().nonnegative() });

const noInput = z.object({}).strict();

/** The shell's own methods: app, status, settings, database, platform and sync. */
const shellMethods = {
  'app.info': query(noInput, appInfoSchema),
  'status.get': query(noInput, statusSchema),
  'settings.get': query(noInput, settingsSchema),
  'settings.update': mutation(settingsSchema.partial().strict(), settingsSchema),
  'database.health': query(noInput, databaseHealthSchema),
  'database.restoreBackup': mutation(
    // Restoring over a healthy database loses what changed since the backup: the user confirms first.
    z.object({ file: z.string().min(1), confirmHealthy: z.literal(true).optional() }).strict(),
    databaseHealthSchema,
  ),
  /** No backup helps: keep the damaged file aside, start an empty database, queue its unconfirmed commands again, sync. */
  'database.startEmpty': mutation(z.object({ confirm: z.literal(true) }).strict(), startEmptyResultSchema),
  'overview.tableCounts': query(noInput, z.array(tableCountSchema), { synced: true }),
  'platform.get': query(noInput, platformInfoSchema, { synced: true }),
  'platform.configure': mutation(
    z.object({
      url: z.url({ protocol: /^https?$/ }),
      token: z.string().min(1).max(4096),
      /** Sent after the user agreed to send the token over plain http to another machine. */
      allowInsecure: z.literal(true).optional(),
    }).strict(),
    platformInfoSchema,
  ),
  'platform.useDemo': mutation(noInput, platformInfoSchema),
  'sync.progress': query(noInput, syncProgressSchema),
  'sync.now': mutation(noInput, syncProgressSchema),
  'sync.outbox': query(outboxFilterSchema.strict(), z.array(outboxEntrySchema), { synced: true }),
  'sync.quarantine': query(
    z.object({ resource: z.string().optional(), limit: z.number().int().positive().max(1000).optional() }).strict(),
    z.array(quarantinedRecordSchema),
    { synced: true },
  ),
  'sync.resolveConflict': mutation(
    z.object({ commandId: z.string().min(1), choice: z.enum(['keep_mine', 'take_theirs']) }).strict(),
    z.object({ reissuedCommandId: z.string().nullable() }),
  ),
} satisfies MethodMap;

/** Every method: the shell's, then each domain's (one line a domain). */
export const methods = {
  ...shellMethods,
  ...opinionMethods,
  ...okrMethods,
  ...overviewMethods,
  ...meetingsMethods,
  ...merchantsMethods,
  ...suppliersMethods,
} as const satisfies MethodMap;

/** The methods whose answers come from synced records: refreshed after the sync applies data. */
export const syncedDataMethods = (Object.keys(methods) as MethodName[]).filter((name) => methods[name].readsSyncedData);

/** The methods that change nothing: all that a read-only token may call. */
export const readMethods = (Object.keys(methods) as MethodName[]).filter((name) => methods[name].access === 'read');

export const events = {
  'status.changed': statusSchema,
  'settings.changed': settingsSchema,
  'sync.progress': syncProgressSchema,
  'opinion.notify': opinionNotifyEventSchema,
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
