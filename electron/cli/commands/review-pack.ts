/**
 * `cockpit review-pack --db FILE --out DIR [--from DATE --to DATE]`: the bi-weekly review pack
 * (双周战略复盘) as an .xlsx workbook, headless. Opens the database read-only; prints the file written.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { buildReviewPack, parsePackDate } from '../../core/overview/review-pack';
import { loadWorkbookBuilder, packFileName, workspaceOf } from '../../core/overview/review-pack-export';

interface ReviewPackOptions {
  db: string;
  out: string;
  from?: string;
  to?: string;
}

const dateFlag = (flag: string) => (value: string) => {
  try {
    return parsePackDate(flag, value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

export function registerReviewPack(program: Command): void {
  program
    .command('review-pack')
    .description('write the bi-weekly review pack (this fortnight against the previous one) as an .xlsx workbook')
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .requiredOption('--out <dir>', 'folder to write the workbook into (created if missing)')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (needs --to)', dateFlag('--from'))
    .option('--to <date>', 'last day of the period, YYYY-MM-DD (default: the data\'s as-of date; 14 days)', dateFlag('--to'))
    .action(async (options: ReviewPackOptions) => {
      const written = await writeReviewPack(options);
      process.stdout.write(`${written}\n`);
    });
}

/** Writes the workbook and answers its path. */
export async function writeReviewPack(options: ReviewPackOptions): Promise<string> {
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  // Read-only and without migrations: a pack must never change the workspace it reports on.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pack = buildReviewPack(sqlite, { from: options.from, to: options.to });
    const workspace = workspaceOf(file);
    const { buildWorkbook } = await loadWorkbookBuilder();
    const workbook = buildWorkbook(pack, workspace);
    const outDir = path.resolve(options.out);
    fs.mkdirSync(outDir, { recursive: true });
    const target = path.join(outDir, packFileName(file, pack));
    await workbook.xlsx.writeFile(target);
    return target;
  } finally {
    sqlite.close();
  }
}
