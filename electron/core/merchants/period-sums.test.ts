/**
 * Issue 11: the per-merchant period sums kept by triggers in the sync's own transactions equal a
 * full recomputation from the metric rows after restatements, late rows, deletes, a newer day, a
 * deleted latest day, a 410 re-bootstrap and a process killed in the middle of its writes. The
 * rows go in the way the sync writes them (RecordStore.applyPage on a real SQLite file).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { RecordStore } from '../sync/record-store';
import { addDays } from './engine';
import { MerchantPeriodSums, metricsOfDays } from './period-sums';
import { MerchantTieringService, type PeriodAggregates } from './service';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const MERCHANTS = 23;
const FIRST_DAY = '2026-09-01';
const DAYS = 50;
const PERIODS = [7, 30];
const UPDATED_AT = '2026-11-11T10:00:00+08:00';

/** A small deterministic generator: the same rows on every run. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function merchantId(k: number): string {
  return `mer_${String(k).padStart(3, '0')}`;
}

function metricItem(random: () => number, merchant: string, date: string, version: number) {
  const orders = Math.floor(random() * 200);
  return {
    op: 'upsert',
    id: `mm_${merchant}_${date}`,
    version,
    data: {
      updated_at: UPDATED_AT,
      merchant_id: merchant,
      date,
      gmv_fen: Math.floor(random() * 5_000_000),
      orders,
      buyers: Math.floor(orders * 0.8),
      repeat_buyers: Math.floor(orders * 0.3 * random()),
      visits: orders * 10,
      refund_orders: Math.floor(orders * 0.1 * random()),
      rating_avg: random() < 0.2 ? null : Math.round((1 + 4 * random()) * 100) / 100,
      sku_count: 20 + Math.floor(random() * 50),
      active_sku_count: Math.floor(random() * 20),
      dispute_count: Math.floor(random() * 3),
    },
  };
}

function merchantItem(k: number) {
  return {
    op: 'upsert',
    id: merchantId(k),
    version: 1,
    data: { updated_at: UPDATED_AT, name: `店铺${k}`, shop_type: 'flagship', category_id: 'cat_1', province: '浙江', city: '杭州', opened_on: '2020-01-01', status: 'active' },
  };
}

let temp: ReturnType<typeof makeTempDir>;
let opened: OpenedDatabase;
let records: RecordStore;

function openAt(file: string): void {
  opened = openDatabase({ file, logger: recordingLogger(), backupsDir: path.join(temp.dir, 'backups') });
  records = new RecordStore(opened.sqlite, () => undefined, () => 'id');
}

function apply(resource: string, items: unknown[], markSeen = false): void {
  for (let from = 0; from < items.length; from += 97) {
    records.applyPage({ resource, items: items.slice(from, from + 97), nextCursor: `c${from}`, caughtUp: false, markSeen, receivedAt: UPDATED_AT });
  }
}

function metricVersion(id: string): number {
  return Number(opened.sqlite.prepare('SELECT version FROM merchant_metrics WHERE id = ?').pluck().get(id) ?? 0);
}

/** Only merchants with a row in some window count: a kept row of zeros is no row. */
function normalised(aggregates: PeriodAggregates): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, a] of [...aggregates.byMerchant].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const empty = Object.values(a.current).every((v) => v === 0) && Object.values(a.previous).every((v) => v === 0) && a.beforePreviousGmvFen === 0;
    if (!empty) out[id] = { current: a.current, previous: a.previous, beforePreviousGmvFen: a.beforePreviousGmvFen };
  }
  return out;
}

/** The kept sums (through the board's path) equal the recomputation from every metric row. */
function expectKeptEqualRecomputed(): void {
  for (const periodDays of PERIODS) {
    const service = new MerchantTieringService(opened.sqlite, 5);
    const kept = service.aggregates(periodDays);
    const recomputed = service.recomputedAggregates(periodDays);
    expect(kept.asOf).toBe(recomputed.asOf);
    expect(new MerchantPeriodSums(opened.sqlite).isCurrent(periodDays, kept.asOf)).toBe(true);
    expect(Object.keys(normalised(recomputed)).length).toBeGreaterThan(0);
    expect(normalised(kept)).toEqual(normalised(recomputed));
  }
}

beforeEach(() => {
  temp = makeTempDir('cockpit-period-sums-');
  openAt(path.join(temp.dir, 'cockpit.db'));
  const random = rng(11);
  apply('merchants', Array.from({ length: MERCHANTS }, (_, k) => merchantItem(k)));
  const rows = [];
  for (let d = 0; d < DAYS; d++) for (let k = 0; k < MERCHANTS; k++) if (random() > 0.1) rows.push(metricItem(random, merchantId(k), addDays(FIRST_DAY, d), 1));
  apply('merchant_metrics', rows);
  expectKeptEqualRecomputed(); // builds the kept sums of both periods, chunk by chunk
});

afterEach(() => {
  opened.close();
  temp.cleanup();
});

describe('kept merchant period sums', () => {
  it('follow restatements, late rows, deletes, a newer day and a deleted latest day', () => {
    const random = rng(12);
    const asOf = addDays(FIRST_DAY, DAYS - 1);
    // Restatements across every window, and rows moving to another merchant.
    const restated = [];
    for (let n = 0; n < 120; n++) {
      const merchant = merchantId(Math.floor(random() * MERCHANTS));
      const date = addDays(FIRST_DAY, Math.floor(random() * DAYS));
      const item = metricItem(random, merchant, date, metricVersion(`mm_${merchant}_${date}`) + 1 + n);
      if (n % 10 === 0) item.data.merchant_id = merchantId((Math.floor(random() * MERCHANTS) + 1) % MERCHANTS);
      restated.push(item);
    }
    apply('merchant_metrics', restated);
    expectKeptEqualRecomputed();

    // Deletes, and an older version arriving after its delete (ignored).
    const ids = opened.sqlite.prepare('SELECT id, version FROM merchant_metrics ORDER BY id LIMIT 60').all() as { id: string; version: number }[];
    apply('merchant_metrics', ids.map(({ id, version }) => ({ op: 'delete', id, version: version + 1 })));
    apply('merchant_metrics', [metricItem(random, merchantId(0), addDays(FIRST_DAY, 0), 1)]);
    expectKeptEqualRecomputed();

    // A newer day, then three more at once: the windows move.
    apply('merchant_metrics', Array.from({ length: MERCHANTS }, (_, k) => metricItem(random, merchantId(k), addDays(asOf, 1), 1)));
    expectKeptEqualRecomputed();
    const later = [];
    for (let d = 2; d <= 4; d++) for (let k = 0; k < MERCHANTS; k += 2) later.push(metricItem(random, merchantId(k), addDays(asOf, d), 1));
    apply('merchant_metrics', later);
    expectKeptEqualRecomputed();

    // The latest day deleted: D moves back.
    const latest = opened.sqlite.prepare('SELECT id, version FROM merchant_metrics WHERE date = ?').all(addDays(asOf, 4)) as { id: string; version: number }[];
    apply('merchant_metrics', latest.map(({ id, version }) => ({ op: 'delete', id, version: version + 1 })));
    expectKeptEqualRecomputed();

    // More than a period ahead: rebuilt rather than moved.
    apply('merchant_metrics', [metricItem(random, merchantId(3), addDays(asOf, 40), 1)]);
    expectKeptEqualRecomputed();
  });

  it('follow a 410 re-bootstrap: changed rows come back, unseen ones are swept', async () => {
    const random = rng(13);
    const all = opened.sqlite.prepare('SELECT id, merchant_id, date, version FROM merchant_metrics ORDER BY id').all() as {
      id: string;
      merchant_id: string;
      date: string;
      version: number;
    }[];
    records.beginRebootstrap('merchant_metrics', UPDATED_AT);
    // The platform's new copy: most rows as they were, every third restated, every seventh gone.
    const returned = all
      .filter((_, k) => k % 7 !== 0)
      .map((row, k) => {
        if (k % 3 === 0) return metricItem(random, row.merchant_id, row.date, row.version + 1);
        const { id, version, ...data } = records.readRecord('merchant_metrics', row.id) as Record<string, unknown>;
        return { op: 'upsert', id, version, data };
      });
    apply('merchant_metrics', returned, true);
    const removed = await records.sweepUnseen('merchant_metrics', async () => undefined);
    expect(removed).toBe(all.filter((_, k) => k % 7 === 0).length);
    expectKeptEqualRecomputed();
  });

  it('survive a process killed in the middle of writing pages', async () => {
    const file = opened.sqlite.name;
    opened.close();
    const script = path.join(temp.dir, 'writer.mts');
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'db/open.ts')).href)};
import { RecordStore } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'electron/core/sync/record-store.ts')).href)};
const none = () => undefined;
const opened = openDatabase({ file: process.argv[2], logger: { info: none, warn: none, error: none }, backupsDir: process.argv[3] });
const records = new RecordStore(opened.sqlite, () => undefined, () => 'id');
const ids = opened.sqlite.prepare('SELECT id, merchant_id, date, version FROM merchant_metrics').all();
for (let round = 1; ; round++) {
  const items = ids.map((row, k) => ({ op: 'upsert', id: row.id, version: row.version + round,
    data: { updated_at: '2026-11-11T10:00:00+08:00', merchant_id: row.merchant_id, date: row.date, gmv_fen: round * 1000 + k, orders: round + (k % 50),
      buyers: 1, repeat_buyers: 0, visits: 1, refund_orders: 0, rating_avg: k % 4 === 0 ? null : 4.5, sku_count: 10, active_sku_count: round % 10, dispute_count: 0 } }));
  records.applyPage({ resource: 'merchant_metrics', items, nextCursor: 'r' + round, caughtUp: false, markSeen: false, receivedAt: '2026-11-11T10:00:00+08:00' });
  if (round === 1) process.stdout.write('committed\\n');
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, file, path.join(temp.dir, 'backups')], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      child.stdout.on('data', () => setTimeout(() => resolve(), 150 + Math.floor(Math.random() * 200)));
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    openAt(file);
    // The killed process committed at least one restatement of every row, and its last page was cut off.
    expect(Number(opened.sqlite.prepare('SELECT min(version) FROM merchant_metrics').pluck().get())).toBeGreaterThan(1);
    expectKeptEqualRecomputed();
  });

  it('stop being kept for the least recently used period beyond the limit', () => {
    const service = new MerchantTieringService(opened.sqlite, 5);
    for (const periodDays of [1, 2, 3]) service.aggregates(periodDays);
    const kept = opened.sqlite.prepare('SELECT period_days FROM merchant_period_windows ORDER BY period_days').pluck().all();
    expect(kept).toHaveLength(4);
    expect(kept).toContain(3);
  });
});

describe('the triggers', () => {
  it('exist only while a period is kept', () => {
    const dir = makeTempDir('cockpit-period-triggers-');
    const fresh = openDatabase({ file: path.join(dir.dir, 'cockpit.db'), logger: recordingLogger(), backupsDir: path.join(dir.dir, 'backups') });
    try {
      const triggers = () => fresh.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'merchant_metrics' ORDER BY name").pluck().all();
      expect(triggers()).toEqual([]);
      const store = new RecordStore(fresh.sqlite, () => undefined, () => 'id');
      store.applyPage({ resource: 'merchants', items: [merchantItem(1)], nextCursor: 'm', caughtUp: true, markSeen: false, receivedAt: UPDATED_AT });
      store.applyPage({ resource: 'merchant_metrics', items: [metricItem(rng(3), merchantId(1), '2026-11-01', 1)], nextCursor: 'c', caughtUp: true, markSeen: false, receivedAt: UPDATED_AT });
      new MerchantTieringService(fresh.sqlite).aggregates(7);
      expect(triggers()).toEqual(['merchant_metrics_sums_after_delete', 'merchant_metrics_sums_after_insert', 'merchant_metrics_sums_after_update']);
      new MerchantPeriodSums(fresh.sqlite).forget(7);
      expect(triggers()).toEqual([]);
    } finally {
      fresh.close();
      dir.cleanup();
    }
  });
});

describe('reading the kept sums', () => {
  it('range by range, yielding between ranges, reads what one read does', () => {
    const kept = new MerchantPeriodSums(opened.sqlite);
    const chunks = kept.readInChunks(30, 5);
    let yields = 0;
    let step = chunks.next();
    for (; !step.done; step = chunks.next()) yields++;
    expect(yields).toBe(4); // 23 merchants in ranges of 5
    expect(step.value.size).toBe(MERCHANTS);
    expect([...step.value].sort()).toEqual([...kept.read(30)].sort());
  });
});

describe('metricsOfDays', () => {
  const bind = { after: addDays(FIRST_DAY, 9), through: addDays(FIRST_DAY, 29), lo: merchantId(5), hi: merchantId(17) };

  it('reads exactly the rows of the date window and merchant range', () => {
    const byDays = opened.sqlite
      .prepare(`SELECT merchant_id, count(*), sum(gmv_fen) FROM ${metricsOfDays()} WHERE merchant_id >= @lo AND merchant_id < @hi GROUP BY merchant_id`)
      .raw()
      .all(bind);
    const byRange = opened.sqlite
      .prepare(
        `SELECT merchant_id, count(*), sum(gmv_fen) FROM merchant_metrics NOT INDEXED
          WHERE date > @after AND date <= @through AND merchant_id >= @lo AND merchant_id < @hi GROUP BY merchant_id`,
      )
      .raw()
      .all(bind);
    expect(byRange.length).toBe(12);
    expect(byDays).toEqual(byRange);
  });

  it('an empty window or an empty table reads nothing', () => {
    const count = (b: Record<string, string | null>) => opened.sqlite.prepare(`SELECT count(*) FROM ${metricsOfDays()}`).pluck().get(b);
    expect(count({ after: bind.through, through: bind.through })).toBe(0);
    expect(count({ after: null, through: null })).toBe(0);
  });

  it('seeks each day in the (date, merchant_id) index rather than scanning the window for each chunk', () => {
    const plan = opened.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT merchant_id, sum(gmv_fen) FROM ${metricsOfDays()} WHERE merchant_id >= @lo AND merchant_id < @hi GROUP BY merchant_id`)
      .all(bind) as { detail: string }[];
    expect(plan.map((row) => row.detail)).toContainEqual(expect.stringMatching(/SEARCH merchant_metrics USING INDEX metrics_by_date_merchant \(date=\? AND merchant_id>\? AND merchant_id<\?\)/));
  });
});
