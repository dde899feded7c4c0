import { describe, expect, it } from 'vitest';
import { COVERED, NO_EXPIRY, expiringCounts, expiryHorizonOf, primaryLinkOf, supplierCapacity } from './coverage';
import { analyseSupply, coverageLines, impactOf } from './engine';
import { DEFAULT_GRADING_RULES, GATE_REASONS, GRADES, gradeSuppliers, linearScore, type GradingRules } from './grading';
import { switchOptionsOf } from './impact';
import { buildSupplyData, isUsableLink, type LinkInput } from './supply-data';
import { AS_OF, LINKS, SKUS, SUPPLIERS } from './test-fixture';

const data = buildSupplyData(SUPPLIERS, SKUS, LINKS);
const analysis = analyseSupply(data, DEFAULT_GRADING_RULES, AS_OF);
const at = (id: string): number => data.supplierIndex.get(id)!;
const gradeOf = (id: string): string => GRADES[analysis.grades.grade[at(id)]!]!;

describe('QCDS grading', () => {
  it('maps a value linearly between its zero and full points, clamped', () => {
    expect(linearScore(200, 2000, 0)).toBeCloseTo(90, 10);
    expect(linearScore(3000, 2000, 0)).toBe(0);
    expect(linearScore(0.95, 0.75, 1)).toBeCloseTo(80, 10);
    expect(linearScore(1.3, 1.2, 0.8)).toBe(0);
  });

  it('scores sup_a by hand: Q 90, D 79.70, C 45.83, S 90 → 78.08, grade A', () => {
    // D: on-time (0.95 − 0.75) / 0.25 = 80; lead mean (5 + 9 + 12) / 3 = 8.667 d → (30 − 8.667) / 27 = 79.01; 0.7·80 + 0.3·79.01.
    // C: price index (1.2 − 0.9) / 0.4 = 75; unit cost vs the SKU's other links: 3000/3000, 1100/1000, 550/500 → mean 1.0667 → 16.67.
    const p = at('sup_a');
    expect(analysis.grades.quality[p]).toBeCloseTo(90, 6);
    expect(analysis.grades.delivery[p]).toBeCloseTo(56 + 0.3 * ((30 - 26 / 3) / 27) * 100, 6);
    expect(analysis.grades.cost[p]).toBeCloseTo(0.5 * 75 + 0.5 * ((1.1 - 3.2 / 3) / 0.2) * 100, 6);
    expect(analysis.grades.service[p]).toBe(90);
    expect(analysis.grades.score[p]).toBeCloseTo(78.0778, 3);
    expect(gradeOf('sup_a')).toBe('A');
  });

  it('grades sup_b D on its score alone (47.27)', () => {
    expect(analysis.grades.score[at('sup_b')]).toBeCloseTo(47.2668, 3);
    expect(gradeOf('sup_b')).toBe('D');
    expect(GATE_REASONS[analysis.grades.gate[at('sup_b')]!]).toBe('none');
  });

  it('caps an A-scoring supplier with an expired required certification at C', () => {
    expect(analysis.grades.score[at('sup_c')]).toBeCloseTo(88.9956, 3);
    expect(gradeOf('sup_c')).toBe('C');
    expect(GATE_REASONS[analysis.grades.gate[at('sup_c')]!]).toBe('expired_certification');
  });

  it('caps suspended at C and blacklisted at D whatever the score', () => {
    expect(gradeOf('sup_d')).toBe('C');
    expect(GATE_REASONS[analysis.grades.gate[at('sup_d')]!]).toBe('suspended');
    expect(gradeOf('sup_e')).toBe('D');
    expect(GATE_REASONS[analysis.grades.gate[at('sup_e')]!]).toBe('blacklisted');
  });

  it('follows edited rules: an expired voluntary certificate does not cap, weights renormalise', () => {
    const rules: GradingRules = {
      ...DEFAULT_GRADING_RULES,
      weights: { quality: 1, delivery: 0, cost: 0, service: 0 },
      gates: { ...DEFAULT_GRADING_RULES.gates, requiredCertifications: ['ISO9001'] },
    };
    const grades = gradeSuppliers(data, rules, AS_OF);
    expect(grades.score[at('sup_c')]).toBeCloseTo(95, 10); // quality alone: (2000 − 100) / 2000
    expect(GRADES[grades.grade[at('sup_c')]!]).toBe('A');
    // ISO9001 of sup_a expires on 2026-12-01: on 2026-12-02 it is expired and required.
    expect(GRADES[gradeSuppliers(data, rules, '2026-12-02').grade[at('sup_a')]!]).toBe('C');
  });
});

describe('coverage of core SKUs', () => {
  it('counts usable links: qualified and supplier active or on probation', () => {
    const linkAt = (id: string): number => data.linkIds.indexOf(id);
    expect(isUsableLink(data, linkAt('sl_1c'))).toBe(true); // probation
    expect(isUsableLink(data, linkAt('sl_2b'))).toBe(false); // suspended
    expect(isUsableLink(data, linkAt('sl_3b'))).toBe(false); // in qualification
    expect(isUsableLink(data, linkAt('sl_4a'))).toBe(false); // blacklisted
  });

  it('reports each core SKU by id with coverage, primary, backups, capacity and revenue', () => {
    // Loads (Σ units × share of primary links): a 700, b 200, c 300 → spare b 2800 + c 4700 = 7500 ≥ 700.
    expect([...coverageLines(analysis)]).toEqual([
      { skuId: 'sku_1', coverage: 'covered', primarySupplierId: 'sup_a', usableBackups: 2, backupCapacityCovers: true, monthlyRevenueFen: 5_000_000 },
      { skuId: 'sku_2', coverage: 'single_source', primarySupplierId: 'sup_b', usableBackups: 0, backupCapacityCovers: false, monthlyRevenueFen: 2_000_000 },
      { skuId: 'sku_4', coverage: 'no_primary', primarySupplierId: null, usableBackups: 1, backupCapacityCovers: false, monthlyRevenueFen: 100_000 },
    ]);
    const capacity = supplierCapacity(data);
    expect(capacity.load[at('sup_a')]).toBeCloseTo(700, 9);
    expect(capacity.spare[at('sup_c')]).toBeCloseTo(4700, 9);
  });

  it('says the backups do not cover when their spare capacity is below the primary units', () => {
    const tight = buildSupplyData(
      SUPPLIERS.map((s) => (s.id === 'sup_b' ? { ...s, capacity_units_month: 300 } : s.id === 'sup_c' ? { ...s, capacity_units_month: 600 } : s)),
      SKUS,
      LINKS,
    );
    // spare b 300 − 200 = 100, c 600 − 300 = 300: 400 < 700.
    const line = [...coverageLines(analyseSupply(tight, DEFAULT_GRADING_RULES, AS_OF))][0]!;
    expect(line).toMatchObject({ skuId: 'sku_1', coverage: 'covered', backupCapacityCovers: false });
  });

  it('counts backup links, not suppliers, and the spare of a supplier once', () => {
    const extra: LinkInput = { id: 'sl_1d', sku_id: 'sku_1', supplier_id: 'sup_b', role: 'backup', share: 0, qualification: 'qualified', lead_time_days: 9, unit_cost_fen: 3_050 };
    const doubled = analyseSupply(buildSupplyData(SUPPLIERS, SKUS, [...LINKS, extra]), DEFAULT_GRADING_RULES, AS_OF);
    const s = doubled.data.skuIndex.get('sku_1')!;
    expect(doubled.coverage.usableBackups[s]).toBe(3);
    expect(doubled.coverage.backupSpareUnits[s]).toBeCloseTo(7500, 9);
    expect(doubled.coverage.coverage[s]).toBe(COVERED);
  });

  it('picks the primary with the largest share, then the newest, then the smallest link id', () => {
    const twoPrimaries = (shareX: number, updatedX?: string): string => {
      const links: LinkInput[] = [
        { id: 'sl_x', sku_id: 'sku_2', supplier_id: 'sup_a', role: 'primary', share: shareX, qualification: 'qualified', lead_time_days: 5, unit_cost_fen: 1, updated_at: updatedX },
        { id: 'sl_w', sku_id: 'sku_2', supplier_id: 'sup_b', role: 'primary', share: 0.5, qualification: 'qualified', lead_time_days: 5, unit_cost_fen: 1, updated_at: '2026-11-01T00:00:00+08:00' },
      ];
      const d = buildSupplyData(SUPPLIERS, SKUS, links);
      return d.linkIds[primaryLinkOf(d, d.skuIndex.get('sku_2')!)]!;
    };
    expect(twoPrimaries(0.6)).toBe('sl_x'); // larger share
    expect(twoPrimaries(0.5, '2026-11-01T00:00:00+08:00')).toBe('sl_w'); // same share and time: sl_w < sl_x
    expect(twoPrimaries(0.5, '2026-11-11T09:00:00+08:00')).toBe('sl_x'); // same share: the newer (a pending switch)
  });

  it('finds certificates expiring within 30/60/90 days', () => {
    const s = data.skuIndex.get('sku_1')!;
    expect(analysis.coverage.certExpiryDays[s]).toBe(20); // sup_a's ISO9001 on 2026-12-01
    expect(expiryHorizonOf(20)).toBe(30);
    expect(expiryHorizonOf(75)).toBe(90);
    expect(expiryHorizonOf(NO_EXPIRY)).toBeNull();
    // sup_c: GMP expired, FSC on 2027-01-30 = 80 days.
    expect(expiringCounts(SUPPLIERS[2]!.certifications, AS_OF)).toEqual({ within30: 0, within60: 0, within90: 1, expired: 1 });
    expect(analysis.supplierExpiryDays[at('sup_c')]).toBe(80);
  });
});

describe('revenue at risk and switch plans', () => {
  it('adds up an event: listed suppliers and province suppliers, any role or qualification', () => {
    // 浙江 = sup_a, sup_c; plus sup_d listed. sku_1: 0.7 + 0.1 → 1000 × 5000 × 0.8 = 4,000,000;
    // sku_3: 0.6 + 0.4 (in qualification) → 1,000,000; sku_2 and sku_4 only through 0-share links.
    const report = impactOf(analysis, { supplierIds: ['sup_d'], provinces: ['浙江'] });
    expect(report.suppliers).toEqual(['sup_a', 'sup_c', 'sup_d']);
    expect(report.skus).toBe(2);
    expect(report.coreSkus).toBe(1);
    expect(report.revenueAtRiskFen).toBe(5_000_000);
    expect(report.plans.map((plan) => plan.skuId)).toEqual(['sku_1']);
  });

  it('rounds the total once at the end and caps affectedShare at 1', () => {
    // sku_5 1 × 3 × 0.5 = 1.5, sku_6 1.5, sku_7 min(1, 0.8 + 0.4) × 2 × 10 = 20 → 23 (not 24).
    const report = impactOf(analysis, { supplierIds: [], provinces: ['海南'] });
    expect(report).toEqual({ suppliers: ['sup_f'], skus: 3, coreSkus: 0, revenueAtRiskFen: 23, plans: [] });
  });

  it('ranks usable backups by grade first, with cost and lead-time impact against the primary', () => {
    const [plan] = impactOf(analysis, { supplierIds: [], provinces: ['浙江'] }).plans;
    // sup_c (C) before sup_b (D) although sup_b is not hit; 700 units move from sl_1a (3000 fen, 5 d).
    expect(plan).toEqual({
      skuId: 'sku_1',
      backups: [
        {
          linkId: 'sl_1c', supplierId: 'sup_c', grade: 'C', score: 89, spareCapacityUnits: 4700, leadTimeDays: 7, leadTimeDeltaDays: 2,
          unitCostFen: 2900, unitCostDeltaFen: -100, monthlyCostImpactFen: -70_000, capacityCovers: true, affected: true,
        },
        {
          linkId: 'sl_1b', supplierId: 'sup_b', grade: 'D', score: 47.3, spareCapacityUnits: 2800, leadTimeDays: 10, leadTimeDeltaDays: 5,
          unitCostFen: 3100, unitCostDeltaFen: 100, monthlyCostImpactFen: 70_000, capacityCovers: true, affected: false,
        },
      ],
    });
  });

  it('breaks grade ties by spare capacity, then lead time, then unit cost', () => {
    const suppliers = ['p', 'q', 'r', 's'].map((id, i) => ({ ...SUPPLIERS[1]!, id: `sup_${id}`, capacity_units_month: i === 0 ? 9_000 : 5_000 }));
    const links: LinkInput[] = [
      { id: 'sl_0', sku_id: 'sku_2', supplier_id: 'sup_b', role: 'primary', share: 1, qualification: 'qualified', lead_time_days: 8, unit_cost_fen: 6_000 },
      { id: 'sl_s', sku_id: 'sku_2', supplier_id: 'sup_s', role: 'backup', share: 0, qualification: 'qualified', lead_time_days: 6, unit_cost_fen: 6_100 },
      { id: 'sl_r', sku_id: 'sku_2', supplier_id: 'sup_r', role: 'backup', share: 0, qualification: 'qualified', lead_time_days: 6, unit_cost_fen: 6_050 },
      { id: 'sl_q', sku_id: 'sku_2', supplier_id: 'sup_q', role: 'backup', share: 0, qualification: 'qualified', lead_time_days: 4, unit_cost_fen: 6_300 },
      { id: 'sl_p', sku_id: 'sku_2', supplier_id: 'sup_p', role: 'backup', share: 0, qualification: 'qualified', lead_time_days: 20, unit_cost_fen: 7_000 },
    ];
    const d = buildSupplyData([SUPPLIERS[1]!, ...suppliers], SKUS, links);
    const a = analyseSupply(d, DEFAULT_GRADING_RULES, AS_OF);
    a.grades.grade.fill(1); // the same grade for all: only the tie-breaks decide
    const ranked = switchOptionsOf(a, d.skuIndex.get('sku_2')!, null).map((o) => o.linkId);
    expect(ranked).toEqual(['sl_p', 'sl_q', 'sl_r', 'sl_s']);
  });
});
