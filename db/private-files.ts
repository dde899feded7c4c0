/**
 * The database, its backups, logs and secrets hold company data: files 0600 in folders 0700,
 * whatever the umask, and tightened when they already existed with wider modes. (No effect on
 * Windows, where POSIX modes do not apply.)
 */
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Removes group/other bits from an existing file or folder; a missing one is left missing. */
export function tightenMode(target: string, mode: number): void {
  let current: number;
  try {
    current = fs.statSync(target).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((current & ~mode) !== 0) fs.chmodSync(target, current & mode);
}

/**
 * Creates a folder (and missing parents) 0700. `tightenExisting`: the folder is the app's own
 * (data, backups, logs, secrets) and an existing one is tightened too; never for a folder the
 * user chose to put a database in (`--db /tmp/x.sqlite` must not change /tmp).
 */
export function ensurePrivateDir(dir: string, tightenExisting: boolean): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (tightenExisting) tightenMode(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes sure `file` exists with mode 0600 (created empty when absent, tightened when wider).
 * SQLite creates its -wal and -shm files with the database file's mode, and VACUUM INTO accepts an
 * empty target, so creating the file first is what keeps every copy private.
 */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
    tightenMode(file, PRIVATE_FILE_MODE); // the umask cannot add bits, but a 0o600 it did not cut is checked anyway
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tightenMode(file, PRIVATE_FILE_MODE);
  }
}
