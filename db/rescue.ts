/**
 * Rescue from a damaged database: when no backup can replace it, the user starts an empty database
 * and syncs everything again from the platform. What only this machine had, the commands the
 * platform has not confirmed, is read out of the damaged file first, as far as SQLite can still
 * read it, and queued again in the new one; the platform takes a command once by its id, so one
 * that had reached it already is answered as a duplicate, not applied twice.
 */
import Database from 'better-sqlite3';

/** Commands the platform has not confirmed: still to send, sent without an answer, or waiting for the user's decision. */
const UNCONFIRMED_STATES = ['pending', 'sent', 'conflict'] as const;

const COLUMNS = ['id', 'type', 'resource', 'entity_id', 'base_version', 'payload', 'issued_at', 'state', 'attempts', 'last_error', 'server_entity'] as const;

export type RescuedCommand = Record<(typeof COLUMNS)[number], string | number | null>;

export interface RescueRead {
  commands: RescuedCommand[];
  /** Why reading stopped early or could not start (SQLite's words); null when the whole outbox was read. */
  problem: string | null;
}

/**
 * The unconfirmed commands of a damaged database file, oldest first. Reads the table itself, not
 * its indexes (they may be what is damaged), and keeps every row read before a damaged page.
 */
export function readUnconfirmedCommands(file: string, nativeBinding?: string): RescueRead {
  const commands: RescuedCommand[] = [];
  let damaged: Database.Database | null = null;
  try {
    damaged = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const states = UNCONFIRMED_STATES.map((state) => `'${state}'`).join(', ');
    const rows = damaged.prepare(`SELECT ${COLUMNS.join(', ')} FROM outbox_commands NOT INDEXED WHERE state IN (${states}) ORDER BY seq`);
    for (const row of rows.iterate() as Iterable<RescuedCommand>) commands.push(row);
    return { commands, problem: null };
  } catch (error) {
    return { commands, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    damaged?.close();
  }
}

/** Queues rescued commands in a fresh database, in their order; one already there (same id) is kept as it is. */
export function queueRescuedCommands(sqlite: Database.Database, commands: readonly RescuedCommand[]): number {
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO outbox_commands (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`,
  );
  let queued = 0;
  sqlite.transaction(() => {
    for (const command of commands) queued += insert.run(command).changes;
  })();
  return queued;
}
