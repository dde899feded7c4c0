/**
 * A small supply world whose answers are computed by hand in engine.test.ts (and reused by the
 * service and CLI tests, which write it into a real SQLite file).
 */
import type { OpenedDatabase } from '../../../db/open';
import { riskEvents, skus, suppliers, supplyLinks } from '../../../db/schema';
import type { LinkInput, SkuInput, SupplierInput } from './supply-data';

export const AS_OF = '2026-11-11';

export const SUPPLIERS: SupplierInput[] = [
  // A: good, certificate expiring in 20 days.
  { id: 'sup_a', province: '浙江', status: 'active', capacity_units_month: 10_000, on_time_rate: 0.95, defect_ppm: 200, price_index: 0.9, service_score: 90, certifications: [{ type: 'ISO9001', expires_on: '2026-12-01' }] },
  { id: 'sup_b', province: '广东', status: 'active', capacity_units_month: 3_000, on_time_rate: 0.85, defect_ppm: 1_000, price_index: 1.1, service_score: 60, certifications: [] },
  // C: excellent scores, but a required certificate (GMP) expired ten days ago: capped at C.
  { id: 'sup_c', province: '浙江', status: 'probation', capacity_units_month: 5_000, on_time_rate: 0.99, defect_ppm: 100, price_index: 1.0, service_score: 95, certifications: [{ type: 'GMP', expires_on: '2026-11-01' }, { type: 'FSC', expires_on: '2027-01-30' }] },
  { id: 'sup_d', province: '江苏', status: 'suspended', capacity_units_month: 8_000, on_time_rate: 0.99, defect_ppm: 50, price_index: 0.85, service_score: 99, certifications: [] },
  { id: 'sup_e', province: '北京', status: 'blacklisted', capacity_units_month: 1_000, on_time_rate: 0.9, defect_ppm: 300, price_index: 1.0, service_score: 70, certifications: [] },
  { id: 'sup_f', province: '海南', status: 'active', capacity_units_month: 100, on_time_rate: 0.9, defect_ppm: 300, price_index: 1.0, service_score: 70, certifications: [] },
];

export const SKUS: SkuInput[] = [
  { id: 'sku_1', is_core: true, monthly_units: 1_000, price_fen: 5_000, unit_cost_fen: 3_000 },
  { id: 'sku_2', is_core: true, monthly_units: 200, price_fen: 10_000, unit_cost_fen: 6_000 },
  { id: 'sku_3', is_core: false, monthly_units: 500, price_fen: 2_000, unit_cost_fen: 1_000 },
  { id: 'sku_4', is_core: true, monthly_units: 100, price_fen: 1_000, unit_cost_fen: 500 },
  // Revenue at risk 1.5 fen each: rounding once at the end gives 3, per SKU it would give 4.
  { id: 'sku_5', is_core: false, monthly_units: 1, price_fen: 3, unit_cost_fen: 1 },
  { id: 'sku_6', is_core: false, monthly_units: 1, price_fen: 3, unit_cost_fen: 1 },
  // Shares at one supplier sum to 1.2: affectedShare is capped at 1.
  { id: 'sku_7', is_core: false, monthly_units: 2, price_fen: 10, unit_cost_fen: 5 },
];

function link(id: string, sku_id: string, supplier_id: string, role: string, share: number, qualification: string, lead_time_days: number, unit_cost_fen: number): LinkInput {
  return { id, sku_id, supplier_id, role, share, qualification, lead_time_days, unit_cost_fen };
}

export const LINKS: LinkInput[] = [
  link('sl_1a', 'sku_1', 'sup_a', 'primary', 0.7, 'qualified', 5, 3_000),
  link('sl_1b', 'sku_1', 'sup_b', 'backup', 0.2, 'qualified', 10, 3_100),
  link('sl_1c', 'sku_1', 'sup_c', 'backup', 0.1, 'qualified', 7, 2_900),
  link('sl_2a', 'sku_2', 'sup_b', 'primary', 1, 'qualified', 8, 6_000),
  link('sl_2b', 'sku_2', 'sup_d', 'backup', 0, 'qualified', 4, 5_800),
  link('sl_3a', 'sku_3', 'sup_c', 'primary', 0.6, 'qualified', 6, 1_000),
  link('sl_3b', 'sku_3', 'sup_a', 'backup', 0.4, 'in_qualification', 9, 1_100),
  link('sl_4a', 'sku_4', 'sup_e', 'primary', 1, 'qualified', 3, 500),
  link('sl_4b', 'sku_4', 'sup_a', 'backup', 0, 'qualified', 12, 550),
  link('sl_5a', 'sku_5', 'sup_f', 'backup', 0.5, 'rejected', 5, 1),
  link('sl_6a', 'sku_6', 'sup_f', 'primary', 0.5, 'qualified', 5, 1),
  link('sl_7a', 'sku_7', 'sup_f', 'primary', 0.8, 'qualified', 5, 5),
  link('sl_7b', 'sku_7', 'sup_f', 'backup', 0.4, 'qualified', 5, 5),
];

/** Writes the hand-computed fixture into real cockpit tables. */
export function writeFixture(opened: OpenedDatabase): void {
  const stamp = { version: 1, updatedAt: '2026-11-01T00:00:00+08:00' };
  opened.db.insert(suppliers).values(SUPPLIERS.map((s) => ({
    ...stamp, id: s.id, name: `${s.id} 有限公司`, province: s.province, city: s.province, status: s.status, capacityUnitsMonth: s.capacity_units_month,
    onTimeRate: s.on_time_rate, defectPpm: s.defect_ppm, priceIndex: s.price_index, serviceScore: s.service_score,
    certifications: [...s.certifications], lastAuditOn: null,
  }))).run();
  opened.db.insert(skus).values(SKUS.map((k) => ({
    ...stamp, id: k.id, name: `商品 ${k.id}`, categoryId: 'cat_01', isCore: k.is_core, monthlyUnits: k.monthly_units, priceFen: k.price_fen, unitCostFen: k.unit_cost_fen,
  }))).run();
  opened.db.insert(supplyLinks).values(LINKS.map((l) => ({
    ...stamp, id: l.id, skuId: l.sku_id, supplierId: l.supplier_id, role: l.role, share: l.share, qualification: l.qualification,
    qualifiedOn: null, leadTimeDays: l.lead_time_days, unitCostFen: l.unit_cost_fen, moq: 100,
  }))).run();
  opened.db.insert(riskEvents).values([{
    ...stamp, id: 'risk_00001', type: 'natural_disaster', title: '浙江洪涝', description: '…', provinces: ['浙江'], supplierIds: ['sup_d'],
    severity: 4, startedAt: '2026-11-10T08:00:00+08:00', expectedEndAt: null, status: 'open',
  }]).run();
}

