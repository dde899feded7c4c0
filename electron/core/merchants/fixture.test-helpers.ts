/** A small hand-made merchant database for the tiering tests (real SQLite, migrated). */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';

export interface MetricRow {
  merchant: string;
  date: string;
  gmv?: number;
  orders?: number;
  buyers?: number;
  repeat?: number;
  refunds?: number;
  rating?: number | null;
  skus?: number;
  activeSkus?: number;
  disputes?: number;
  version?: number;
}

export function openFixtureDatabase(): { opened: OpenedDatabase; file: string; cleanup: () => void } {
  const temp = makeTempDir('cockpit-merchants-');
  const file = path.join(temp.dir, 'cockpit.sqlite');
  const opened = openDatabase({ file, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  return {
    opened,
    file,
    cleanup: () => {
      try {
        opened.close();
      } catch {
        // already closed by the test
      }
      temp.cleanup();
    },
  };
}

const AT = '2026-11-11T02:00:00+08:00';

export function addMerchant(sqlite: Database.Database, id: string, status = 'active', name = `商家 ${id}`): void {
  sqlite
    .prepare(
      `INSERT INTO merchants (id, version, updated_at, name, shop_type, category_id, province, city, opened_on, status)
       VALUES (?, 1, ?, ?, 'smb', 'cat_01', '浙江', '杭州', '2024-01-01', ?)`,
    )
    .run(id, AT, name, status);
}

export function addMetric(sqlite: Database.Database, row: MetricRow): void {
  sqlite
    .prepare(
      `INSERT OR REPLACE INTO merchant_metrics (id, version, updated_at, merchant_id, date, gmv_fen, orders, buyers, repeat_buyers, visits,
         refund_orders, rating_avg, sku_count, active_sku_count, dispute_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    )
    .run(
      `mm_${row.date.replace(/-/g, '')}_${row.merchant}`, row.version ?? 1, AT, row.merchant, row.date, row.gmv ?? 0, row.orders ?? 0, row.buyers ?? 0,
      row.repeat ?? 0, row.refunds ?? 0, row.rating ?? null, row.skus ?? 0, row.activeSkus ?? 0, row.disputes ?? 0,
    );
}

export function addOverride(sqlite: Database.Database, merchant: string, tier: string, expiresOn: string | null, reason = '战略合作'): void {
  sqlite
    .prepare(`INSERT INTO tier_overrides (id, version, updated_at, merchant_id, tier, reason, set_by, expires_on) VALUES (?, 1, ?, ?, ?, ?, 'p_1', ?)`)
    .run(`to_${merchant}`, AT, merchant, tier, reason, expiresOn);
}

/**
 * The fixture the tiering tests compute by hand. D = 2026-11-10; with 2-day periods the current
 * period is 11-09..11-10, the previous 11-07..11-08, the one before 11-05..11-06.
 */
export function seedHandFixture(sqlite: Database.Database): void {
  for (const id of ['mer_a', 'mer_b', 'mer_c', 'mer_d']) addMerchant(sqlite, id, id === 'mer_d' ? 'suspended' : 'active');
  // mer_a: current 4000 fen / 40 orders; previous 2000 fen / 20 orders; before-previous 1000.
  addMetric(sqlite, { merchant: 'mer_a', date: '2026-11-10', gmv: 3000, orders: 30, buyers: 20, repeat: 5, refunds: 3, rating: 4.5, skus: 10, activeSkus: 4, disputes: 1 });
  addMetric(sqlite, { merchant: 'mer_a', date: '2026-11-09', gmv: 1000, orders: 10, buyers: 10, repeat: 1, refunds: 0, rating: null, skus: 10, activeSkus: 2 });
  addMetric(sqlite, { merchant: 'mer_a', date: '2026-11-08', gmv: 2000, orders: 20, buyers: 20, repeat: 2, refunds: 1, rating: 4.0, skus: 10, activeSkus: 3 });
  addMetric(sqlite, { merchant: 'mer_a', date: '2026-11-05', gmv: 1000, orders: 10, buyers: 10 });
  addMetric(sqlite, { merchant: 'mer_a', date: '2026-11-04', gmv: 99_999, orders: 999, buyers: 999 }); // outside every window
  // mer_b: no metric rows at all. mer_c: a rated day without orders, and a previous-period day.
  addMetric(sqlite, { merchant: 'mer_c', date: '2026-11-10', gmv: 0, orders: 0, rating: 4.0, skus: 5, activeSkus: 0 });
  addMetric(sqlite, { merchant: 'mer_c', date: '2026-11-07', gmv: 500, orders: 5, buyers: 5, skus: 5, activeSkus: 1 });
  // mer_d: suspended, sells well now, sold less before.
  addMetric(sqlite, { merchant: 'mer_d', date: '2026-11-10', gmv: 4000, orders: 40, buyers: 40, refunds: 8, rating: 3.0, skus: 4, activeSkus: 4, disputes: 2 });
  addMetric(sqlite, { merchant: 'mer_d', date: '2026-11-08', gmv: 2000, orders: 20, buyers: 20, skus: 4, activeSkus: 2 });
  addOverride(sqlite, 'mer_b', 'head', null);
  addOverride(sqlite, 'mer_c', 'waist', '2026-11-09'); // expired the day before D
}
