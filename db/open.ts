import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import type { DbLogger } from './logger';
import { listBackups, makeBackup, pruneBackups, type BackupInfo } from './backups';
import { ensurePrivateDir, ensurePrivateFile, tightenMode, PRIVATE_FILE_MODE } from './private-files';
import { logSlowQueries } from './slow-queries';

export type CockpitDb = BetterSQLite3Database<typeof schema>;

export interface OpenDatabaseOptions {
  file: string;
  logger: DbLogger;
  /** Where timestamped copies go; defaults to `<dir of file>/backups`. */
  backupsDir?: string;
  keepBackups?: number;
  slowQueryMs?: number;
  /** Absolute path to `db/migrations`; the Electron build ships it under resources. */
  migrationsFolder?: string;
  /**
   * A backup is always taken before migrations run; otherwise at most once per interval, because
   * copying a multi-gigabyte database at every launch would make start-up slow.
   */
  minBackupIntervalMs?: number;
  /** better-sqlite3 addon built for Electron's ABI; undefined under plain Node. */
  nativeBinding?: string;
  /**
   * Also back up a database created by this open (after its migrations), so that a file damaged
   * before the next start still has a backup to offer. Best effort, like the start-up backup.
   */
  backupOnCreate?: boolean;
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: CockpitDb;
  file: string;
  backupsDir: string;
  close(): void;
}

/** Thrown when `PRAGMA quick_check` finds damage: the caller offers a backup instead of crashing. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly backups: BackupInfo[],
  ) {
    super(`The database ${file} is damaged: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'DatabaseCorruptError';
  }
}

export const DEFAULT_MIGRATIONS_FOLDER = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'migrations');

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const file = path.resolve(options.file);
  const backupsDir = options.backupsDir ?? path.join(path.dirname(file), 'backups');
  ensurePrivateDir(path.dirname(file), false);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  ensurePrivateFile(file);
  for (const suffix of ['-wal', '-shm']) tightenMode(file + suffix, PRIVATE_FILE_MODE);

  let sqlite: Database.Database;
  try {
    sqlite = connect(file, options.nativeBinding);
  } catch (error) {
    if (isCorruptionError(error)) throw new DatabaseCorruptError(file, [(error as Error).message], listBackups(backupsDir));
    throw error;
  }
  try {
    const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
    if (existed) {
      assertIntact(sqlite, file, backupsDir);
      if (backupIsDue(sqlite, backupsDir, migrationsFolder, options.minBackupIntervalMs ?? 6 * 3600_000)) {
        startupBackup(sqlite, backupsDir, options);
      }
    }
    logSlowQueries(sqlite, options.logger, options.slowQueryMs ?? 50);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    if (!existed && options.backupOnCreate) startupBackup(sqlite, backupsDir, options);
    options.logger.info({ file, existed }, 'database open');
    return { sqlite, db, file, backupsDir, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Best effort: a disk too full for a copy, or a backups folder that cannot be written, must not
 * keep a healthy database closed (makeBackup removes its partial file). It is logged and retried
 * at the next start and by the periodic backups.
 */
function startupBackup(sqlite: Database.Database, backupsDir: string, options: OpenDatabaseOptions): void {
  try {
    makeBackup(sqlite, backupsDir, options.logger);
    pruneBackups(backupsDir, options.keepBackups ?? 5);
  } catch (error) {
    options.logger.warn({ backupsDir, err: error instanceof Error ? error.message : String(error) }, 'start-up backup failed; opening without it');
  }
}

/**
 * A second connection to a database that openDatabase has already opened, checked and migrated
 * (the sync thread's): the same pragmas, nothing else. WAL lets it write while others read.
 */
export function connectDatabase(file: string, nativeBinding?: string): Database.Database {
  return connect(path.resolve(file), nativeBinding);
}

/**
 * Every transaction on a cockpit connection begins IMMEDIATE (drizzle's default `deferred` too).
 * The core thread and the sync thread write through connections of their own: a deferred
 * transaction that reads and then writes after the other connection committed fails at once
 * with SQLITE_BUSY (its snapshot is stale; the busy timeout cannot help), while an immediate one
 * takes the write lock first and simply waits its turn.
 */
function preferImmediateTransactions(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const variants = transaction(fn);
    const immediate = variants.immediate;
    return Object.assign((...args: never[]) => immediate(...args), {
      default: immediate,
      deferred: immediate,
      immediate,
      exclusive: variants.exclusive,
      database: sqlite,
    });
  }) as unknown as Database.Database['transaction'];
}

function connect(file: string, nativeBinding: string | undefined): Database.Database {
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  preferImmediateTransactions(sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // INSERT OR REPLACE then fires the delete triggers of the row it replaces: merchant_metrics'
  // triggers keep period sums and must see the old values go however a row is overwritten.
  sqlite.pragma('recursive_triggers = ON');
  // A desktop app with multi-million-row tables: the default 2 MB page cache makes every insert into
  // a large index re-read its pages. 64 MB (an upper bound, filled only as pages are used) keeps
  // the working set of the synced tables' B-trees. temp_store stays FILE: building an index over
  // 12M rows (deferred-indexes.ts) spills its sort to temp files, in RAM it would take ~600 MB.
  sqlite.pragma('cache_size = -65536');
  // The sync engine lets the WAL grow between checkpoints during a bulk load; afterwards it is cut
  // back to this size when it is next reset.
  sqlite.pragma('journal_size_limit = 67108864');
  return sqlite;
}

function backupIsDue(sqlite: Database.Database, backupsDir: string, migrationsFolder: string, minIntervalMs: number): boolean {
  if (pendingMigrationCount(sqlite, migrationsFolder) > 0) return true;
  const newest = listBackups(backupsDir)[0];
  return !newest || Date.now() - Date.parse(newest.createdAt) >= minIntervalMs;
}

export function pendingMigrationCount(sqlite: Database.Database, migrationsFolder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied = hasTable ? Number(sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()) : 0;
  return Math.max(0, journal.entries.length - applied);
}

/** SQLite's own words for "this file is damaged or is not a database at all". */
function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

function assertIntact(sqlite: Database.Database, file: string, backupsDir: string): void {
  let problems: string[];
  try {
    problems = sqlite
      .prepare('PRAGMA quick_check')
      .pluck()
      .all()
      .map(String)
      .filter((line) => line !== 'ok');
  } catch (error) {
    // A file that is not a database at all fails here rather than in quick_check's rows.
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length > 0) throw new DatabaseCorruptError(file, problems, listBackups(backupsDir));
}

/**
 * Replaces a damaged database with a backup. The damaged file is kept beside it (renamed)
 * so that nothing is destroyed; the caller reopens afterwards. Only the newest `keepDamaged`
 * damaged copies are kept, as with backups: a file that keeps getting damaged must not fill the disk.
 */
export function restoreBackup(file: string, backupFile: string, logger: DbLogger, keepDamaged = 5): string {
  const damagedCopy = setAsideDamaged(file, keepDamaged);
  fs.copyFileSync(backupFile, file);
  tightenMode(file, PRIVATE_FILE_MODE);
  logger.warn({ file, backupFile, damagedCopy }, 'database restored from backup');
  return damagedCopy;
}

/**
 * Renames a damaged database (and its -wal/-shm) to `<file>.damaged-<ms>`, so that the next open
 * starts an empty one while nothing is destroyed; keeps only the newest `keep` damaged copies.
 */
export function setAsideDamaged(file: string, keep = 5): string {
  const damagedCopy = `${file}.damaged-${Date.now()}`;
  if (fs.existsSync(file)) fs.renameSync(file, damagedCopy);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, damagedCopy + suffix);
  }
  pruneDamagedCopies(file, keep);
  return damagedCopy;
}

const DAMAGED_SUFFIX = /^\.damaged-(\d+)$/;

/** The damaged copies of `file` (without their -wal/-shm), newest first. */
export function listDamagedCopies(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(base) && DAMAGED_SUFFIX.test(name.slice(base.length)))
    .map((name) => ({ name, stamp: Number(DAMAGED_SUFFIX.exec(name.slice(base.length))?.[1]) }))
    .sort((a, b) => b.stamp - a.stamp)
    .map(({ name }) => path.join(dir, name));
}

export function pruneDamagedCopies(file: string, keep: number): void {
  for (const old of listDamagedCopies(file).slice(keep)) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(old + suffix, { force: true });
  }
}
