/** `cockpit okr …`: the OKR strike teams of a cockpit database, read-only. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { isCalendarDay, shanghaiToday } from '../../core/okr/engine';
import { okrReport } from '../../core/okr/report';

interface ReportOptions {
  db: string;
  asOf?: string;
  format: string;
}

function parseFormat(value: string): string {
  if (value !== 'jsonl') throw new InvalidArgumentError('only jsonl is supported');
  return value;
}

function parseDay(value: string): string {
  if (!isCalendarDay(value)) throw new InvalidArgumentError(`expected a calendar day YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

export function registerOkr(program: Command): void {
  const okr = program.command('okr').description('OKR strike teams (爆品攻坚小组)');
  okr
    .command('report')
    .description(
      'print every team on one day, one JSON object a line sorted by id: ' +
        '{"teamId","status","pace","expected","score","keyResults":[{"id","progress","pace"}]} (key results sorted by id). ' +
        'expected = elapsed share of the cycle; progress per KR; pace on_track|at_risk|off_track, for a team also ' +
        'not_started (forming), closed, no_key_results; score = mean KR progress (null without KRs)',
    )
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .option('--as-of <YYYY-MM-DD>', 'the day D (default: today in Asia/Shanghai)', parseDay)
    .option('--format <format>', 'output format', parseFormat, 'jsonl')
    .action((options: ReportOptions) => printReport(options));
}

function printReport(options: ReportOptions): void {
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  // Read-only and without migrations: a report must never change the file it reads.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const lines = okrReport(sqlite, options.asOf ?? shanghaiToday());
    process.stdout.write(lines.map((line) => JSON.stringify(line) + '\n').join(''));
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) throw new Error(`${file} is not a cockpit database (${error.message})`, { cause: error });
    throw error;
  } finally {
    sqlite.close();
  }
}
