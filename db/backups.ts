import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DbLogger } from './logger';

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
  fs.mkdirSync(backupsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  const target = path.join(backupsDir, `cockpit-${stamp}.sqlite`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  sqlite.prepare('VACUUM INTO ?').run(partial);
  fs.renameSync(partial, target);
  logger.info({ target, ms: Math.round(performance.now() - started) }, 'database backed up');
  return target;
}

export function pruneBackups(backupsDir: string, keep: number): void {
  for (const old of listBackups(backupsDir).slice(keep)) fs.rmSync(old.file, { force: true });
}
