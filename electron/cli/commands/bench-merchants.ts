/**
 * `cockpit bench tiering`: how fast the merchant tiering re-tiers 200k merchants.
 *
 * The data set's database (scale large: 200k merchants × 60 days = 12M metric rows) is built once,
 * straight from the reference platform's generators (the same records its feeds serve), and cached
 * under the OS temp dir; later runs reuse it. Then, in this process:
 * - syncRowsPerSec.withoutAggregates: restating one day of metric rows (every merchant) the way the
 *   sync writes them (RecordStore pages of 5000 in IMMEDIATE transactions), no period kept;
 * - aggregateSeconds: building the kept period sums (merchant_period_sums) from the 12M rows, once;
 * - syncRowsPerSec.withAggregates: the same restatement of another day while the triggers keep the
 *   sums (the cost of keeping them, in the sync's own transactions);
 * - keptReadSeconds: reading the kept sums back (what a fresh start of the board costs);
 * - seconds: a full re-tier of every merchant with a changed rule set (the sums already in memory),
 *   which is what the board waits for when a rule is edited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { openDatabase } from '../../../db/open';
import type { RuleSet } from '../../core/api/merchants';
import { addDays } from '../../core/merchants/engine';
import { DEFAULT_RULE_SET } from '../../core/merchants/rules';
import { MerchantPeriodSums } from '../../core/merchants/period-sums';
import { MerchantTieringService } from '../../core/merchants/service';
import { RecordStore } from '../../core/sync/record-store';
import { parsePositiveInt } from '../options';

const SCALES = ['small', 'medium', 'large'] as const;
type Scale = (typeof SCALES)[number];
/** Bump when the cached file's contents change shape. */
const DATASET_FORMAT = 4;
const TIERING_RESOURCES = ['categories', 'people', 'packages', 'merchants', 'tier_overrides', 'merchant_packages', 'merchant_metrics'] as const;

interface TieringBenchOptions {
  json?: boolean;
  scale: Scale;
  seed: number;
  periodDays: number;
  rebuild?: boolean;
}

function parseScale(value: string): Scale {
  if (!(SCALES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${SCALES.join(', ')}`);
  return value as Scale;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

export function registerMerchantsBench(bench: Command): void {
  bench
    .command('tiering')
    .description('re-tier every merchant of the large data set with a changed rule set and print one JSON line')
    .option('--json', 'print only the JSON line on stdout (progress goes to stderr either way)')
    .option('--scale <scale>', `data-set size (${SCALES.join(', ')})`, parseScale, 'large')
    .option('--seed <n>', 'data-set seed', parseSeed, 1)
    .option('--period-days <n>', 'period length in days', parsePositiveInt, 30)
    .option('--rebuild', 'build the cached data-set database again')
    .action(async (options: TieringBenchOptions) => runTieringBench(options));
}

/** A rule set that differs from the default in weights, a cut-off and a gate: every score moves. */
export const CHANGED_RULE_SET: RuleSet = {
  ...DEFAULT_RULE_SET,
  name: 'bench: more weight on growth and quality',
  metrics: {
    ...DEFAULT_RULE_SET.metrics,
    gmvFen: { weight: 30, zeroAt: 100_000, fullAt: 1_000_000_000, log: true },
    growth: { weight: 20, zeroAt: -0.5, fullAt: 0.5 },
  },
  cutoffs: { ...DEFAULT_RULE_SET.cutoffs, head: { percentile: 97 } },
  gates: { ...DEFAULT_RULE_SET.gates, minOrders: 50 },
};

async function runTieringBench(options: TieringBenchOptions): Promise<void> {
  const say = (text: string): void => void process.stderr.write(`cockpit bench tiering: ${text}\n`);
  const file = path.join(os.tmpdir(), `cockpit-bench-tiering-${options.scale}-seed${options.seed}-v${DATASET_FORMAT}.sqlite`);
  if (options.rebuild || !fs.existsSync(file)) {
    say(`building ${file} (once; later runs reuse it)`);
    const built = await buildTieringDataset(file, options.scale, options.seed, say);
    say(`built ${built.rows} rows in ${built.seconds.toFixed(1)}s`);
  } else {
    say(`reusing ${file}`);
  }
  const opened = openDatabase({ file, logger: silentLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY, backupsDir: path.join(os.tmpdir(), 'cockpit-bench-tiering-backups') });
  try {
    const sqlite = opened.sqlite;
    // Every run starts without kept sums (nor their triggers), so that "without" and the build are measured alike.
    new MerchantPeriodSums(sqlite).forgetAll();
    const asOf = String(sqlite.prepare('SELECT max(date) FROM merchant_metrics').pluck().get());
    const withoutAggregates = restateDay(sqlite, addDays(asOf, -1));
    say(`sync writes without kept sums: ${withoutAggregates} rows/s`);
    const service = new MerchantTieringService(sqlite);
    const aggregateCpu = process.cpuUsage();
    const aggregates = service.aggregates(options.periodDays);
    const aggregateCpuSeconds = cpuSecondsSince(aggregateCpu);
    say(`kept sums built for ${aggregates.byMerchant.size} merchants over ${options.periodDays}-day periods ending ${aggregates.asOf} in ${aggregates.seconds.toFixed(2)}s`);
    const withAggregates = restateDay(sqlite, addDays(asOf, -2));
    say(`sync writes with kept sums: ${withAggregates} rows/s`);
    const reread = new MerchantTieringService(sqlite).aggregates(options.periodDays);
    say(`kept sums read back in ${reread.seconds.toFixed(3)}s`);
    service.tier(options.periodDays, DEFAULT_RULE_SET, { explain: false }); // the tiers the board shows before the edit
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = service.tier(options.periodDays, CHANGED_RULE_SET, { explain: false });
    const seconds = (performance.now() - started) / 1000;
    // The machine may be shared: CPU time says what the work costs when wall time is inflated by others.
    say(`CPU seconds: re-tier ${cpuSecondsSince(cpu).toFixed(3)}, aggregate ${aggregateCpuSeconds.toFixed(3)} (load average ${os.loadavg()[0]?.toFixed(1)})`);
    const line = {
      merchants: result.outcomes.length,
      seconds: round(seconds, 3),
      aggregateSeconds: round(aggregates.seconds, 3),
      keptReadSeconds: round(reread.seconds, 3),
      syncRowsPerSec: { withoutAggregates, withAggregates },
    };
    if (!options.json) say(`re-tiered ${line.merchants} merchants in ${line.seconds}s`);
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    opened.close();
  }
}

/**
 * Restates one day of metric rows (a higher version, new numbers) through the sync's own page
 * writer and returns the rows per second. The rows are read first, outside the timing.
 */
function restateDay(sqlite: Database.Database, date: string): number {
  const rows = sqlite.prepare('SELECT * FROM merchant_metrics WHERE date = ?').all(date) as Record<string, unknown>[];
  const items = rows.map((row) => {
    const { id, version, ...data } = row;
    return { op: 'upsert', id, version: Number(version) + 1, data: { ...data, gmv_fen: Number(data.gmv_fen) + 1, orders: Number(data.orders) + 1 } };
  });
  const records = new RecordStore(sqlite, () => undefined, () => 'id');
  const started = performance.now();
  for (let from = 0; from < items.length; from += SYNC_PAGE_ROWS) {
    records.applyPage({ resource: 'merchant_metrics', items: items.slice(from, from + SYNC_PAGE_ROWS), nextCursor: `bench-${date}-${from}`, caughtUp: false, markSeen: false, receivedAt: new Date().toISOString() });
  }
  return Math.round(items.length / ((performance.now() - started) / 1000));
}

/** The sync's page size for the big feeds. */
const SYNC_PAGE_ROWS = 5000;

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function silentLogger() {
  const none = (): void => undefined;
  return { info: none, warn: none, error: none };
}

/**
 * Writes the generated records of the tiering resources into a fresh, migrated database (to a temp
 * name, renamed at the end, so an interrupted build never leaves a half file to reuse). The metric
 * index is kept during the load, as the sync keeps it: the rows arrive in its order.
 */
export async function buildTieringDataset(file: string, scale: Scale, seed: number, say: (text: string) => void = () => undefined): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  // The reference platform's generators: benchmarks and tests may use them, the core never does.
  const { PlatformState } = await import('../../../platform/state');
  const { SCALES: SCALE_CONFIGS, resolveStartTime } = await import('../../../platform/index');
  const partial = `${file}.partial`;
  for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
  const state = new PlatformState(seed >>> 0, SCALE_CONFIGS[scale], resolveStartTime(undefined));
  const opened = openDatabase({ file: partial, logger: silentLogger(), backupsDir: path.join(path.dirname(file), 'cockpit-bench-tiering-backups') });
  let rows = 0;
  try {
    for (const resource of TIERING_RESOURCES) {
      const source = state.resource(resource).source;
      rows += insertGenerated(opened.sqlite, resource, source.count, (pos) => source.recordAt(pos) as Record<string, unknown>);
      say(`${resource}: ${source.count} rows`);
    }
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    opened.close();
  }
  fs.renameSync(partial, file);
  for (const leftover of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Inserts records whose fields are the table's columns (SPEC names); arrays and objects as JSON text. */
function insertGenerated(sqlite: Database.Database, table: string, count: number, recordAt: (pos: number) => Record<string, unknown>): number {
  if (count === 0) return 0;
  const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const insert = sqlite.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const params: unknown[] = new Array(columns.length);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let pos = from; pos < to; pos++) {
      const record = recordAt(pos);
      for (let k = 0; k < columns.length; k++) params[k] = toSqlValue(record[columns[k] as string]);
      insert.run(params);
    }
  });
  for (let from = 0; from < count; from += 20_000) batch(from, Math.min(count, from + 20_000));
  return count;
}

function toSqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}
