import path from 'node:path';
import { sql } from 'drizzle-orm';
import { DatabaseCorruptError, openDatabase, restoreBackup, type OpenedDatabase } from '../../../db/open';
import { listBackups } from '../../../db/backups';
import {
  ApiError,
  methods,
  parseCall,
  type CallResult,
  type DatabaseHealth,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Status,
} from '../api';
import { SettingsService } from '../settings/settings-service';
import { CoreEvents, type CoreEventListener } from './events';
import { createLogger, createSilentLogger, logFilePath, type Logger } from './logger';
import { StatusService } from './status-service';
import { inMemoryHostServices, type HostServices } from './host-services';

export interface CoreOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/cockpit.sqlite`. */
  dbFile?: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  platform?: Status['platform'];
  migrationsFolder?: string;
  nativeBinding?: string;
  /** Tests pass false to keep their temp folders clean of log files. */
  writeLogs?: boolean;
}

export interface Core {
  call(method: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

type Handlers = { [M in MethodName]: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

/** The services that need an open, intact database. */
interface Session {
  opened: OpenedDatabase;
  settings: SettingsService;
  status: StatusService;
}

const COUNTED_TABLES = [
  'categories', 'people', 'merchants', 'merchant_metrics', 'packages', 'merchant_packages', 'tier_overrides',
  'skus', 'suppliers', 'supply_links', 'risk_events', 'mentions', 'alerts', 'okr_teams', 'okr_members',
  'objectives', 'key_results', 'check_ins', 'kpi_points',
] as const;

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

  function open(): void {
    try {
      const opened = openDatabase({
        file: dbFile,
        logger,
        migrationsFolder: options.migrationsFolder,
        nativeBinding: options.nativeBinding,
      });
      session = {
        opened,
        settings: new SettingsService(opened.db),
        status: new StatusService(opened.db, events, options.platform ?? 'none'),
      };
      corruption = null;
    } catch (error) {
      if (!(error instanceof DatabaseCorruptError)) throw error;
      logger.error({ file: error.file, problems: error.problems }, 'database is damaged; waiting for the user to restore a backup');
      corruption = error;
    }
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

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Ops Cockpit',
      version: options.appVersion,
      mode: options.mode,
      dataDir: options.dataDir,
      logFile: logFilePath(logsDir),
    }),
    'status.get': () => requireSession().status.get(),
    'settings.get': () => requireSession().settings.get(),
    'settings.update': (patch) => {
      const next = requireSession().settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'database.health': () => health(),
    'database.restoreBackup': ({ file }) => {
      const known = (corruption?.backups ?? listBackups(path.join(path.dirname(dbFile), 'backups'))).map((b) => b.file);
      // Only a file we listed ourselves may be copied over the database: never a path from the UI.
      if (!known.includes(file)) throw new ApiError('not_found', 'No such backup');
      session?.opened.close();
      session = null;
      restoreBackup(dbFile, file, logger);
      open();
      return health();
    },
    'overview.tableCounts': () => {
      const { db } = requireSession().opened;
      return COUNTED_TABLES.map((table) => ({
        table,
        rows: Number(db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n),
      }));
    },
  };

  open();

  return {
    async call(method, input) {
      const started = performance.now();
      try {
        const call = parseCall(method, input);
        const handler = handlers[call.method] as (input: unknown) => unknown;
        const value = methods[call.method].output.parse(await handler(call.input));
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
      session?.opened.close();
      session = null;
      logger.info({}, 'core closed');
      logger.flush?.();
    },
  };
}

function toApiError(error: unknown, logger: Logger, method: string): ApiError {
  if (error instanceof ApiError) return error;
  // Anything else is a bug or an environment failure (disk full, I/O): log it whole, answer briefly.
  logger.error({ err: error, method }, 'call failed');
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', message);
}
