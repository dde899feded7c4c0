/**
 * Write turns: how the core thread writes without ever blocking the thread that answers calls.
 *
 * The sync thread writes through a connection of its own and can hold the database's write lock
 * for seconds (the deferred index builds at the end of a first download). A write on the core's
 * connection that simply waited (busy_timeout) would stop its event loop for as long, and every
 * read queued behind it, though WAL lets reads run beside the sync. So a write turn asks for the
 * lock without waiting (BEGIN IMMEDIATE with busy_timeout 0) and, while the sync holds it, asks
 * again a little later from a timer: the event loop answers reads in between. Once it has the
 * lock, the work runs inside that transaction (its own transactions become savepoints), so it
 * never meets the lock half-way: a user action is all written or not at all, and a turn that gave
 * up changed nothing.
 *
 * Work that returns a promise has its synchronous part committed when it returns; what it writes
 * after an await runs outside the turn, on the connection's ordinary busy timeout.
 */
import type Database from 'better-sqlite3';

export interface WriteTurnOptions {
  /** How long a turn may wait for the lock before it gives up with WriteTurnTimeoutError. */
  maxWaitMs?: number;
  /** The first pause between asks; it doubles up to `maxPauseMs`. */
  firstPauseMs?: number;
  maxPauseMs?: number;
}

const DEFAULTS: Required<WriteTurnOptions> = { maxWaitMs: 60_000, firstPauseMs: 4, maxPauseMs: 50 };

export class WriteTurnTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed locked by the sync for ${Math.round(waitedMs / 1000)} s; nothing was changed`);
    this.name = 'WriteTurnTimeoutError';
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_BUSY_RECOVERY';
}

/** BEGIN IMMEDIATE if the lock is free right now; false while another connection holds it. */
function tryBegin(sqlite: Database.Database): boolean {
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

function finish(sqlite: Database.Database, statement: 'COMMIT' | 'ROLLBACK'): void {
  try {
    sqlite.exec(statement);
  } catch (error) {
    // A COMMIT that failed (a full disk) can leave the transaction open: end it, keep the cause.
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` holding the write lock, waiting for the lock without blocking the event loop. Work
 * called from inside a transaction already open on this connection just runs (it is part of it).
 * Several turns can wait at once: each holds the lock only while its work runs synchronously, so
 * whenever a pause ends no transaction of this connection is open.
 */
export async function writeTurn<T>(sqlite: Database.Database, work: () => T, options: WriteTurnOptions = {}): Promise<Awaited<T>> {
  if (sqlite.inTransaction) return await work();
  const { maxWaitMs, firstPauseMs, maxPauseMs } = { ...DEFAULTS, ...options };
  const started = performance.now();
  let pauseMs = firstPauseMs;
  while (!tryBegin(sqlite)) {
    const waited = performance.now() - started;
    if (waited >= maxWaitMs) throw new WriteTurnTimeoutError(waited);
    await pause(Math.min(pauseMs, maxWaitMs - waited));
    pauseMs = Math.min(pauseMs * 2, maxPauseMs);
  }
  let result: T;
  try {
    result = work();
  } catch (error) {
    finish(sqlite, 'ROLLBACK');
    throw error;
  }
  finish(sqlite, 'COMMIT');
  return await result;
}
