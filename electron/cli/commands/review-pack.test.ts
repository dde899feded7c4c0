/**
 * `cockpit review-pack` end to end: a hand-made workspace, the real command, and the written
 * workbook opened again with exceljs. Every figure below is worked out by hand from the rows.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { HEADER_ROW } from '../../core/overview/review-pack-workbook';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const AT = '2026-11-01T00:00:00+08:00';

let temp: ReturnType<typeof makeTempDir>;
let dbFile: string;

function cockpit(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

function insert(opened: OpenedDatabase, table: string, row: Record<string, unknown>): void {
  const record = { version: 1, updated_at: AT, ...row };
  const columns = Object.keys(record);
  opened.sqlite
    .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .run(...Object.values(record).map((v) => (typeof v === 'boolean' ? Number(v) : v)));
}

function seed(opened: OpenedDatabase): void {
  // North star: the newest point (11-11 09:00) is the as-of time; the default period is 10-29..11-11.
  insert(opened, 'kpi_points', { id: 'k1', metric: 'orders', scope: 'platform', ts: '2026-11-10T10:00:00+08:00', value: 100 });
  insert(opened, 'kpi_points', { id: 'k2', metric: 'orders', scope: 'platform', ts: '2026-11-11T09:00:00+08:00', value: 50 });
  insert(opened, 'kpi_points', { id: 'k3', metric: 'orders', scope: 'platform', ts: '2026-10-15T00:00:00+08:00', value: 60 });
  insert(opened, 'kpi_points', { id: 'k4', metric: 'gmv_fen', scope: 'platform', ts: '2026-11-10T10:00:00+08:00', value: 1_234_500 });

  insert(opened, 'categories', { id: 'c1', name: '美妆', parent_id: null, level: 1 });
  insert(opened, 'categories', { id: 'c2', name: '数码', parent_id: null, level: 1 });
  const merchant = (id: string, shopType: string) =>
    insert(opened, 'merchants', { id, name: id, shop_type: shopType, category_id: 'c1', province: '浙江', city: '杭州', opened_on: '2020-01-01', status: 'active' });
  merchant('m1', 'flagship');
  merchant('m2', 'smb');
  merchant('m3', 'smb');
  const metrics = (id: string, merchantId: string, date: string, sku: number, active: number, orders: number, refunds: number) =>
    insert(opened, 'merchant_metrics', {
      id, merchant_id: merchantId, date, gmv_fen: 0, orders, buyers: 0, repeat_buyers: 0, visits: 0, refund_orders: refunds,
      rating_avg: null, sku_count: sku, active_sku_count: active, dispute_count: 0,
    });
  metrics('mm1', 'm1', '2026-11-01', 10, 4, 100, 5);
  metrics('mm2', 'm1', '2026-10-20', 10, 2, 50, 5); // previous period
  metrics('mm3', 'm2', '2026-11-05', 20, 5, 40, 2);
  metrics('mm4', 'm3', '2026-11-06', 10, 5, 10, 0);
  metrics('mm5', 'm3', '2026-10-01', 1000, 1000, 1000, 1000); // before both periods

  const alert = (id: string, severity: string, openedAt: string, slaDueAt: string | null, acknowledgedAt: string | null) =>
    insert(opened, 'alerts', {
      id, dedup_key: id, title: `<b>${id}</b>`, severity, status: acknowledgedAt ? 'acknowledged' : 'open', subject_type: 'platform',
      subject_id: null, topic: null, opened_at: openedAt, sla_due_at: slaDueAt, acknowledged_at: acknowledgedAt, acknowledged_by: null,
      assignee_id: null, resolved_at: null, resolution: null, mention_ids: '[]', mention_count: 1, negative_share: 0.5,
      escalation_level: 0, comments: '[]',
    });
  alert('a1', 'P1', '2026-11-10T10:00:00+08:00', '2026-11-10T12:00:00+08:00', '2026-11-10T11:00:00+08:00'); // met
  alert('a2', 'P1', '2026-11-11T08:00:00+08:00', null, null); // due 10:00 by the 2-hour rule: pending at 09:00
  alert('a3', 'P2', '2026-11-01T10:00:00+08:00', '2026-11-01T18:00:00+08:00', '2026-11-02T09:00:00+08:00'); // breached
  alert('a4', 'P2', '2026-10-20T10:00:00+08:00', null, null); // previous period, breached

  const sku = (id: string, categoryId: string, isCore: boolean) =>
    insert(opened, 'skus', { id, name: id, category_id: categoryId, is_core: isCore, monthly_units: 100, price_fen: 1000, unit_cost_fen: 500 });
  sku('sk1', 'c1', true);
  sku('sk2', 'c1', true);
  sku('sk3', 'c2', true);
  sku('sk4', 'c2', false);
  const supplier = (id: string, status: string) =>
    insert(opened, 'suppliers', {
      id, name: id, province: '广东', city: '深圳', status, capacity_units_month: 1000, on_time_rate: 0.9, defect_ppm: 100,
      price_index: 1, service_score: 80, certifications: '[]', last_audit_on: null,
    });
  supplier('s1', 'active');
  supplier('s2', 'probation');
  supplier('s3', 'suspended');
  const link = (id: string, skuId: string, supplierId: string, role: string, qualification: string) =>
    insert(opened, 'supply_links', {
      id, sku_id: skuId, supplier_id: supplierId, role, share: 0.5, qualification, qualified_on: null, lead_time_days: 7, unit_cost_fen: 500, moq: 10,
    });
  link('l1', 'sk1', 's1', 'primary', 'qualified');
  link('l2', 'sk1', 's2', 'backup', 'qualified'); // sk1 covered
  link('l3', 'sk2', 's1', 'primary', 'qualified');
  link('l4', 'sk2', 's3', 'backup', 'qualified'); // suspended supplier: sk2 single source
  link('l5', 'sk3', 's2', 'primary', 'in_qualification'); // sk3 no usable primary

  insert(opened, 'people', { id: 'p1', name: '王芳', department: 'operations', title: '经理' });
  insert(opened, 'okr_teams', {
    id: 't1', name: '美妆攻坚队', mission: '', category_id: 'c1', sponsor_id: 'p1', lead_id: 'p1', status: 'active',
    starts_on: '2026-10-01', ends_on: '2026-12-10', retrospective: null,
  });
  insert(opened, 'objectives', { id: 'o1', team_id: 't1', title: 'O', owner_id: 'p1', parent_objective_id: null });
  const kr = (id: string, direction: string, start: number, target: number, current: number) =>
    insert(opened, 'key_results', {
      id, objective_id: 'o1', title: id, unit: 'u', direction, start_value: start, target_value: target, current_value: current, owner_id: 'p1',
    });
  kr('kr1', 'increase', 0, 100, 50); // 0.5
  kr('kr2', 'decrease', 10, 0, 5); // 0.5
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The grid of a sheet below its header row, as plain values. */
function grid(sheet: ExcelJS.Worksheet): unknown[][] {
  const columns = sheet.getRow(HEADER_ROW).cellCount;
  const rows: unknown[][] = [];
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return rows;
}

beforeAll(() => {
  temp = makeTempDir();
  dbFile = path.join(temp.dir, 'shop-ops.sqlite');
  const opened = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  seed(opened);
  opened.close();
});
afterAll(() => temp.cleanup());

describe('cockpit review-pack', () => {
  it('writes the fortnight against the previous one, every sheet stamped with the as-of time and workspace', async () => {
    const out = path.join(temp.dir, 'packs');
    const result = cockpit('review-pack', '--db', dbFile, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const written = result.stdout.trim();
    expect(written).toBe(path.join(out, 'review-pack_shop-ops_2026-10-29_2026-11-11.xlsx'));
    expect(fs.existsSync(written)).toBe(true);

    const workbook = await readWorkbook(written);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '北极星 North star', '图表 Charts', '商家 Merchants', '预警SLA Alerts SLA', '预警明细 Alerts', '供应覆盖 Coverage', 'OKR 团队 Teams', '会议纪要 Notes', '行动项 Actions',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A2').value).toBe('数据截至 As of: 2026-11-11 09:00 (Asia/Shanghai) · 工作区 Workspace: shop-ops.sqlite');
      expect(String(sheet.getCell('A3').value)).toContain('本期 Period: 2026-10-29 – 2026-11-11 · 上期 Previous: 2026-10-15 – 2026-10-28');
      expect(sheet.headerFooter.oddHeader).toContain('2026-11-11 09:00 · shop-ops.sqlite');
    }

    const northStar = grid(workbook.getWorksheet('北极星 North star')!);
    expect(northStar).toHaveLength(7); // one scope (the platform) × seven figures
    expect(northStar[0]).toEqual(['全平台 Platform', 'GMV（元）', 12_345, null, null, null]);
    expect(northStar[1]).toEqual(['全平台 Platform', '订单数 Orders', 150, 60, 90, 1.5]);

    const merchants = workbook.getWorksheet('商家 Merchants')!;
    expect(String(merchants.getCell('A3').value)).toContain('By shop type (no tier snapshot applied yet)');
    expect(grid(merchants)).toEqual([
      ['flagship', 1, 10, 4, 0.4, 0.2, 100, 5, 0.05, 0.1],
      ['smb', 2, 30, 10, 10 / 30, null, 50, 2, 0.04, null],
      ['合计 Total', 3, 40, 14, 0.35, 0.2, 150, 7, 7 / 150, 0.1],
    ]);

    expect(grid(workbook.getWorksheet('预警SLA Alerts SLA')!)).toEqual([
      ['P1', 2, 1, 1, 0, 1, 1, 0, null],
      ['P2', 1, 1, 0, 1, 0, 0, 1, 0],
    ]);
    const alerts = grid(workbook.getWorksheet('预警明细 Alerts')!);
    expect(alerts.map((a) => [a[0], a[1], a[5], a[7]])).toEqual([
      ['a3', '<b>a3</b>', '2026-11-01T18:00:00+08:00', '超时 breached'],
      ['a1', '<b>a1</b>', '2026-11-10T12:00:00+08:00', '达标 met'],
      ['a2', '<b>a2</b>', '2026-11-11T10:00:00+08:00', '未到期 pending'],
    ]);

    expect(grid(workbook.getWorksheet('供应覆盖 Coverage')!)).toEqual([
      ['美妆', 2, 0, 1, 1, 0.5],
      ['数码', 1, 1, 0, 0, 0],
      ['合计 Total', 3, 1, 1, 1, 1 / 3],
    ]);

    expect(grid(workbook.getWorksheet('OKR 团队 Teams')!)).toEqual([
      ['美妆攻坚队', 'active', '2026-10-01', '2026-12-10', '王芳', '美妆', 2, 0.5, 41 / 70],
    ]);
  }, 60_000);

  it('takes a given period, and groups merchants by tier once a tier snapshot exists', async () => {
    const opened = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
    opened.sqlite
      .prepare("INSERT INTO merchant_tier_snapshots (id, taken_at, as_of, period_days, rule_set_version, rule_set_name, merchant_count) VALUES (1, ?, '2026-11-06', 30, 1, 'r', 2)")
      .run(AT);
    const assign = opened.sqlite.prepare('INSERT INTO merchant_tier_assignments (snapshot_id, merchant_id, tier, computed_tier, score, gmv_fen, gmv_prev_fen) VALUES (1, ?, ?, ?, 0, 0, 0)');
    assign.run('m1', 'head', 'head');
    assign.run('m2', 'head', 'waist');
    opened.close();
    try {
      const out = path.join(temp.dir, 'given');
      const result = cockpit('review-pack', '--db', dbFile, '--out', out, '--from', '2026-11-01', '--to', '2026-11-05');
      expect(result.stderr).toBe('');
      const workbook = await readWorkbook(result.stdout.trim());
      const merchants = workbook.getWorksheet('商家 Merchants')!;
      expect(String(merchants.getCell('A3').value)).toBe(
        '本期 Period: 2026-11-01 – 2026-11-05 · 上期 Previous: 2026-10-27 – 2026-10-31 · 按分层 By tier (snapshot #1)',
      );
      // m1 (11-01) and m2 (11-05) are head; m3 has no tier and no metrics in 11-01..11-05.
      expect(grid(merchants)).toEqual([
        ['head', 2, 30, 9, 0.3, null, 140, 7, 0.05, null],
        ['合计 Total', 2, 30, 9, 0.3, null, 140, 7, 0.05, null],
      ]);
    } finally {
      const cleanup = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
      cleanup.sqlite.exec('DELETE FROM merchant_tier_assignments; DELETE FROM merchant_tier_snapshots;');
      cleanup.close();
    }
  }, 60_000);

  it('refuses bad dates in one line', () => {
    const impossible = cockpit('review-pack', '--db', dbFile, '--out', temp.dir, '--from', '2026-02-30', '--to', '2026-03-10');
    expect(impossible.status).toBe(1);
    expect(impossible.stderr.trim().split('\n')).toHaveLength(1);
    expect(impossible.stderr).toContain('--from must be a date YYYY-MM-DD, got "2026-02-30"');
    const reversed = cockpit('review-pack', '--db', dbFile, '--out', temp.dir, '--from', '2026-11-10', '--to', '2026-11-01');
    expect(reversed.status).toBe(1);
    expect(reversed.stderr).toBe('cockpit: --from 2026-11-10 is after --to 2026-11-01\n');
    const missing = cockpit('review-pack', '--db', path.join(temp.dir, 'nope.sqlite'), '--out', temp.dir);
    expect(missing.stderr).toBe(`cockpit: no database at ${path.join(temp.dir, 'nope.sqlite')}\n`);
  }, 60_000);
});
