/**
 * `cockpit merchants report`: every merchant's tier for a period, one JSON object a line, sorted
 * by id. Reads the database read-only; the tiering is electron/core/merchants (see its README.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import type { RuleSet, TierOutcome } from '../../core/api/merchants';
import { describeReason } from '../../core/merchants/engine';
import { DEFAULT_RULE_SET, parseRuleSetJson } from '../../core/merchants/rules';
import { MerchantTieringService } from '../../core/merchants/service';

interface ReportOptions {
  db: string;
  periodDays: number;
  rules?: string;
  format: string;
}

const MAX_PERIOD_DAYS = 366;

function parsePeriodDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) {
    throw new InvalidArgumentError(`must be a whole number of days from 1 to ${MAX_PERIOD_DAYS}`);
  }
  return n;
}

function parseFormat(value: string): string {
  if (value !== 'jsonl') throw new InvalidArgumentError('only jsonl is supported');
  return value;
}

export function registerMerchants(program: Command): void {
  const merchants = program.command('merchants').description('merchant tiering (商家分层)');
  merchants
    .command('report')
    .description('print every merchant with its tier, score, period metrics and reasons, one JSON object a line, sorted by id')
    .requiredOption('--db <file>', 'SQLite database file written by the cockpit or `cockpit sync` (opened read-only)')
    .option('--period-days <n>', 'period length N: the N days ending at the latest metric date, against the N days before', parsePeriodDays, 30)
    .option('--rules <file>', 'a rule set as JSON (shape: electron/core/merchants/README.md); default: the built-in rule set')
    .option('--format <format>', 'output format', parseFormat, 'jsonl')
    .action(async (options: ReportOptions) => runReport(options));
}

function readRules(file: string | undefined): RuleSet {
  if (file === undefined) return DEFAULT_RULE_SET;
  const resolved = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the rules file ${resolved}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  return parseRuleSetJson(text, `rules file ${resolved}`);
}

/** The report line: keys in the order issue 11 writes them. */
export function reportLine(outcome: TierOutcome): string {
  const m = outcome.metrics;
  return JSON.stringify({
    id: outcome.id,
    tier: outcome.tier,
    computedTier: outcome.computedTier,
    override: outcome.override,
    score: outcome.score,
    metrics: {
      gmvFen: m.gmvFen,
      gmvPrevFen: m.gmvPrevFen,
      growth: m.growth,
      orders: m.orders,
      repeatRate: m.repeatRate,
      refundRate: m.refundRate,
      rating: m.rating,
      sellThrough: m.sellThrough,
      disputesPer1000: m.disputesPer1000,
    },
    reasons: outcome.reasons.map(describeReason),
  });
}

async function runReport(options: ReportOptions): Promise<void> {
  const rules = readRules(options.rules);
  const file = path.resolve(options.db);
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const service = new MerchantTieringService(sqlite);
    for (const table of ['merchants', 'merchant_metrics', 'tier_overrides']) {
      if (!safeHasTable(service, file, table)) throw new Error(`${file} is not a cockpit database (no ${table} table)`);
    }
    const result = service.tier(options.periodDays, rules);
    await writeLines(result.outcomes.map(reportLine));
  } finally {
    sqlite.close();
  }
}

function safeHasTable(service: MerchantTieringService, file: string, table: string): boolean {
  try {
    return service.hasTable(table);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes to stdout in chunks; a reader that closes the pipe early (`| head`) is not an error. */
async function writeLines(lines: readonly string[]): Promise<void> {
  const out = process.stdout;
  let closed = false;
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') closed = true;
    out.emit('drain');
  };
  out.on('error', onError);
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line + '\n';
      if (chunk.length >= 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        if (closed) return;
      }
    }
    if (chunk && !closed) out.write(chunk);
  } finally {
    out.off('error', onError);
  }
}
