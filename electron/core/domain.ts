/**
 * What a domain (electron/core/<domain>/) hands the core: its part of the contract, its handlers,
 * its commands and the tables it counts. The core merges the domains listed in domains.ts and
 * does not grow with them.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { OpenedDatabase } from '../../db/open';
import type { ApiError } from './api/errors';
import type { MethodMap } from './api/method';
import type { EventName, EventPayload } from './api/contract';
import type { CommandDeclaration } from './sync/commands';
import type { SyncHandle } from './sync/handle';
import type { Logger } from './runtime/logger';

/** What a domain's handlers may use: the open database and the sync engine, nothing of other domains. */
export interface DomainContext {
  opened: OpenedDatabase;
  /** The running sync engine; throws ApiError `unavailable` when no platform is connected. */
  engine(): SyncHandle;
  /** Call after issuing a command, so the status bar and the Sync screen show it at once. */
  commandIssued(): void;
  logger: Logger;
  /** Sends a core event (declared in the contract's `events`) to every window. Absent in tests that build a context by hand. */
  emit?<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** The person behind the platform token (`/v1/me`), null until the platform has answered. Absent in hand-built test contexts. */
  operatorId?(): string | null;
}

export type HandlersOf<M extends MethodMap> = {
  [K in keyof M]: (input: z.output<M[K]['input']>) => z.input<M[K]['output']> | Promise<z.input<M[K]['output']>>;
};

export interface Domain<M extends MethodMap = MethodMap> {
  name: string;
  methods: M;
  createHandlers(ctx: DomainContext): HandlersOf<M>;
  /** Commands this domain issues, with their local effects. */
  commands: readonly CommandDeclaration[];
  /** Synced tables whose row counts the Sync screen shows for this domain. */
  countedTables: readonly string[];
  /**
   * Work the domain keeps doing while the database is open (scoring what synced, timers such as
   * SLA breaches); started after the handlers, stopped before the database closes.
   */
  background?(ctx: DomainContext): { stop(): void };
  /**
   * Work that follows the sync on the sync thread, on its connection (never the thread that answers
   * calls): e.g. scoring mentions as they arrive. Created once the sync thread runs.
   */
  syncThreadWork?(sqlite: Database.Database): SyncThreadWork;
  /** Maps this domain's own errors to API errors; null = not one of ours. */
  toApiError?(error: unknown): ApiError | null;
}

/**
 * A domain's part of the sync thread's work. `step` does one bounded piece (a batch: the sync's
 * next page waits for it) and says whether more is waiting; it runs again at once while so, soon
 * after the sync applied rows of a resource in `after`, and every few seconds otherwise.
 */
export interface SyncThreadWork {
  after: readonly string[];
  step(): boolean;
}

export function defineDomain<M extends MethodMap>(domain: Domain<M>): Domain<M> {
  return domain;
}
