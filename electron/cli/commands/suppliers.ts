/**
 * `cockpit suppliers …`: supplier backup pools of a cockpit database, read-only.
 *   report  one line per core SKU: coverage, primary, usable backups, capacity, monthly revenue
 *   impact  what a risk event (or provinces) threatens, with switch plans
 * Definitions: electron/core/suppliers/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { SuppliersService } from '../../core/suppliers/service';
import type { ImpactReport } from '../../core/suppliers/engine';

interface CommonOptions {
  db: string;
  asOf?: string;
}

interface ReportOptions extends CommonOptions {
  format: string;
}

interface ImpactOptions extends CommonOptions {
  event?: string;
  province: string[];
  json?: boolean;
}

function parseFormat(value: string): string {
  if (value !== 'jsonl') throw new InvalidArgumentError('only jsonl is supported');
  return value;
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerSuppliers(program: Command): void {
  const suppliers = program.command('suppliers').description('supplier grading and backup pools (供应商分级与备选池)');
  suppliers
    .command('report')
    .description(
      'print one JSON object a line per core SKU, sorted by SKU id: skuId, coverage (no_primary | single_source | covered), ' +
        'primarySupplierId (null if none), usableBackups, backupCapacityCovers, monthlyRevenueFen',
    )
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .option('--format <format>', 'output format', parseFormat, 'jsonl')
    .option('--as-of <date>', 'the day certifications are checked against (default: today, Asia/Shanghai)', parseDate)
    .action(async (options: ReportOptions) => printReport(options));
  suppliers
    .command('impact')
    .description(
      'what a risk event threatens: affected suppliers, SKUs, core SKUs, revenue at risk (fen a month) and, per affected core SKU, ' +
        'its usable backups ranked by grade, spare capacity, lead time and unit-cost difference',
    )
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync`')
    .option('--event <id>', 'a synced risk event id')
    .option('--province <name>', 'a province (repeat for several): every supplier located there is affected', collect, [])
    .option('--json', 'print one JSON object')
    .option('--as-of <date>', 'the day certifications are checked against (default: today, Asia/Shanghai)', parseDate)
    .action((options: ImpactOptions) => printImpact(options));
}

/** Opens the file read-only and without migrations: a report must never change what it reads. */
function withService<T>(options: CommonOptions, run: (service: SuppliersService) => T): T {
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let service: SuppliersService;
    try {
      service = new SuppliersService(sqlite);
    } catch (error) {
      if (error instanceof Error && /no such table/.test(error.message)) throw new Error(`${file} is not a cockpit database (${error.message})`, { cause: error });
      throw error;
    }
    return run(service);
  } finally {
    sqlite.close();
  }
}

async function printReport(options: ReportOptions): Promise<void> {
  const lines = withService(options, (service) => [...service.coverageLines(options.asOf)]);
  const out = process.stdout;
  // `cockpit suppliers report … | head` closes the pipe early: that is the reader's choice, not an error.
  let failure: Error | null = null;
  let closed = false;
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') closed = true;
    else failure = error;
    out.emit('drain');
  };
  out.on('error', onError);
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += JSON.stringify(line) + '\n';
      if (chunk.length >= 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        if (closed || failure) break;
      }
    }
    if (chunk && !closed && !failure) out.write(chunk);
    if (failure) throw failure;
  } finally {
    out.off('error', onError);
  }
}

function printImpact(options: ImpactOptions): void {
  const byEvent = options.event !== undefined;
  const byProvince = options.province.length > 0;
  if (byEvent === byProvince) throw new Error('give either --event ID or --province NAME (one or more), not both');
  const report = withService(options, (service) =>
    byEvent ? service.impactOfEvent(options.event!, options.asOf) : service.impactOfProvinces(options.province, options.asOf),
  );
  process.stdout.write(options.json ? JSON.stringify(report) + '\n' : describeImpact(report));
}

function describeImpact(report: ImpactReport): string {
  const yuan = (fen: number): string => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  const lines = [
    `${report.suppliers.length} suppliers affected, ${report.skus} SKUs (${report.coreSkus} core), revenue at risk ¥${yuan(report.revenueAtRiskFen)} a month`,
  ];
  for (const plan of report.plans) {
    const best = plan.backups[0];
    lines.push(
      best
        ? `  ${plan.skuId}: switch to ${best.linkId} (${best.supplierId}, grade ${best.grade}, ${best.leadTimeDays} d, ${best.monthlyCostImpactFen >= 0 ? '+' : ''}¥${yuan(best.monthlyCostImpactFen)}/month)` +
            (plan.backups.length > 1 ? `, ${plan.backups.length - 1} more` : '')
        : `  ${plan.skuId}: no usable backup`,
    );
  }
  return lines.join('\n') + '\n';
}
