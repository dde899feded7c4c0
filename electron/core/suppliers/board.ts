/**
 * What the suppliers board shows, built on the service's analysis: grids of suppliers and core
 * SKUs, the overview, risk events with their impact, the province tiles, switch plans and the
 * preview of edited grading rules. Names come from SQL per call; the numbers from the analysis.
 */
import type Database from 'better-sqlite3';
import type {
  CoverageRow,
  ProvinceRow,
  RiskEventRow as RiskEventView,
  RulesPreview,
  SupplierRow,
  SupplyOverview,
  SwitchPlanDetail,
} from '../api/suppliers';
import { UNACKED_STATES } from '../sync';
import { COVERAGE_STATES, COVERED, expiringCounts, expiryHorizonOf } from './coverage';
import { coreSkusById } from './engine';
import { GATE_REASONS, GRADES, gradeSuppliers, type GradingRules } from './grading';
import { affectedSuppliersOf, revenueAtRisk, switchOptionsOf } from './impact';
import { SupplyLookupError, type SuppliersService } from './service';

const PREVIEW_CHANGES_KEPT = 500;

export class SupplierBoard {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly service: SuppliersService,
  ) {}

  suppliers(): SupplierRow[] {
    const a = this.service.analysis();
    const { data, grades, capacity } = a;
    const names = this.namesOf('SELECT id, name, city FROM suppliers');
    const rows: SupplierRow[] = [];
    for (let p = 0; p < data.supplierIds.length; p++) {
      const id = data.supplierIds[p]!;
      const certifications = data.supplierCertifications[p]!;
      const cap = data.supplierCapacity[p]!;
      rows.push({
        id,
        name: names.get(id)?.[0] ?? id,
        province: data.provinces[data.supplierProvince[p]!]!,
        city: names.get(id)?.[1] ?? '',
        status: data.supplierStatus[p]! < 4 ? ['active', 'probation', 'suspended', 'blacklisted'][data.supplierStatus[p]!]! : 'unknown',
        grade: GRADES[grades.grade[p]!]!,
        score: round1(grades.score[p]!),
        quality: round1(grades.quality[p]!),
        delivery: round1(grades.delivery[p]!),
        cost: round1(grades.cost[p]!),
        service: round1(grades.service[p]!),
        gate: GATE_REASONS[grades.gate[p]!]!,
        capacityUnitsMonth: cap,
        primaryLoadUnits: Math.round(capacity.load[p]!),
        capacityUsed: cap > 0 ? Math.round((capacity.load[p]! / cap) * 1000) / 1000 : 0,
        links: data.supplierLinkStart[p + 1]! - data.supplierLinkStart[p]!,
        certifications: certifications.map((c) => ({ type: c.type, expires_on: c.expires_on })),
        expiredCertifications: expiringCounts(certifications, a.asOf).expired,
        certExpiryWithin: expiryHorizonOf(a.supplierExpiryDays[p]!),
      });
    }
    return rows;
  }

  coverage(filter?: readonly string[]): CoverageRow[] {
    const a = this.service.analysis();
    const { data, coverage } = a;
    const names = this.namesOf('SELECT id, name, NULL FROM skus WHERE is_core = 1');
    const unsynced = this.unsyncedBySku();
    const wanted = filter && filter.length > 0 ? new Set(filter) : null;
    const rows: CoverageRow[] = [];
    for (const s of coreSkusById(data)) {
      const state = COVERAGE_STATES[coverage.coverage[s]!]!;
      if (wanted && !wanted.has(state)) continue;
      const primary = coverage.primaryLink[s]!;
      const id = data.skuIds[s]!;
      rows.push({
        skuId: id,
        name: names.get(id)?.[0] ?? id,
        coverage: state,
        primaryLinkId: primary >= 0 ? data.linkIds[primary]! : null,
        primarySupplierId: primary >= 0 ? data.linkSupplierId[primary]! : null,
        usableBackups: coverage.usableBackups[s]!,
        backupCapacityCovers: coverage.backupCapacityCovers[s] === 1,
        primaryUnits: Math.round(coverage.primaryUnits[s]!),
        backupSpareUnits: Math.round(coverage.backupSpareUnits[s]!),
        monthlyRevenueFen: data.skuMonthlyUnits[s]! * data.skuPriceFen[s]!,
        certExpiryWithin: expiryHorizonOf(coverage.certExpiryDays[s]!),
        unsyncedCommands: unsynced.get(id) ?? 0,
      });
    }
    return rows;
  }

  overview(): SupplyOverview {
    const a = this.service.analysis();
    const { data, coverage, grades } = a;
    const byCoverage = { no_primary: 0, single_source: 0, covered: 0 };
    const expiringWithin = { d30: 0, d60: 0, d90: 0 };
    let coreSkus = 0;
    let capacityShort = 0;
    for (let s = 0; s < data.skuIds.length; s++) {
      if (data.skuIsCore[s] !== 1) continue;
      coreSkus++;
      const state = coverage.coverage[s]!;
      byCoverage[COVERAGE_STATES[state]!]++;
      if (state === COVERED && coverage.backupCapacityCovers[s] !== 1) capacityShort++;
      const days = coverage.certExpiryDays[s]!;
      if (days <= 30) expiringWithin.d30++;
      if (days <= 60) expiringWithin.d60++;
      if (days <= 90) expiringWithin.d90++;
    }
    const gradeCounts = { A: 0, B: 0, C: 0, D: 0 };
    for (const g of grades.grade) gradeCounts[GRADES[g]!]++;
    const open = this.service.riskEvents().filter((event) => event.status === 'open');
    const scope = { supplierIds: open.flatMap((e) => e.supplierIds), provinces: [...new Set(open.flatMap((e) => e.provinces))] };
    const openRisk = revenueAtRisk(data, affectedSuppliersOf(data, scope));
    return {
      asOf: a.asOf,
      coreSkus,
      byCoverage,
      capacityShort,
      expiringWithin,
      gradeCounts,
      openEvents: open.length,
      openRevenueAtRiskFen: open.length > 0 ? openRisk.revenueAtRiskFen : 0,
      singleSourceTrend: this.service.singleSourceTrend(),
    };
  }

  riskEvents(statuses?: readonly string[]): RiskEventView[] {
    const { data } = this.service.analysis();
    const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null;
    return this.service
      .riskEvents()
      .filter((event) => !wanted || wanted.has(event.status))
      .map((event) => {
        const affected = affectedSuppliersOf(data, { supplierIds: event.supplierIds, provinces: event.provinces });
        const risk = revenueAtRisk(data, affected);
        return { ...event, affectedSuppliers: affected.ids.length, skus: risk.skus.length, coreSkus: risk.coreSkus, revenueAtRiskFen: risk.revenueAtRiskFen };
      });
  }

  provinces(): ProvinceRow[] {
    const { data } = this.service.analysis();
    const rows = data.provinces.map((province) => ({ province, suppliers: 0, usableSuppliers: 0, openEvents: 0, maxOpenSeverity: 0 }));
    for (let p = 0; p < data.supplierIds.length; p++) {
      const row = rows[data.supplierProvince[p]!]!;
      row.suppliers++;
      if (data.supplierStatus[p]! <= 1) row.usableSuppliers++;
    }
    const byName = new Map(rows.map((row) => [row.province, row]));
    for (const event of this.service.riskEvents()) {
      if (event.status !== 'open') continue;
      for (const province of new Set(event.provinces)) {
        let row = byName.get(province);
        if (!row) byName.set(province, (row = { province, suppliers: 0, usableSuppliers: 0, openEvents: 0, maxOpenSeverity: 0 }));
        row.openEvents++;
        row.maxOpenSeverity = Math.max(row.maxOpenSeverity, event.severity);
      }
    }
    return [...byName.values()].sort((x, y) => y.suppliers - x.suppliers || (x.province < y.province ? -1 : 1));
  }

  switchPlan(skuId: string): SwitchPlanDetail {
    const a = this.service.analysis();
    const s = a.data.skuIndex.get(skuId);
    if (s === undefined) throw new SupplyLookupError(`no SKU ${skuId}`);
    const primary = a.coverage.primaryLink[s]!;
    const name = this.sqlite.prepare('SELECT name FROM skus WHERE id = ?').pluck().get(skuId) as string | undefined;
    // Backups hit by any open event are flagged, so the dialog does not suggest moving into the storm.
    const open = this.service.riskEvents().filter((event) => event.status === 'open');
    const affected = affectedSuppliersOf(a.data, { supplierIds: open.flatMap((e) => e.supplierIds), provinces: open.flatMap((e) => e.provinces) });
    return {
      skuId,
      name: name ?? skuId,
      primaryLinkId: primary >= 0 ? a.data.linkIds[primary]! : null,
      primarySupplierId: primary >= 0 ? a.data.linkSupplierId[primary]! : null,
      primaryUnits: Math.round(a.coverage.primaryUnits[s]!),
      backups: switchOptionsOf(a, s, affected.mask),
    };
  }

  /** The link as the board needs it to issue a command; throws when it is not synced. */
  link(linkId: string): { id: string; version: number; skuId: string; role: string; qualification: string } {
    const row = this.sqlite.prepare('SELECT id, version, sku_id AS skuId, role, qualification FROM supply_links WHERE id = ?').get(linkId) as
      | { id: string; version: number; skuId: string; role: string; qualification: string }
      | undefined;
    if (!row) throw new SupplyLookupError(`no supply link ${linkId}`);
    return row;
  }

  previewRules(rules: GradingRules): RulesPreview {
    const a = this.service.analysis();
    const next = gradeSuppliers(a.data, rules, a.asOf);
    const transitions = GRADES.map(() => GRADES.map(() => 0));
    const moved: number[] = [];
    for (let p = 0; p < a.data.supplierIds.length; p++) {
      const from = a.grades.grade[p]!;
      const to = next.grade[p]!;
      transitions[from]![to]!++;
      if (from !== to) moved.push(p);
    }
    moved.sort((x, y) => Math.abs(next.grade[y]! - a.grades.grade[y]!) - Math.abs(next.grade[x]! - a.grades.grade[x]!) || x - y);
    const names = this.namesOf('SELECT id, name, NULL FROM suppliers');
    return {
      transitions,
      changed: moved.length,
      changes: moved.slice(0, PREVIEW_CHANGES_KEPT).map((p) => {
        const id = a.data.supplierIds[p]!;
        return {
          supplierId: id, name: names.get(id)?.[0] ?? id, from: GRADES[a.grades.grade[p]!]!, to: GRADES[next.grade[p]!]!,
          scoreFrom: round1(a.grades.score[p]!), scoreTo: round1(next.score[p]!),
        };
      }),
    };
  }

  private namesOf(sql: string): Map<string, [string, string]> {
    const names = new Map<string, [string, string]>();
    for (const [id, name, extra] of this.sqlite.prepare(sql).raw().iterate() as IterableIterator<[string, string, string | null]>) names.set(id, [name, extra ?? '']);
    return names;
  }

  /** Unacknowledged supply-link commands, counted per SKU (the link's SKU, or the proposed one). */
  private unsyncedBySku(): Map<string, number> {
    const placeholders = UNACKED_STATES.map(() => '?').join(', ');
    const rows = this.sqlite
      .prepare(
        `SELECT coalesce(l.sku_id, json_extract(o.payload, '$.sku_id')) AS skuId, count(*) AS n
         FROM outbox_commands o LEFT JOIN supply_links l ON l.id = o.entity_id
         WHERE o.resource = 'supply_links' AND o.state IN (${placeholders})
         GROUP BY 1`,
      )
      .all(...UNACKED_STATES) as { skuId: string | null; n: number }[];
    return new Map(rows.filter((r) => r.skuId).map((r) => [r.skuId!, r.n]));
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
