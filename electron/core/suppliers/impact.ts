/**
 * What a risk event threatens (issue 13, exact where written):
 * - It affects the suppliers it lists and every supplier in its provinces.
 * - Per SKU, affectedShare = min(1, Σ share of its links whose supplier is affected, whatever the
 *   link's role or qualification); revenue at risk = monthly_units × price_fen × affectedShare.
 * - Affected SKUs have affectedShare > 0; the event's total is the sum of their revenue at risk,
 *   rounded to whole fen once at the end.
 * - Switch plans: for each affected core SKU (by SKU id), its usable backup links ranked by grade
 *   (A first), spare capacity (most first), lead time (shortest first), unit-cost difference to the
 *   primary (cheapest first), then link id.
 */
import { type SkuCoverage, type SupplierCapacity } from './coverage';
import { GRADES, type Grade, type SupplierGrades } from './grading';
import { ROLE_BACKUP, isUsableLink, type SupplyData } from './supply-data';

export interface RiskScope {
  supplierIds: readonly string[];
  provinces: readonly string[];
}

export interface AffectedSuppliers {
  /** 1 at the position of every affected supplier in the data. */
  mask: Uint8Array;
  /** Every affected supplier id, sorted (byte order): listed ones the data lacks included. */
  ids: string[];
  /** Listed ids that are not in the data (their links still count). */
  unknownIds: Set<string>;
}

export function affectedSuppliersOf(data: SupplyData, scope: RiskScope): AffectedSuppliers {
  const mask = new Uint8Array(data.supplierIds.length);
  const ids = new Set<string>();
  const unknownIds = new Set<string>();
  for (const id of scope.supplierIds) {
    const p = data.supplierIndex.get(id);
    if (p === undefined) unknownIds.add(id);
    else mask[p] = 1;
    ids.add(id);
  }
  const provinceCodes = new Set<number>();
  for (const province of scope.provinces) {
    const code = data.provinceIndex.get(province);
    if (code !== undefined) provinceCodes.add(code);
  }
  if (provinceCodes.size > 0) {
    for (let p = 0; p < data.supplierIds.length; p++) {
      if (provinceCodes.has(data.supplierProvince[p]!)) {
        mask[p] = 1;
        ids.add(data.supplierIds[p]!);
      }
    }
  }
  return { mask, ids: [...ids].sort(), unknownIds };
}

export interface RevenueAtRisk {
  /** Affected SKU positions, ascending. */
  skus: Int32Array;
  /** affectedShare of each entry of `skus`. */
  shares: Float64Array;
  coreSkus: number;
  revenueAtRiskFen: number;
  /** Revenue at risk per affected SKU (unrounded), aligned with `skus`. */
  revenueFen: Float64Array;
}

export function revenueAtRisk(data: SupplyData, affected: AffectedSuppliers): RevenueAtRisk {
  const m = data.skuIds.length;
  const shareSum = new Float64Array(m);
  const touched: number[] = [];
  const touch = (k: number): void => {
    const s = data.linkSku[k]!;
    if (s < 0) return;
    if (shareSum[s] === 0) touched.push(s);
    shareSum[s]! += data.linkShare[k]!;
  };
  for (let p = 0; p < affected.mask.length; p++) {
    if (affected.mask[p] !== 1) continue;
    for (let i = data.supplierLinkStart[p]!; i < data.supplierLinkStart[p + 1]!; i++) touch(data.linksBySupplier[i]!);
  }
  if (affected.unknownIds.size > 0) {
    for (let k = 0; k < data.linkIds.length; k++) {
      if (data.linkSupplier[k]! < 0 && affected.unknownIds.has(data.linkSupplierId[k]!)) touch(k);
    }
  }
  touched.sort((a, b) => a - b);
  const kept = touched.filter((s) => shareSum[s]! > 0);
  const skus = Int32Array.from(kept);
  const shares = new Float64Array(kept.length);
  const revenueFen = new Float64Array(kept.length);
  let total = 0;
  let coreSkus = 0;
  for (let i = 0; i < kept.length; i++) {
    const s = kept[i]!;
    const share = Math.min(1, shareSum[s]!);
    const revenue = data.skuMonthlyUnits[s]! * data.skuPriceFen[s]! * share;
    shares[i] = share;
    revenueFen[i] = revenue;
    total += revenue;
    if (data.skuIsCore[s] === 1) coreSkus++;
  }
  return { skus, shares, coreSkus, revenueAtRiskFen: Math.round(total), revenueFen };
}

export interface SwitchOption {
  linkId: string;
  supplierId: string;
  grade: Grade;
  /** QCDS score, one decimal. */
  score: number;
  /** The backup supplier's spare capacity (units a month, rounded). */
  spareCapacityUnits: number;
  leadTimeDays: number;
  /** Backup lead time − primary's; null without a usable primary. */
  leadTimeDeltaDays: number | null;
  unitCostFen: number;
  /** Backup unit cost − the primary link's (the SKU's unit_cost_fen without a usable primary). */
  unitCostDeltaFen: number;
  /** unitCostDeltaFen × the units to move (primary's monthly units, else the SKU's), rounded. */
  monthlyCostImpactFen: number;
  /** Its spare capacity alone absorbs the units to move. */
  capacityCovers: boolean;
  /** The backup's own supplier is hit by the same event. */
  affected: boolean;
}

export interface SwitchPlan {
  skuId: string;
  backups: SwitchOption[];
}

export interface PlanContext {
  data: SupplyData;
  grades: SupplierGrades;
  capacity: SupplierCapacity;
  coverage: SkuCoverage;
}

/** The ranked usable backups of one SKU. `affectedMask` flags backups hit by the same event. */
export function switchOptionsOf(ctx: PlanContext, sku: number, affectedMask: Uint8Array | null): SwitchOption[] {
  const { data, grades, capacity, coverage } = ctx;
  const primary = coverage.primaryLink[sku]!;
  const unitsToMove = primary >= 0 ? coverage.primaryUnits[sku]! : data.skuMonthlyUnits[sku]!;
  const referenceCost = primary >= 0 ? data.linkUnitCostFen[primary]! : data.skuUnitCostFen[sku]!;
  const candidates: { link: number; grade: number; spare: number; lead: number; costDelta: number }[] = [];
  for (let i = data.skuLinkStart[sku]!; i < data.skuLinkStart[sku + 1]!; i++) {
    const k = data.linksBySku[i]!;
    if (data.linkRole[k] !== ROLE_BACKUP || !isUsableLink(data, k)) continue;
    const p = data.linkSupplier[k]!;
    candidates.push({ link: k, grade: grades.grade[p]!, spare: capacity.spare[p]!, lead: data.linkLeadTime[k]!, costDelta: data.linkUnitCostFen[k]! - referenceCost });
  }
  candidates.sort(
    (a, b) =>
      a.grade - b.grade ||
      b.spare - a.spare ||
      a.lead - b.lead ||
      a.costDelta - b.costDelta ||
      (data.linkIds[a.link]! < data.linkIds[b.link]! ? -1 : 1),
  );
  return candidates.map(({ link, grade, spare, lead, costDelta }) => {
    const p = data.linkSupplier[link]!;
    return {
      linkId: data.linkIds[link]!,
      supplierId: data.supplierIds[p]!,
      grade: GRADES[grade]!,
      score: Math.round(grades.score[p]! * 10) / 10,
      spareCapacityUnits: Math.round(spare),
      leadTimeDays: lead,
      leadTimeDeltaDays: primary >= 0 ? lead - data.linkLeadTime[primary]! : null,
      unitCostFen: data.linkUnitCostFen[link]!,
      unitCostDeltaFen: costDelta,
      monthlyCostImpactFen: Math.round(costDelta * unitsToMove),
      capacityCovers: spare >= unitsToMove,
      affected: affectedMask !== null && affectedMask[p] === 1,
    };
  });
}

/** Plans for every affected core SKU, by SKU id (the data's SKU order is by id). */
export function switchPlans(ctx: PlanContext, risk: RevenueAtRisk, affected: AffectedSuppliers): SwitchPlan[] {
  const plans: SwitchPlan[] = [];
  for (const s of risk.skus) {
    if (ctx.data.skuIsCore[s] !== 1) continue;
    plans.push({ skuId: ctx.data.skuIds[s]!, backups: switchOptionsOf(ctx, s, affected.mask) });
  }
  return plans.sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}
