import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer } from '../../../platform';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { commandRegistry } from '../domains';
import { createSyncEngine } from '../sync/engine';
import { DEFAULT_GRADING_RULES } from './grading';
import { RulesVersionError, SupplyLookupError, SuppliersService } from './service';
import { AS_OF, writeFixture } from './test-fixture';

describe('SuppliersService on a real database', () => {
  const temp = makeTempDir();
  let opened: OpenedDatabase;
  let service: SuppliersService;

  beforeAll(() => {
    opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
    writeFixture(opened);
    service = new SuppliersService(opened.sqlite, () => AS_OF);
  });
  afterAll(() => {
    opened.close();
    temp.cleanup();
  });

  it('reads the tables into the same answers as the engine on the fixture', () => {
    expect([...service.coverageLines()].map((line) => [line.skuId, line.coverage, line.usableBackups])).toEqual([
      ['sku_1', 'covered', 2],
      ['sku_2', 'single_source', 0],
      ['sku_4', 'no_primary', 1],
    ]);
    const event = service.impactOfEvent('risk_00001');
    expect(event).toMatchObject({ suppliers: ['sup_a', 'sup_c', 'sup_d'], skus: 2, coreSkus: 1, revenueAtRiskFen: 5_000_000 });
    expect(event.plans[0]!.backups.map((b) => b.linkId)).toEqual(['sl_1c', 'sl_1b']);
  });

  it('names what it cannot find', () => {
    expect(() => service.impactOfEvent('risk_missing')).toThrow(new SupplyLookupError('no risk event risk_missing'));
    expect(() => service.impactOfProvinces(['浙江', '西藏'])).toThrow('no suppliers in province 西藏');
  });

  it('keeps the analysis until the data changes', () => {
    const first = service.analysis();
    expect(service.analysis()).toBe(first);
    opened.sqlite.prepare("UPDATE supply_links SET qualification = 'expired' WHERE id = 'sl_1c'").run();
    const after = service.analysis();
    expect(after).not.toBe(first);
    expect([...service.coverageLines()][0]).toMatchObject({ skuId: 'sku_1', usableBackups: 1 });
    opened.sqlite.prepare("UPDATE supply_links SET qualification = 'qualified' WHERE id = 'sl_1c'").run();
  });

  it('versions the grading rules in the settings table and refuses a stale save', () => {
    expect(service.gradingRules()).toMatchObject({ version: 0, rules: DEFAULT_GRADING_RULES });
    const strict = { ...DEFAULT_GRADING_RULES, cutoffs: { A: 95, B: 90, C: 85 } };
    const saved = service.saveGradingRules(strict, 0);
    expect(saved.version).toBe(1);
    expect(new SuppliersService(opened.sqlite, () => AS_OF).gradingRules()).toMatchObject({ version: 1, rules: strict });
    expect(() => service.saveGradingRules(DEFAULT_GRADING_RULES, 0)).toThrow(RulesVersionError);
    expect(service.impactOfEvent('risk_00001').plans[0]!.backups.map((b) => b.grade)).toEqual(['C', 'D']);
    service.saveGradingRules(DEFAULT_GRADING_RULES, 1);
    expect(service.gradingRules().history.map((h) => h.version)).toEqual([2, 1]);
  });
});

describe('SuppliersService on data synced from the reference platform', () => {
  const temp = makeTempDir();
  let opened: OpenedDatabase;

  beforeAll(async () => {
    const platform = await startPlatformServer({ seed: 7, scale: 'small' });
    try {
      opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
      const engine = createSyncEngine({
        sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token },
        commands: commandRegistry, resources: ['suppliers', 'skus', 'supply_links', 'risk_events'],
      });
      await engine.syncOnce();
    } finally {
      await platform.close();
    }
  });
  afterAll(() => {
    opened.close();
    temp.cleanup();
  });

  /** The definitions of issue 13 written the naive way, straight from the rows. */
  function naive() {
    const supplierRows = opened.sqlite.prepare('SELECT id, province, status, capacity_units_month AS capacity FROM suppliers').all() as { id: string; province: string; status: string; capacity: number }[];
    const skuRows = opened.sqlite.prepare('SELECT id, is_core, monthly_units AS units, price_fen AS price FROM skus ORDER BY id').all() as { id: string; is_core: number; units: number; price: number }[];
    const links = opened.sqlite.prepare('SELECT id, sku_id, supplier_id, role, share, qualification FROM supply_links').all() as { id: string; sku_id: string; supplier_id: string; role: string; share: number; qualification: string }[];
    const byId = new Map(supplierRows.map((s) => [s.id, s]));
    const unitsOf = new Map(skuRows.map((s) => [s.id, s.units]));
    const usable = (l: (typeof links)[number]) => l.qualification === 'qualified' && ['active', 'probation'].includes(byId.get(l.supplier_id)?.status ?? '');
    const load = new Map<string, number>();
    for (const l of links) if (l.role === 'primary') load.set(l.supplier_id, (load.get(l.supplier_id) ?? 0) + unitsOf.get(l.sku_id)! * l.share);
    const spare = (id: string) => Math.max(0, byId.get(id)!.capacity - (load.get(id) ?? 0));
    const report = skuRows.filter((s) => s.is_core === 1).map((sku) => {
      const own = links.filter((l) => l.sku_id === sku.id && usable(l));
      const primaries = own.filter((l) => l.role === 'primary').sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : 1));
      const backups = own.filter((l) => l.role === 'backup');
      const primary = primaries[0];
      const backupSuppliers = new Set(backups.map((b) => b.supplier_id).filter((id) => id !== primary?.supplier_id));
      const spareSum = [...backupSuppliers].reduce((sum, id) => sum + spare(id), 0);
      const coverage = !primary ? 'no_primary' : backups.length === 0 ? 'single_source' : 'covered';
      return {
        skuId: sku.id, coverage, primarySupplierId: primary?.supplier_id ?? null, usableBackups: backups.length,
        backupCapacityCovers: coverage === 'covered' && spareSum >= sku.units * primary!.share, monthlyRevenueFen: sku.units * sku.price,
      };
    });
    const impact = (supplierIds: string[], provinces: string[]) => {
      const affected = new Set([...supplierIds, ...supplierRows.filter((s) => provinces.includes(s.province)).map((s) => s.id)]);
      let total = 0;
      let count = 0;
      let core = 0;
      for (const sku of skuRows) {
        const share = Math.min(1, links.filter((l) => l.sku_id === sku.id && affected.has(l.supplier_id)).reduce((sum, l) => sum + l.share, 0));
        if (share <= 0) continue;
        total += sku.units * sku.price * share;
        count++;
        if (sku.is_core === 1) core++;
      }
      return { suppliers: [...affected].sort(), skus: count, coreSkus: core, revenueAtRiskFen: Math.round(total) };
    };
    return { report, impact };
  }

  it('agrees with the naive definitions on every core SKU and every risk event', () => {
    const service = new SuppliersService(opened.sqlite, () => AS_OF);
    const expected = naive();
    const lines = [...service.coverageLines()];
    expect(lines.length).toBeGreaterThan(20);
    expect(lines).toEqual(expected.report);
    expect(new Set(lines.map((l) => l.coverage))).toEqual(new Set(['no_primary', 'single_source', 'covered']));
    const events = service.riskEvents();
    expect(events.length).toBe(30);
    for (const event of events) {
      const { plans, ...totals } = service.impactOfEvent(event.id);
      expect(totals).toEqual(expected.impact(event.supplierIds, event.provinces));
      expect(plans.length).toBe(totals.coreSkus);
    }
    const { plans: _plans, ...zhejiang } = service.impactOfProvinces(['浙江', '广东']);
    expect(zhejiang).toEqual(expected.impact([], ['浙江', '广东']));
  });
});
