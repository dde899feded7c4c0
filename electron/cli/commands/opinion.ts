/** `cockpit opinion …`: the public-opinion alerts of a cockpit database, read-only. */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { alertLines } from '../../core/opinion/alert-lines';

interface AlertsOptions {
  db: string;
  format: string;
}

function parseFormat(value: string): string {
  if (value !== 'jsonl') throw new InvalidArgumentError('only jsonl is supported');
  return value;
}

export function registerOpinion(program: Command): void {
  const opinion = program.command('opinion').description('public-opinion monitoring (舆情监测)');
  opinion
    .command('alerts')
    .description(
      'print every alert, one JSON object a line sorted by id: id, status, severity, subject_type, subject_id, topic, ' +
        'opened_at, sla_due_at, mention_count, local (true while only this cockpit knows the alert)',
    )
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .option('--format <format>', 'output format', parseFormat, 'jsonl')
    .action(async (options: AlertsOptions) => printAlerts(options));
}

async function printAlerts(options: AlertsOptions): Promise<void> {
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  // Read-only and without migrations: listing must never change the file it reads.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const out = process.stdout;
  // `cockpit opinion alerts … | head` closes the pipe early: that is the reader's choice, not an error.
  let failure: Error | null = null;
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else failure = error;
    out.emit('drain');
  };
  out.on('error', onError);
  try {
    let chunk = '';
    for (const line of alertLines(sqlite)) {
      chunk += JSON.stringify(line) + '\n';
      if (chunk.length >= 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        if (closed || failure) break;
      }
    }
    if (chunk && !closed && !failure) out.write(chunk);
    if (failure) throw failure;
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) throw new Error(`${file} is not a cockpit database (${error.message})`, { cause: error });
    throw error;
  } finally {
    out.off('error', onError);
    sqlite.close();
  }
}
