import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, recordingLogger } from '../electron/testing/temp-dir';
import { listBackups, startPeriodicBackups } from './backups';
import { DatabaseCorruptError, listDamagedCopies, openDatabase, restoreBackup } from './open';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir()));
afterEach(() => temp.cleanup());

function fileIn(name = 'cockpit.sqlite'): string {
  return path.join(temp.dir, name);
}

function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
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

describe('private files', () => {
  it('creates the database and its WAL 0600, backups 0600, in 0700 folders', () => {
    const file = path.join(temp.dir, 'data', 'cockpit.sqlite');
    const first = openDatabase({ file, logger: recordingLogger() });
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('ui', '{}', 'now')").run();
    expect(modeOf(path.dirname(file))).toBe('700');
    expect(modeOf(file)).toBe('600');
    expect(modeOf(`${file}-wal`)).toBe('600');
    expect(modeOf(`${file}-shm`)).toBe('600');
    first.close();
    openDatabase({ file, logger: recordingLogger(), minBackupIntervalMs: 0 }).close();
    const backupsDir = path.join(temp.dir, 'data', 'backups');
    expect(modeOf(backupsDir)).toBe('700');
    const [backup] = listBackups(backupsDir);
    expect(modeOf(backup!.file)).toBe('600');
  });

  it('tightens a database and a backups folder that already existed with wider modes', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    fs.chmodSync(fileIn(), 0o644);
    fs.mkdirSync(path.join(temp.dir, 'backups'), { mode: 0o755 });
    fs.chmodSync(path.join(temp.dir, 'backups'), 0o755);
    openDatabase({ file: fileIn(), logger: recordingLogger(), minBackupIntervalMs: 0 }).close();
    expect(modeOf(fileIn())).toBe('600');
    expect(modeOf(path.join(temp.dir, 'backups'))).toBe('700');
    // A folder the user chose for the database (here the temp dir itself) is not ours to change.
    expect(modeOf(temp.dir)).toBe('700'); // mkdtemp's own mode, untouched
  });
});

describe('the start-up backup is best effort', () => {
  afterEach(() => vi.useRealTimers());

  it('a backup that cannot be made never stops a healthy database from opening, and leaves no .partial', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    // The backup's final name is taken by a folder: the copy is made, then cannot be put in place.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const blocked = path.join(temp.dir, 'backups', 'cockpit-20300101T000000000Z.sqlite');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    const logger = recordingLogger();
    const opened = openDatabase({ file: fileIn(), logger, minBackupIntervalMs: 0 });
    expect(opened.sqlite.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    opened.close();
    expect(fs.readdirSync(path.join(temp.dir, 'backups')).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(logger.lines.some((line) => line.level === 'warn' && line.message === 'start-up backup failed; opening without it')).toBe(true);
  });

  it('a backups folder that cannot be created does not stop the open either', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    const notAFolder = fileIn('not-a-folder');
    fs.writeFileSync(notAFolder, 'x');
    const opened = openDatabase({ file: fileIn(), logger: recordingLogger(), backupsDir: path.join(notAFolder, 'backups'), minBackupIntervalMs: 0 });
    opened.close();
  });
});

describe('damaged copies and backups over time', () => {
  it('keeps only the newest damaged copies (with their -wal/-shm), like backups', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger() }).close();
    openDatabase({ file: fileIn(), logger: recordingLogger(), minBackupIntervalMs: 0 }).close();
    const [backup] = listBackups(path.join(temp.dir, 'backups'));
    const stamps = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002, 1_700_000_000_003];
    for (const stamp of stamps) {
      fs.writeFileSync(fileIn(`cockpit.sqlite.damaged-${stamp}`), 'old damage');
      fs.writeFileSync(fileIn(`cockpit.sqlite.damaged-${stamp}-wal`), 'old wal');
    }
    fs.writeFileSync(fileIn('unrelated.sqlite.damaged-1'), 'not ours');
    fs.writeFileSync(fileIn(), 'garbage'.repeat(1000));
    fs.writeFileSync(fileIn('cockpit.sqlite-wal'), 'garbage wal');

    const newest = restoreBackup(fileIn(), backup!.file, recordingLogger(), 3);
    const kept = listDamagedCopies(fileIn()).map((copy) => path.basename(copy));
    expect(kept).toEqual([path.basename(newest), 'cockpit.sqlite.damaged-1700000000003', 'cockpit.sqlite.damaged-1700000000002']);
    expect(fs.existsSync(`${newest}-wal`)).toBe(true);
    expect(fs.existsSync(fileIn('cockpit.sqlite.damaged-1700000000001'))).toBe(false);
    expect(fs.existsSync(fileIn('cockpit.sqlite.damaged-1700000000001-wal'))).toBe(false);
    expect(fs.existsSync(fileIn('cockpit.sqlite.damaged-1700000000002-wal'))).toBe(true);
    expect(fs.existsSync(fileIn('unrelated.sqlite.damaged-1'))).toBe(true);
  });

  it('takes a backup on first creation when asked', () => {
    openDatabase({ file: fileIn(), logger: recordingLogger(), backupOnCreate: true }).close();
    expect(listBackups(path.join(temp.dir, 'backups'))).toHaveLength(1);
  });

  it('backs up periodically while running, best effort, and stops when told', async () => {
    const opened = openDatabase({ file: fileIn(), logger: recordingLogger() });
    const logger = recordingLogger();
    const periodic = startPeriodicBackups(opened.sqlite, { backupsDir: path.join(temp.dir, 'backups'), logger, intervalMs: 40, keep: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    periodic.stop();
    const taken = (): number => logger.lines.filter((line) => line.message === 'database backed up').length;
    expect(listBackups(path.join(temp.dir, 'backups'))).toHaveLength(2); // several taken, pruned to the newest 2
    const takenAtStop = taken();
    expect(takenAtStop).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(taken()).toBe(takenAtStop);
    opened.close();
  });
});
