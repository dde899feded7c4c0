/**
 * The supplier engine in one place: grade, cover and assess risk on a SupplyData snapshot. Pure
 * (no database); the service builds the snapshot and keeps the analysis while the data stands.
 * Definitions: coverage.ts, grading.ts, impact.ts (each states its formulas), README.md.
 */
import { COVERAGE_STATES, coverSkus, supplierCapacity, supplierExpiryDays, type CoverageState, type SkuCoverage, type SupplierCapacity } from './coverage';
import { gradeSuppliers, type GradingRules, type SupplierGrades } from './grading';
import { affectedSuppliersOf, revenueAtRisk, switchPlans, type RiskScope, type SwitchPlan } from './impact';
import type { SupplyData } from './supply-data';

export interface SupplyAnalysis {
  data: SupplyData;
  rules: GradingRules;
  asOf: string;
  grades: SupplierGrades;
  capacity: SupplierCapacity;
  coverage: SkuCoverage;
  /** Per supplier: days to its soonest certification expiry (NO_EXPIRY if none ahead). */
  supplierExpiryDays: Int32Array;
}

export function analyseSupply(data: SupplyData, rules: GradingRules, asOf: string): SupplyAnalysis {
  const capacity = supplierCapacity(data);
  const expiry = supplierExpiryDays(data, asOf);
  return {
    data,
    rules,
    asOf,
    grades: gradeSuppliers(data, rules, asOf),
    capacity,
    coverage: coverSkus(data, capacity, expiry),
    supplierExpiryDays: expiry,
  };
}

/** One line of `cockpit suppliers report`; keys in this order (the CLI's JSONL contract). */
export interface CoverageLine {
  skuId: string;
  coverage: CoverageState;
  primarySupplierId: string | null;
  usableBackups: number;
  backupCapacityCovers: boolean;
  monthlyRevenueFen: number;
}

export function coverageLineOf(analysis: SupplyAnalysis, sku: number): CoverageLine {
  const { data, coverage } = analysis;
  const primary = coverage.primaryLink[sku]!;
  return {
    skuId: data.skuIds[sku]!,
    coverage: COVERAGE_STATES[coverage.coverage[sku]!]!,
    primarySupplierId: primary >= 0 ? data.linkSupplierId[primary]! : null,
    usableBackups: coverage.usableBackups[sku]!,
    backupCapacityCovers: coverage.backupCapacityCovers[sku] === 1,
    monthlyRevenueFen: data.skuMonthlyUnits[sku]! * data.skuPriceFen[sku]!,
  };
}

/** Positions of the core SKUs, sorted by SKU id (byte order). */
export function coreSkusById(data: SupplyData): number[] {
  const core: number[] = [];
  for (let s = 0; s < data.skuIds.length; s++) if (data.skuIsCore[s] === 1) core.push(s);
  return core.sort((a, b) => (data.skuIds[a]! < data.skuIds[b]! ? -1 : data.skuIds[a]! > data.skuIds[b]! ? 1 : 0));
}

export function* coverageLines(analysis: SupplyAnalysis): Generator<CoverageLine> {
  for (const s of coreSkusById(analysis.data)) yield coverageLineOf(analysis, s);
}

/** What `cockpit suppliers impact --json` prints; keys in this order. */
export interface ImpactReport {
  suppliers: string[];
  skus: number;
  coreSkus: number;
  revenueAtRiskFen: number;
  plans: SwitchPlan[];
}

export function impactOf(analysis: SupplyAnalysis, scope: RiskScope): ImpactReport {
  const affected = affectedSuppliersOf(analysis.data, scope);
  const risk = revenueAtRisk(analysis.data, affected);
  return {
    suppliers: affected.ids,
    skus: risk.skus.length,
    coreSkus: risk.coreSkus,
    revenueAtRiskFen: risk.revenueAtRiskFen,
    plans: switchPlans(analysis, risk, affected),
  };
}
