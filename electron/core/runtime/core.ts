import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DatabaseCorruptError, openDatabase, restoreBackup, setAsideDamaged, type OpenedDatabase } from '../../../db/open';
import { queueRescuedCommands, readUnconfirmedCommands } from '../../../db/rescue';
import { listBackups, startPeriodicBackups } from '../../../db/backups';
import { writeTurn } from '../../../db/write-turn';
import {
  ApiError,
  methods,
  parseCall,
  syncedDataMethods,
  type CallResult,
  type DatabaseHealth,
  type MethodName,
  type Methods,
  type SyncProgress,
} from '../api';
import { PlatformConnection, type PlatformChoice } from './platform-connection';
import { SettingsService } from '../settings/settings-service';
import { CoreEvents, type CoreEventListener } from './events';
import { createLogger, createSilentLogger, logFilePath, type Logger } from './logger';
import { StatusService } from './status-service';
import { inMemoryHostServices, type HostServices } from './host-services';
import { domains } from '../domains';
import type { DomainContext } from '../domain';
import { toApiError } from './errors';
import { insecurePlatformError } from './platform-url';
import { toWellFormedDeep } from '../sync/codec';
import { Outbox, unacknowledgedEntityKeys } from '../sync/outbox';
import { RecordStore } from '../sync/record-store';
import { listQuarantine } from '../sync/engine/sync-tables';
import { commandRegistry } from '../domains';

export interface CoreOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/cockpit.sqlite`. */
  dbFile?: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  /** Which platform to sync with; `auto` = the user's configured one, else the demo workspace. */
  platform?: PlatformChoice;
  pollIntervalMs?: number;
  migrationsFolder?: string;
  nativeBinding?: string;
  /** Tests pass false to keep their temp folders clean of log files. */
  writeLogs?: boolean;
  /** Tests that drive the domains by hand pass false: no background scoring, detection or SLA timers. */
  domainBackground?: boolean;
  /** The sync thread's entry: the bundled `sync-worker.js` under Electron; the .ts source otherwise. */
  syncWorkerFile?: string;
  /** Resources the sync pulls (benchmarks); defaults to all. */
  syncResources?: readonly string[];
}

export interface Core {
  call(method: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

type Handlers = { [M in MethodName]: (input: z.output<Methods[M]['input']>) => z.input<Methods[M]['output']> | Promise<z.input<Methods[M]['output']>> };

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
/**
 * Every domain's handlers together. Typed as the intersection of what each domain's
 * createHandlers returns, so `Handlers` below still proves every method of the contract has one.
 */
type DomainMethodHandlers = UnionToIntersection<ReturnType<(typeof domains)[number]['createHandlers']>>;

/** The services that need an open, intact database. */
interface Session {
  opened: OpenedDatabase;
  settings: SettingsService;
  status: StatusService;
  platform: PlatformConnection;
  /** Copies the database to backups/ every few hours while the app runs (war-room machines stay up for days). */
  backups: { stop(): void };
  /** Each domain's background work (opinion monitoring, …). */
  background: { stop(): void }[];
  /** Every domain's handlers, made once per open database. */
  domainHandlers: Record<string, (input: never) => unknown>;
  /** Reads the local outbox while no sync engine runs (made on first use). */
  localOutbox: Outbox | null;
}

const USER_ACTION_BUSY_TIMEOUT_MS = 60_000;

/** The synced tables the Sync screen counts: each domain names its own. */
const COUNTED_TABLES = [...new Set(domains.flatMap((domain) => domain.countedTables))];

/**
 * The core: owns the database and every service, knows nothing of Electron or the DOM. It runs
 * inside a worker thread (see worker.ts) under Electron and in browser mode, and in-process in tests.
 */
export function createCore(options: CoreOptions, host: HostServices = inMemoryHostServices()): Core {
  const dbFile = options.dbFile ?? path.join(options.dataDir, 'cockpit.sqlite');
  const logsDir = path.join(options.dataDir, 'logs');
  const logger: Logger = options.writeLogs === false ? createSilentLogger() : createLogger({ logsDir });
  const events = new CoreEvents();
  let session: Session | null = null;
  let corruption: DatabaseCorruptError | null = null;
  /** The engine's last progress: the status bar reads online/syncing from it instead of rebuilding it. */
  let latestProgress: SyncProgress | null = null;

  function open(): void {
    try {
      const opened = openDatabase({
        file: dbFile,
        logger,
        migrationsFolder: options.migrationsFolder,
        nativeBinding: options.nativeBinding,
      });
      // Calls that write wait for the sync's lock in a write turn (see run); this timeout is for
      // writes outside one (after an await), which then wait on this thread, never fail.
      opened.sqlite.pragma(`busy_timeout = ${USER_ACTION_BUSY_TIMEOUT_MS}`);
      const platform = new PlatformConnection({
        opened,
        host,
        logger,
        choice: options.platform ?? { kind: 'auto' },
        pollIntervalMs: options.pollIntervalMs,
        syncWorkerFile: options.syncWorkerFile,
        domainWork: options.domainBackground !== false,
        nativeBinding: options.nativeBinding,
        syncResources: options.syncResources,
        onChange: (progress) => publishSyncState(progress),
      });
      const status = new StatusService(opened.db, events, () => ({
        platform: platform.info().kind,
        online: latestProgress?.online ?? false,
        syncing: latestProgress?.syncing ?? false,
      }));
      const context: DomainContext = {
        opened, engine: requireEngine, commandIssued: () => publishSyncState(), logger,
        emit: (name, payload) => events.emit(name, payload),
        operatorId: () => platform.operatorId(),
      };
      const domainHandlers = Object.assign({}, ...domains.map((domain) => domain.createHandlers(context))) as Session['domainHandlers'];
      const backups = startPeriodicBackups(opened.sqlite, { backupsDir: opened.backupsDir, logger });
      const background = options.domainBackground === false ? [] : domains.flatMap((domain) => (domain.background ? [domain.background(context)] : []));
      session = { opened, settings: new SettingsService(opened.db), status, platform, backups, background, domainHandlers, localOutbox: null };
      corruption = null;
      platform.start().catch((error: unknown) => logger.error({ err: error }, 'could not connect to the platform'));
    } catch (error) {
      if (!(error instanceof DatabaseCorruptError)) throw error;
      logger.error({ file: error.file, problems: error.problems }, 'database is damaged; waiting for the user to restore a backup');
      corruption = error;
    }
  }

  /** One progress snapshot per change feeds both the status bar and the Sync screen. */
  function publishSyncState(progress: SyncProgress | null = session?.platform.current()?.progress() ?? null): void {
    if (!session) return;
    latestProgress = progress;
    session.status.publish();
    if (progress) events.emit('sync.progress', progress);
  }

  function requireEngine() {
    const engine = requireSession().platform.current();
    if (!engine) throw new ApiError('unavailable', 'No platform is connected');
    return engine;
  }

  /**
   * The outbox is a local table: what is queued is listed while the platform is still being
   * connected, unreachable at start or not configured at all, not only once an engine runs.
   */
  function outboxReader(): Pick<Outbox, 'list'> {
    const current = requireSession();
    const engine = current.platform.current();
    if (engine) return { list: (filter) => engine.listOutbox(filter) };
    const { sqlite } = current.opened;
    current.localOutbox ??= new Outbox(
      sqlite,
      new RecordStore(sqlite, unacknowledgedEntityKeys(sqlite), (resource) => commandRegistry.guardFieldOf(resource)),
      commandRegistry,
      () => new Date(),
      logger,
    );
    return current.localOutbox;
  }

  function requireSession(): Session {
    if (session) return session;
    throw new ApiError('database_corrupt', corruption?.message ?? 'The database is not open');
  }

  function health(): DatabaseHealth {
    if (corruption) {
      return { state: 'corrupt', file: dbFile, problems: corruption.problems, backups: corruption.backups };
    }
    return { state: 'ok', file: dbFile, problems: [], backups: listBackups(requireSession().opened.backupsDir) };
  }

  /** A domain's method runs its handler made for the open database (a damaged one has none). */
  function domainHandler(name: string) {
    return (input: never) => {
      const handler = requireSession().domainHandlers[name];
      if (!handler) throw new Error(`no handler for ${name}`);
      return handler(input);
    };
  }
  const domainMethodHandlers = Object.fromEntries(
    domains.flatMap((domain) => Object.keys(domain.methods)).map((name) => [name, domainHandler(name)]),
  ) as unknown as DomainMethodHandlers;

  const handlers: Handlers = {
    ...domainMethodHandlers,
    'app.info': () => ({
      name: 'Ops Cockpit',
      version: options.appVersion,
      mode: options.mode,
      dataDir: options.dataDir,
      logFile: logFilePath(logsDir),
      syncedDataMethods,
    }),
    'status.get': () => requireSession().status.get(),
    'settings.get': () => requireSession().settings.get(),
    'settings.update': (patch) => {
      const next = requireSession().settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'database.health': () => health(),
    'database.restoreBackup': async ({ file, confirmHealthy }) => {
      const known = (corruption?.backups ?? listBackups(path.join(path.dirname(dbFile), 'backups'))).map((b) => b.file);
      // Only a file we listed ourselves may be copied over the database: never a path from the UI.
      if (!known.includes(file)) throw new ApiError('not_found', 'No such backup');
      if (!corruption && confirmHealthy !== true) {
        throw new ApiError('invalid_input', 'The database is healthy: restoring a backup loses every change since it was taken. Confirm to continue.', [
          { path: 'confirmHealthy', message: 'confirm restoring over a healthy database' },
        ]);
      }
      await closeSession();
      restoreBackup(dbFile, file, logger);
      open();
      return health();
    },
    'database.startEmpty': async () => {
      if (!corruption) throw new ApiError('invalid_input', 'The database is healthy: there is nothing to start over from.');
      await closeSession();
      const damagedCopy = setAsideDamaged(dbFile);
      const rescue = readUnconfirmedCommands(damagedCopy, options.nativeBinding);
      open();
      const opened = requireSession().opened;
      const rescuedCommands = queueRescuedCommands(opened.sqlite, rescue.commands);
      logger.warn({ damagedCopy, rescuedCommands, rescueProblem: rescue.problem }, 'started an empty database after damage; syncing again');
      return { health: health(), damagedCopy, rescuedCommands, rescueProblem: rescue.problem };
    },
    'overview.tableCounts': () => {
      const { db } = requireSession().opened;
      return COUNTED_TABLES.map((table) => ({
        table,
        rows: Number(db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n),
      }));
    },
    'platform.get': () => requireSession().platform.info(),
    'platform.configure': ({ url, token, allowInsecure }) => {
      const refusal = insecurePlatformError(url, allowInsecure);
      if (refusal) throw refusal;
      return requireSession().platform.configure(url, token);
    },
    'platform.useDemo': () => requireSession().platform.useDemo(),
    'sync.progress': () => requireEngine().progress(),
    'sync.now': () => {
      const engine = requireEngine();
      engine.wake();
      return engine.progress();
    },
    'sync.outbox': (filter) => outboxReader().list(filter),
    'sync.quarantine': ({ resource, limit }) => listQuarantine(requireSession().opened.sqlite, resource, limit ?? 200),
    'sync.resolveConflict': ({ commandId, choice }) => {
      const reissuedCommandId = requireEngine().resolveConflict(commandId, choice);
      publishSyncState();
      return { reissuedCommandId };
    },
  };

  async function closeSession(): Promise<void> {
    const closing = session;
    session = null;
    latestProgress = null;
    if (!closing) return;
    for (const work of closing.background) work.stop();
    await closing.platform.stop();
    closing.backups.stop();
    closing.opened.close();
  }

  /**
   * A method that writes takes a write turn: it waits for the sync thread's lock without blocking
   * this thread, so reads go on being answered meanwhile, and it is written whole or not at all.
   */
  function run(method: keyof typeof methods, work: () => unknown): unknown {
    const sqlite = session?.opened.sqlite;
    if (methods[method].access !== 'write' || !sqlite?.open) return work();
    return writeTurn(sqlite, work, { maxWaitMs: USER_ACTION_BUSY_TIMEOUT_MS });
  }

  open();

  return {
    async call(method, input) {
      const started = performance.now();
      try {
        // One U+FFFD per lone surrogate before anything is validated or stored (IPC and HTTP do this too).
        const call = parseCall(method, toWellFormedDeep(input));
        const handler = handlers[call.method] as (input: unknown) => unknown;
        const value = methods[call.method].output.parse(await run(call.method, () => handler(call.input)));
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toApiError(error, logger, String(method)).toBody() };
      } finally {
        const ms = performance.now() - started;
        if (ms > 50) logger.warn({ method: String(method).slice(0, 80), ms: Math.round(ms) }, 'slow call');
      }
    },
    onEvent: (listener) => events.on(listener),
    async close() {
      await closeSession();
      logger.info({}, 'core closed');
      logger.flush?.();
    },
  };
}
