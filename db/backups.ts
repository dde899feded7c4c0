import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DbLogger } from './logger';
import { ensurePrivateDir, ensurePrivateFile } from './private-files';

export interface BackupInfo {
  file: string;
  createdAt: string;
  bytes: number;
}

const BACKUP_PATTERN = /^cockpit-(\d{8}T\d{6}\d{3}Z)\.sqlite$/;

/** Newest first. */
export function listBackups(backupsDir: string): BackupInfo[] {
  if (!fs.existsSync(backupsDir)) return [];
  return fs
    .readdirSync(backupsDir)
    .filter((name) => BACKUP_PATTERN.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const file = path.join(backupsDir, name);
      const stat = fs.statSync(file);
      return { file, createdAt: stat.mtime.toISOString(), bytes: stat.size };
    });
}

/**
 * A consistent copy of the live database (VACUUM INTO reads through the WAL), written to a
 * temporary name first so that a crash never leaves a half-written file that looks like a backup.
 */
export function makeBackup(sqlite: Database.Database, backupsDir: string, logger: DbLogger): string {
  ensurePrivateDir(backupsDir, true);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  const target = path.join(backupsDir, `cockpit-${stamp}.sqlite`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  try {
    ensurePrivateFile(partial); // VACUUM INTO fills an empty file and keeps its 0600 mode
    sqlite.prepare('VACUUM INTO ?').run(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  logger.info({ target, ms: Math.round(performance.now() - started) }, 'database backed up');
  return target;
}

export function pruneBackups(backupsDir: string, keep: number): void {
  for (const old of listBackups(backupsDir).slice(keep)) fs.rmSync(old.file, { force: true });
}

export interface PeriodicBackupOptions {
  backupsDir: string;
  logger: DbLogger;
  /** Default 6 h, the start-up backup's interval. */
  intervalMs?: number;
  keep?: number;
}

/**
 * Backs the live database up every interval while the app runs (war-room machines stay up for
 * days). Best effort: a failure is logged and tried again at the next tick. The timer never keeps
 * the process alive. The copy runs on the calling thread: call it from the thread that owns `sqlite`.
 */
export function startPeriodicBackups(sqlite: Database.Database, options: PeriodicBackupOptions): { stop(): void } {
  const timer = setInterval(() => {
    try {
      makeBackup(sqlite, options.backupsDir, options.logger);
      pruneBackups(options.backupsDir, options.keep ?? 5);
    } catch (error) {
      options.logger.warn({ backupsDir: options.backupsDir, err: error instanceof Error ? error.message : String(error) }, 'periodic backup failed');
    }
  }, options.intervalMs ?? 6 * 3600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
