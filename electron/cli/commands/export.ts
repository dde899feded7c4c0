import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { exportLines } from '../../core/sync/export';
import { RESOURCE_FIELDS } from '../../core/sync/resources';

interface ExportOptions {
  db: string;
  resource: string;
  format: string;
  out?: string;
}

function parseResource(value: string): string {
  if (!(value in RESOURCE_FIELDS)) throw new InvalidArgumentError(`unknown resource (one of ${Object.keys(RESOURCE_FIELDS).join(', ')})`);
  return value;
}

function parseFormat(value: string): string {
  if (value !== 'jsonl') throw new InvalidArgumentError('only jsonl is supported');
  return value;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('print the synced records of one resource, one JSON object a line, sorted by id')
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .requiredOption('--resource <name>', 'resource name as in the platform SPEC, e.g. merchants', parseResource)
    .option('--format <format>', 'output format', parseFormat, 'jsonl')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: ExportOptions) => runExport(options));
}

async function runExport(options: ExportOptions): Promise<void> {
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  // Read-only and without migrations: an export must never change the file it reads.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const out: Writable = options.out ? fs.createWriteStream(path.resolve(options.out)) : process.stdout;
  // `cockpit export … | head` closes the pipe early: that is the reader's choice, not an error.
  let failure: Error | null = null;
  let closed = false;
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else failure = error;
    out.emit('drain');
  });
  try {
    let chunk = '';
    for (const line of exportLines(sqlite, options.resource)) {
      chunk += line + '\n';
      if (chunk.length >= 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        if (closed || failure) break;
      }
    }
    if (chunk && !closed && !failure) out.write(chunk);
    if (failure) throw failure;
    if (options.out) {
      out.end();
      await once(out, 'finish');
    }
  } finally {
    sqlite.close();
  }
}
