/**
 * Coverage of SKUs by usable supply links (issue 13, exact where written):
 * - `no_primary` when a SKU has no usable link with role primary; else `single_source` when it has
 *   no usable backup link; else `covered`. `usableBackups` counts links, not suppliers.
 * - "The" primary, when several usable primary links exist: the largest share, then the most
 *   recently updated (a link promoted by a switch still waiting for the platform is the newest),
 *   then the smallest link id (byte order). Its monthly units = SKU monthly_units × its share.
 * - A supplier's load = Σ over its primary links (any qualification) of SKU monthly_units × share;
 *   its spare capacity = max(0, capacity_units_month − load).
 * - Backup spare of a SKU = Σ spare over the distinct suppliers of its usable backup links, leaving
 *   out the primary's own supplier (its capacity fails with the primary). backupCapacityCovers is
 *   true when the SKU is `covered` and that sum ≥ the primary's monthly units.
 */
import { ROLE_BACKUP, ROLE_PRIMARY, isUsableLink, type Certification, type SupplyData } from './supply-data';

export const COVERAGE_STATES = ['no_primary', 'single_source', 'covered'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];
export const NO_PRIMARY = 0;
export const SINGLE_SOURCE = 1;
export const COVERED = 2;

/** Expiry horizons the board and the API report (days, inclusive). */
export const EXPIRY_HORIZONS = [30, 60, 90] as const;
/** "No certification expires ahead" in the day columns. */
export const NO_EXPIRY = 2 ** 31 - 1;

export interface SkuCoverage {
  /** Link position of the primary, -1 when none is usable. */
  primaryLink: Int32Array;
  /** Index into COVERAGE_STATES. */
  coverage: Uint8Array;
  usableBackups: Int32Array;
  primaryUnits: Float64Array;
  backupSpareUnits: Float64Array;
  backupCapacityCovers: Uint8Array;
  /** Days until the soonest certification (not yet expired) of a supplier with a usable link expires; NO_EXPIRY if none. */
  certExpiryDays: Int32Array;
}

export interface SupplierCapacity {
  load: Float64Array;
  spare: Float64Array;
}

/** Compares link ids by UTF-16 code units, which for ASCII ids is byte order. */
function idBefore(a: string, b: string): boolean {
  return a < b;
}

/** The primary as defined above, among the SKU's usable primary links; -1 if none. */
export function primaryLinkOf(data: SupplyData, sku: number): number {
  let best = -1;
  for (let i = data.skuLinkStart[sku]!; i < data.skuLinkStart[sku + 1]!; i++) {
    const k = data.linksBySku[i]!;
    if (data.linkRole[k] !== ROLE_PRIMARY || !isUsableLink(data, k)) continue;
    if (best < 0) {
      best = k;
      continue;
    }
    const share = data.linkShare[k]!;
    const bestShare = data.linkShare[best]!;
    if (share !== bestShare) {
      if (share > bestShare) best = k;
      continue;
    }
    const updated = data.linkUpdatedMs[k]!;
    const bestUpdated = data.linkUpdatedMs[best]!;
    if (updated > bestUpdated || (updated === bestUpdated && idBefore(data.linkIds[k]!, data.linkIds[best]!))) best = k;
  }
  return best;
}

export function supplierCapacity(data: SupplyData): SupplierCapacity {
  const n = data.supplierIds.length;
  const load = new Float64Array(n);
  for (let k = 0; k < data.linkIds.length; k++) {
    const p = data.linkSupplier[k]!;
    const s = data.linkSku[k]!;
    if (p < 0 || s < 0 || data.linkRole[k] !== ROLE_PRIMARY) continue;
    load[p]! += data.skuMonthlyUnits[s]! * data.linkShare[k]!;
  }
  const spare = new Float64Array(n);
  for (let p = 0; p < n; p++) spare[p] = Math.max(0, data.supplierCapacity[p]! - load[p]!);
  return { load, spare };
}

/** Whole days from `asOf` to `date` (both YYYY-MM-DD). */
export function daysBetween(asOf: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
}

/** Days until the soonest certification that has not expired yet (expires_on ≥ asOf); NO_EXPIRY if none. */
export function soonestExpiryDays(certifications: readonly Certification[], asOf: string): number {
  let soonest = NO_EXPIRY;
  for (const certification of certifications) {
    if (certification.expires_on < asOf) continue;
    const days = daysBetween(asOf, certification.expires_on);
    if (days < soonest) soonest = days;
  }
  return soonest;
}

/** Per horizon (30/60/90): how many certifications expire within it (0 ≤ days ≤ horizon); cumulative. */
export function expiringCounts(certifications: readonly Certification[], asOf: string): { within30: number; within60: number; within90: number; expired: number } {
  const counts = { within30: 0, within60: 0, within90: 0, expired: 0 };
  for (const certification of certifications) {
    if (certification.expires_on < asOf) {
      counts.expired++;
      continue;
    }
    const days = daysBetween(asOf, certification.expires_on);
    if (days <= 30) counts.within30++;
    if (days <= 60) counts.within60++;
    if (days <= 90) counts.within90++;
  }
  return counts;
}

/** The smallest horizon a number of days falls in, or null beyond the last. */
export function expiryHorizonOf(days: number): 30 | 60 | 90 | null {
  for (const horizon of EXPIRY_HORIZONS) if (days <= horizon) return horizon;
  return null;
}

export function supplierExpiryDays(data: SupplyData, asOf: string): Int32Array {
  const n = data.supplierIds.length;
  const days = new Int32Array(n);
  for (let p = 0; p < n; p++) days[p] = soonestExpiryDays(data.supplierCertifications[p]!, asOf);
  return days;
}

/** Coverage of every SKU (core or not: callers pick). */
export function coverSkus(data: SupplyData, capacity: SupplierCapacity, expiryDays: Int32Array): SkuCoverage {
  const m = data.skuIds.length;
  const primaryLink = new Int32Array(m);
  const coverage = new Uint8Array(m);
  const usableBackups = new Int32Array(m);
  const primaryUnits = new Float64Array(m);
  const backupSpareUnits = new Float64Array(m);
  const backupCapacityCovers = new Uint8Array(m);
  const certExpiryDays = new Int32Array(m);
  // Marks a supplier as counted for SKU s (s + 1, so 0 means never): distinct suppliers without a Set.
  const countedFor = new Int32Array(data.supplierIds.length);
  for (let s = 0; s < m; s++) {
    const primary = primaryLinkOf(data, s);
    const primarySupplier = primary >= 0 ? data.linkSupplier[primary]! : -1;
    let backups = 0;
    let spare = 0;
    let expiry = NO_EXPIRY;
    for (let i = data.skuLinkStart[s]!; i < data.skuLinkStart[s + 1]!; i++) {
      const k = data.linksBySku[i]!;
      if (!isUsableLink(data, k)) continue;
      const p = data.linkSupplier[k]!;
      if (expiryDays[p]! < expiry) expiry = expiryDays[p]!;
      if (data.linkRole[k] !== ROLE_BACKUP) continue;
      backups++;
      if (p !== primarySupplier && countedFor[p] !== s + 1) {
        countedFor[p] = s + 1;
        spare += capacity.spare[p]!;
      }
    }
    const units = primary >= 0 ? data.skuMonthlyUnits[s]! * data.linkShare[primary]! : 0;
    const state = primary < 0 ? NO_PRIMARY : backups === 0 ? SINGLE_SOURCE : COVERED;
    primaryLink[s] = primary;
    coverage[s] = state;
    usableBackups[s] = backups;
    primaryUnits[s] = units;
    backupSpareUnits[s] = spare;
    backupCapacityCovers[s] = state === COVERED && spare >= units ? 1 : 0;
    certExpiryDays[s] = expiry;
  }
  return { primaryLink, coverage, usableBackups, primaryUnits, backupSpareUnits, backupCapacityCovers, certExpiryDays };
}
