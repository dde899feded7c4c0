import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { commandRegistry } from '../../core/domains';
import { addDays } from '../../core/merchants/engine';
import { openFixtureDatabase, seedHandFixture } from '../../core/merchants/fixture.test-helpers';
import { createSyncEngine } from '../../core/sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KEYS = ['id', 'tier', 'computedTier', 'override', 'score', 'metrics', 'reasons'];
const METRIC_KEYS = ['gmvFen', 'gmvPrevFen', 'growth', 'orders', 'repeatRate', 'refundRate', 'rating', 'sellThrough', 'disputesPer1000'];

function cockpit(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 28 });
}

function report(...args: string[]): Record<string, unknown>[] {
  const result = cockpit('merchants', 'report', ...args, '--format', 'jsonl');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

let temp: ReturnType<typeof makeTempDir>;
let handDb: string;
let rulesFile: string;

beforeAll(() => {
  temp = makeTempDir('cockpit-merchants-cli-');
  const fixture = openFixtureDatabase();
  seedHandFixture(fixture.opened.sqlite);
  fixture.opened.close();
  handDb = path.join(temp.dir, 'hand.sqlite');
  fs.copyFileSync(fixture.file, handDb);
  fixture.cleanup();
  rulesFile = path.join(temp.dir, 'rules.json');
  fs.writeFileSync(
    rulesFile,
    JSON.stringify({
      name: 'fixture rules',
      metrics: { gmvFen: { weight: 1, zeroAt: 0, fullAt: 4000 } },
      cutoffs: { head: { score: 80 }, waist: { score: 40 }, smb: { score: 10 } },
      gates: { headMaxRefundRate: 0.15, noTierUpStatuses: ['suspended', 'closed'], minOrders: 10 },
    }),
  );
});
afterAll(() => temp.cleanup());

describe('cockpit merchants report', () => {
  it('prints one object per merchant, sorted by id, keys in the contract order', () => {
    const lines = report('--db', handDb, '--period-days', '2', '--rules', rulesFile);
    expect(lines.map((line) => line.id)).toEqual(['mer_a', 'mer_b', 'mer_c', 'mer_d']);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(KEYS);
      expect(Object.keys(line.metrics as object)).toEqual(METRIC_KEYS);
    }
    expect(lines[0]).toEqual({
      id: 'mer_a',
      tier: 'head',
      computedTier: 'head',
      override: null,
      score: 100,
      metrics: { gmvFen: 4000, gmvPrevFen: 2000, growth: 1, orders: 40, repeatRate: 0.2, refundRate: 0.075, rating: 4.5, sellThrough: 0.3, disputesPer1000: 25 },
      reasons: ['score 100.0: GMV ¥40.00 → 1.0/1', 'score 100.0 ≥ head cut-off 80.0 (fixed): head'],
    });
    expect(lines[1]).toMatchObject({ id: 'mer_b', tier: 'head', computedTier: null, override: 'head' });
    expect(lines[1]?.reasons).toContain('tier override to head (战略合作, no expiry) wins over the computed tier none');
    expect(lines[2]).toMatchObject({ id: 'mer_c', tier: null, computedTier: null, override: null });
    expect(lines[2]?.reasons).toContain('0 orders, fewer than 10: stays where it was, and it has no earlier tier, so no tier yet');
    expect(lines[3]).toMatchObject({ id: 'mer_d', tier: null, metrics: expect.objectContaining({ refundRate: 0.2 }) });
  });

  it('uses 30-day periods and the default rules unless told otherwise', () => {
    const lines = report('--db', handDb);
    // D = 2026-11-10: 30 days reach back to 10-12, so every fixture row but none outside counts as current.
    expect(lines[0]?.metrics).toEqual({
      gmvFen: 4000 + 2000 + 1000 + 99_999, gmvPrevFen: 0, growth: null, orders: 40 + 20 + 10 + 999, repeatRate: 8 / 1059, refundRate: 4 / 1069,
      rating: (4.5 * 30 + 4.0 * 20) / 50, sellThrough: 9 / 30, disputesPer1000: 1000 / 1069,
    });
  });

  it('answers bad arguments and databases without metrics with one line', () => {
    const cases: [string[], RegExp][] = [
      [['--db', handDb, '--period-days', '0'], /--period-days.*must be a whole number of days from 1 to 366/],
      [['--db', handDb, '--period-days', 'abc'], /must be a whole number/],
      [['--db', handDb, '--format', 'csv'], /only jsonl is supported/],
      [['--db', path.join(temp.dir, 'missing.sqlite')], /^cockpit: no database at .*missing\.sqlite$/],
      [['--db', handDb, '--rules', path.join(temp.dir, 'nope.json')], /^cockpit: cannot read the rules file .*nope\.json: ENOENT$/],
    ];
    const badRules = path.join(temp.dir, 'bad-rules.json');
    fs.writeFileSync(badRules, JSON.stringify({ name: 'x', metrics: {}, cutoffs: {}, gates: {} }));
    cases.push([['--db', handDb, '--rules', badRules], /^cockpit: invalid rules file .*bad-rules\.json: cutoffs\.head: /]);
    const empty = path.join(temp.dir, 'empty.sqlite');
    const opened = openDatabase({ file: empty, logger: recordingLogger() });
    opened.close();
    cases.push([['--db', empty], /^cockpit: the database has no merchant_metrics rows: sync merchant_metrics first$/]);
    const foreign = path.join(temp.dir, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)');
    cases.push([['--db', foreign], /^cockpit: .*foreign\.sqlite is not a cockpit database \(no merchants table\)$/]);
    for (const [args, message] of cases) {
      const result = cockpit('merchants', 'report', ...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
  }, 90_000); // eight CLI processes in a row: seconds each on a busy 2-core machine

  it('leaves the database file untouched (read-only)', () => {
    const before = fs.readFileSync(handDb);
    report('--db', handDb);
    expect(fs.readFileSync(handDb).equals(before)).toBe(true);
  });
});

describe('cockpit merchants report on a synced platform', () => {
  let platform: PlatformServerHandle;
  let dbFile: string;

  beforeAll(async () => {
    dbFile = path.join(temp.dir, 'synced.sqlite');
    platform = await startPlatformServer({ seed: 7, scale: 'small' });
    platform.setLive(false);
    const opened = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
    const engine = createSyncEngine({
      sqlite: opened.sqlite,
      logger: recordingLogger(),
      platform: { url: platform.url, token: platform.tokens.operators[0]!.token },
      commands: commandRegistry,
    });
    try {
      await engine.syncOnce();
    } finally {
      opened.close();
    }
  }, 120_000);
  afterAll(async () => {
    await platform.close();
  });

  it('has the metrics a row-by-row recomputation gives, for every merchant', () => {
    const days = 5;
    const lines = report('--db', dbFile, '--period-days', String(days));
    const sqlite = new Database(dbFile, { readonly: true });
    const merchantIds = sqlite.prepare('SELECT id FROM merchants').pluck().all() as string[];
    const rows = sqlite.prepare('SELECT * FROM merchant_metrics').all() as Record<string, number | string | null>[];
    sqlite.close();
    const asOf = rows.reduce((max, row) => (String(row.date) > max ? String(row.date) : max), '');
    const expected = new Map(merchantIds.map((id) => [id, naiveMetrics(rows.filter((row) => row.merchant_id === id), asOf, days)]));
    expect(lines.map((line) => line.id)).toEqual([...merchantIds].sort());
    let compared = 0;
    for (const line of lines) {
      const want = expected.get(String(line.id)) as Record<string, number | null>;
      const got = line.metrics as Record<string, number | null>;
      for (const key of METRIC_KEYS) {
        if (want[key] === null) expect(got[key], `${String(line.id)} ${key}`).toBeNull();
        else expect(got[key], `${String(line.id)} ${key}`).toBeCloseTo(want[key] as number, 9);
      }
      compared++;
    }
    expect(compared).toBe(merchantIds.length);
    // Overrides synced from the platform win and say so.
    const overridden = lines.filter((line) => line.override !== null);
    expect(overridden.length).toBeGreaterThan(0);
    for (const line of overridden) expect(line.tier).toBe(line.override);
  });
});

/** The definitions, row by row, with no SQL. */
function naiveMetrics(rows: Record<string, number | string | null>[], asOf: string, days: number): Record<string, number | null> {
  const currentAfter = addDays(asOf, -days);
  const previousAfter = addDays(asOf, -2 * days);
  const current = rows.filter((row) => String(row.date) > currentAfter && String(row.date) <= asOf);
  const previous = rows.filter((row) => String(row.date) > previousAfter && String(row.date) <= currentAfter);
  const sum = (list: typeof rows, key: string) => list.reduce((total, row) => total + Number(row[key] ?? 0), 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const rated = current.filter((row) => row.rating_avg !== null);
  const gmv = sum(current, 'gmv_fen');
  const gmvPrev = sum(previous, 'gmv_fen');
  const orders = sum(current, 'orders');
  return {
    gmvFen: gmv,
    gmvPrevFen: gmvPrev,
    growth: gmvPrev === 0 ? null : gmv / gmvPrev - 1,
    orders,
    repeatRate: ratio(sum(current, 'repeat_buyers'), sum(current, 'buyers')),
    refundRate: ratio(sum(current, 'refund_orders'), orders),
    rating: ratio(rated.reduce((t, row) => t + Number(row.rating_avg) * Number(row.orders), 0), sum(rated, 'orders')),
    sellThrough: ratio(sum(current, 'active_sku_count'), sum(current, 'sku_count')),
    disputesPer1000: orders === 0 ? null : (1000 * sum(current, 'dispute_count')) / orders,
  };
}
