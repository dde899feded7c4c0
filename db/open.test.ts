import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, recordingLogger } from '../electron/testing/temp-dir';
import { listBackups } from './backups';
import { DatabaseCorruptError, openDatabase, restoreBackup } from './open';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir()));
afterEach(() => temp.cleanup());

function fileIn(name = 'cockpit.sqlite'): string {
  return path.join(temp.dir, name);
}

describe('openDatabase', () => {
  it('opens with WAL, foreign keys and a busy timeout, and applies the migrations', () => {
    const opened = openDatabase({ file: fileIn(), logger: recordingLogger() });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['merchants', 'mentions', 'outbox_commands', 'sync_cursors']));
    opened.close();
  });

  it('backs up an existing database before start-up and keeps only the newest few', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    expect(listBackups(path.join(temp.dir, 'backups'))).toHaveLength(0);
    for (let i = 0; i < 4; i++) {
      openDatabase({ file: fileIn(), logger: recordingLogger(), keepBackups: 2, minBackupIntervalMs: 0 }).close();
    }
    const backups = listBackups(path.join(temp.dir, 'backups'));
    expect(backups).toHaveLength(2);
    expect(backups[0]!.file > backups[1]!.file).toBe(true);
  });

  it('skips the start-up backup when a recent one exists and no migration is pending', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    expect(listBackups(path.join(temp.dir, 'backups'))).toHaveLength(1);
  });

  it('reports a damaged file with its backups instead of crashing, and restores a backup', () => {
    const first = openDatabase({ file: fileIn(), logger: recordingLogger() });
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('ui', '{\"theme\":\"dark\"}', 'now')").run();
    first.close();
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close(); // takes a backup
    fs.writeFileSync(fileIn(), Buffer.alloc(8192, 7)); // garbage where the database was

    let caught: unknown;
    try {
      openDatabase({ file: fileIn(), logger: recordingLogger() });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseCorruptError);
    const corrupt = caught as DatabaseCorruptError;
    expect(corrupt.problems.length).toBeGreaterThan(0);
    expect(corrupt.backups).toHaveLength(1);

    const damagedCopy = restoreBackup(fileIn(), corrupt.backups[0]!.file, recordingLogger());
    expect(fs.existsSync(damagedCopy)).toBe(true);
    const reopened = openDatabase({ file: fileIn(), logger: recordingLogger() });
    expect(reopened.sqlite.prepare("SELECT value FROM settings WHERE key='ui'").pluck().get()).toBe('{"theme":"dark"}');
    reopened.close();
  });

  it('logs statements slower than the threshold', () => {
    const logger = recordingLogger();
    const opened = openDatabase({ file: fileIn(), logger, slowQueryMs: 100 });
    opened.sqlite
      .prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) FROM n')
      .pluck()
      .get();
    opened.sqlite.prepare("SELECT 'quick'").get();
    // Only the recursive query must be reported; open-time statements may be slow on a busy machine.
    const slow = logger.lines.filter((line) => line.message === 'slow query').map((line) => JSON.stringify(line.details));
    expect(slow.some((details) => details.includes('WITH RECURSIVE'))).toBe(true);
    expect(slow.some((details) => details.includes("'quick'"))).toBe(false);
    opened.close();
  });
});
