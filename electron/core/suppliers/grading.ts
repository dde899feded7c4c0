/**
 * Supplier grades A/B/C/D from a weighted QCDS score with hard gates. The formulas are documented
 * in README.md next to this file; the numbers below are the defaults an operator may edit (the
 * rules are versioned in the settings table, see service.ts).
 */
import {
  STATUS_BLACKLISTED,
  STATUS_SUSPENDED,
  STATUS_UNKNOWN,
  type Certification,
  type SupplyData,
} from './supply-data';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradingRules {
  /** Relative weights of the four parts; the score divides by their sum. */
  weights: { quality: number; delivery: number; cost: number; service: number };
  /** Lowest score that still earns the grade; below `C` is D. */
  cutoffs: { A: number; B: number; C: number };
  /** Q: 0 ppm scores 100, `maxDefectPpm` or more scores 0, linear between. */
  quality: { maxDefectPpm: number };
  /**
   * D: on-time part 0 at `onTimeFloor`, 100 at a rate of 1; lead-time part 100 at `bestLeadDays`
   * or less, 0 at `worstLeadDays` or more. D = onTimeWeight × on-time + (1 − onTimeWeight) × lead.
   */
  delivery: { onTimeFloor: number; bestLeadDays: number; worstLeadDays: number; onTimeWeight: number };
  /**
   * C: price-index part 100 at `bestPriceIndex`, 0 at `worstPriceIndex`; relative-cost part 100
   * when the supplier's unit costs are `bestRelativeCost` × the SKU's other suppliers' mean, 0 at
   * `worstRelativeCost`. C = priceIndexWeight × price index + (1 − priceIndexWeight) × relative.
   */
  cost: { bestPriceIndex: number; worstPriceIndex: number; bestRelativeCost: number; worstRelativeCost: number; priceIndexWeight: number };
  /** Hard gates: the best grade a supplier can have in each case. */
  gates: { requiredCertifications: string[]; expiredCertificationCap: Grade; suspendedCap: Grade; blacklistedCap: Grade };
}

export const DEFAULT_GRADING_RULES: GradingRules = {
  weights: { quality: 35, delivery: 30, cost: 20, service: 15 },
  cutoffs: { A: 72, B: 60, C: 48 },
  quality: { maxDefectPpm: 2000 },
  delivery: { onTimeFloor: 0.75, bestLeadDays: 3, worstLeadDays: 30, onTimeWeight: 0.7 },
  cost: { bestPriceIndex: 0.8, worstPriceIndex: 1.2, bestRelativeCost: 0.9, worstRelativeCost: 1.1, priceIndexWeight: 0.5 },
  // Quality-system and statutory licences (3C: compulsory product certification; SC: food
  // production licence; GMP: drugs and cosmetics). Voluntary labels expiring do not cap the grade.
  gates: { requiredCertifications: ['ISO9001', '3C认证', 'SC食品生产许可', 'GMP'], expiredCertificationCap: 'C', suspendedCap: 'C', blacklistedCap: 'D' },
};

/** Why a grade was capped (none = the score alone decided). */
export const GATE_REASONS = ['none', 'expired_certification', 'suspended', 'blacklisted', 'unknown_status'] as const;
export type GateReason = (typeof GATE_REASONS)[number];

export interface SupplierGrades {
  quality: Float64Array;
  delivery: Float64Array;
  cost: Float64Array;
  service: Float64Array;
  score: Float64Array;
  /** Index into GRADES: 0 = A … 3 = D. */
  grade: Uint8Array;
  /** Index into GATE_REASONS. */
  gate: Uint8Array;
}

/** value mapped linearly so that `zeroAt` → 0 and `fullAt` → 100, clamped to [0, 100]. */
export function linearScore(value: number, zeroAt: number, fullAt: number): number {
  if (zeroAt === fullAt) return value >= fullAt ? 100 : 0;
  const t = (value - zeroAt) / (fullAt - zeroAt);
  return 100 * Math.min(1, Math.max(0, t));
}

export function gradeOfScore(score: number, cutoffs: GradingRules['cutoffs']): number {
  if (score >= cutoffs.A) return 0;
  if (score >= cutoffs.B) return 1;
  if (score >= cutoffs.C) return 2;
  return 3;
}

/** True when a certification of a required type expired before `asOf` (YYYY-MM-DD). */
export function hasExpiredRequiredCertification(certifications: readonly Certification[], required: ReadonlySet<string>, asOf: string): boolean {
  for (const certification of certifications) {
    if (required.has(certification.type) && certification.expires_on < asOf) return true;
  }
  return false;
}

/**
 * Grades every supplier. Delivery's lead time is the mean over the supplier's links; cost's
 * relative part is the mean, over its links whose SKU has other links, of the link's unit cost
 * divided by the mean unit cost of the SKU's other links (1 = in line when it has none).
 */
export function gradeSuppliers(data: SupplyData, rules: GradingRules, asOf: string): SupplierGrades {
  const n = data.supplierIds.length;
  const quality = new Float64Array(n);
  const delivery = new Float64Array(n);
  const cost = new Float64Array(n);
  const service = new Float64Array(n);
  const score = new Float64Array(n);
  const grade = new Uint8Array(n);
  const gate = new Uint8Array(n);
  const { leadDays, relativeCost } = linkAverages(data);
  const w = rules.weights;
  const weightSum = w.quality + w.delivery + w.cost + w.service || 1;
  const required = new Set(rules.gates.requiredCertifications);
  const d = rules.delivery;
  const c = rules.cost;
  for (let p = 0; p < n; p++) {
    const q = linearScore(data.supplierDefectPpm[p]!, rules.quality.maxDefectPpm, 0);
    const onTime = linearScore(data.supplierOnTime[p]!, d.onTimeFloor, 1);
    const lead = leadDays[p]!;
    // A supplier with no links has no lead time: delivery is its on-time rate alone.
    const dv = Number.isNaN(lead) ? onTime : d.onTimeWeight * onTime + (1 - d.onTimeWeight) * linearScore(lead, d.worstLeadDays, d.bestLeadDays);
    const cv =
      c.priceIndexWeight * linearScore(data.supplierPriceIndex[p]!, c.worstPriceIndex, c.bestPriceIndex) +
      (1 - c.priceIndexWeight) * linearScore(relativeCost[p]!, c.worstRelativeCost, c.bestRelativeCost);
    const sv = Math.min(100, Math.max(0, data.supplierService[p]!));
    const total = (w.quality * q + w.delivery * dv + w.cost * cv + w.service * sv) / weightSum;
    quality[p] = q;
    delivery[p] = dv;
    cost[p] = cv;
    service[p] = sv;
    score[p] = total;
    const [capped, reason] = applyGates(gradeOfScore(total, rules.cutoffs), data, p, rules, required, asOf);
    grade[p] = capped;
    gate[p] = reason;
  }
  return { quality, delivery, cost, service, score, grade, gate };
}

/** The worst applicable cap wins; the reason names the gate that decided. */
function applyGates(
  grade: number,
  data: SupplyData,
  p: number,
  rules: GradingRules,
  required: ReadonlySet<string>,
  asOf: string,
): [number, number] {
  let result = grade;
  let reason = 0;
  const cap = (limit: Grade, why: GateReason): void => {
    const limitCode = GRADES.indexOf(limit);
    if (limitCode > result) {
      result = limitCode;
      reason = GATE_REASONS.indexOf(why);
    }
  };
  if (hasExpiredRequiredCertification(data.supplierCertifications[p]!, required, asOf)) cap(rules.gates.expiredCertificationCap, 'expired_certification');
  const status = data.supplierStatus[p];
  if (status === STATUS_SUSPENDED) cap(rules.gates.suspendedCap, 'suspended');
  else if (status === STATUS_BLACKLISTED) cap(rules.gates.blacklistedCap, 'blacklisted');
  else if (status === STATUS_UNKNOWN) cap('D', 'unknown_status');
  return [result, reason];
}

/** Per supplier: mean lead time (NaN without links) and mean relative unit cost (1 when not comparable). */
function linkAverages(data: SupplyData): { leadDays: Float64Array; relativeCost: Float64Array } {
  const n = data.supplierIds.length;
  const leadSum = new Float64Array(n);
  const linkCount = new Float64Array(n);
  const ratioSum = new Float64Array(n);
  const ratioCount = new Float64Array(n);
  const m = data.skuIds.length;
  for (let s = 0; s < m; s++) {
    const from = data.skuLinkStart[s]!;
    const to = data.skuLinkStart[s + 1]!;
    let costSum = 0;
    for (let i = from; i < to; i++) costSum += data.linkUnitCostFen[data.linksBySku[i]!]!;
    const others = to - from - 1;
    for (let i = from; i < to; i++) {
      const k = data.linksBySku[i]!;
      const p = data.linkSupplier[k]!;
      if (p < 0) continue;
      const own = data.linkUnitCostFen[k]!;
      if (others > 0) {
        const othersMean = (costSum - own) / others;
        if (othersMean > 0) {
          ratioSum[p]! += own / othersMean;
          ratioCount[p]!++;
        }
      }
    }
  }
  // Lead time over every link of the supplier, also links to SKUs not in the data.
  for (let k = 0; k < data.linkIds.length; k++) {
    const p = data.linkSupplier[k]!;
    if (p < 0) continue;
    leadSum[p]! += data.linkLeadTime[k]!;
    linkCount[p]!++;
  }
  const leadDays = new Float64Array(n);
  const relativeCost = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    leadDays[p] = linkCount[p]! > 0 ? leadSum[p]! / linkCount[p]! : Number.NaN;
    relativeCost[p] = ratioCount[p]! > 0 ? ratioSum[p]! / ratioCount[p]! : 1;
  }
  return { leadDays, relativeCost };
}
