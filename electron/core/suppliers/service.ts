/**
 * The supplier domain on the local database. The supply side (20k suppliers, 50k SKUs, ~110k
 * links at scale large) is read once into compact columns with prepared raw statements and
 * analysed in typed loops (engine.ts); the analysis is kept until the database changes
 * (`PRAGMA data_version` for other connections, `total_changes()` for ours) or the rules do.
 * Works on a read-only handle too (the CLI): it never writes unless asked to save rules. Rows are
 * read in table order (a text primary key is a separate index: ordering by it would cost a lookup a
 * row); whatever must be sorted by id is sorted in memory.
 */
import type Database from 'better-sqlite3';
import { SINGLE_SOURCE } from './coverage';
import { analyseSupply, coverageLines, impactOf, type CoverageLine, type ImpactReport, type SupplyAnalysis } from './engine';
import { DEFAULT_GRADING_RULES, type GradingRules } from './grading';
import { QUALIFICATIONS, buildSupplyDataFromColumns, type Certification, type SupplyData } from './supply-data';
import { shanghaiDay } from '../time';

/** A lookup that found nothing: the message names what was not found. */
export class SupplyLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupplyLookupError';
  }
}

export interface RiskEventRow {
  id: string;
  version: number;
  type: string;
  title: string;
  description: string;
  provinces: string[];
  supplierIds: string[];
  severity: number;
  startedAt: string;
  expectedEndAt: string | null;
  status: string;
}

/** The grading rules as saved: every save gets the next version; the last few are kept. */
export interface StoredGradingRules {
  version: number;
  savedAt: string | null;
  rules: GradingRules;
  history: { version: number; savedAt: string; rules: GradingRules }[];
}

const SEPARATOR = '\u0001';
const SUPPLIER_TEXT = ['id', 'province', 'status'] as const;
const SUPPLIER_JSON = ['capacity_units_month', 'on_time_rate', 'defect_ppm', 'price_index', 'service_score', 'certifications'] as const;
const SKU_TEXT = ['id'] as const;
const SKU_JSON = ['is_core', 'monthly_units', 'price_fen', 'unit_cost_fen'] as const;
const LINK_TEXT = ['id', 'sku_id', 'supplier_id'] as const;
// Enums as the engine's codes (supply-data.ts), updated_at as epoch ms (SQLite parses the offset;
// 0 when unparseable): numbers cost far less to carry than strings, and none is NULL.
const LINK_JSON = [
  'share', 'lead_time_days', 'unit_cost_fen',
  // Only primaries need it (ties between primaries): parsing 110k timestamps is not free.
  "CASE WHEN role = 'primary' THEN coalesce(CAST(unixepoch(updated_at, 'subsec') * 1000 AS INTEGER), 0) ELSE 0 END",
  "CASE role WHEN 'primary' THEN 0 ELSE 1 END",
  `CASE qualification ${QUALIFICATIONS.map((q, i) => `WHEN '${q}' THEN ${i}`).join(' ')} ELSE 255 END`,
] as const;

interface ColumnStatement {
  /**
   * One row: count(*), each text column joined by U+0001, each JSON column (numbers, JSON text)
   * joined by commas. JSON text never holds a raw U+0001 (JSON escapes control characters).
   */
  concatenated: Database.Statement;
  /** The same columns row by row (the fallback). */
  rows: Database.Statement;
}

/** All columns in one statement: one scan, so the columns stay aligned by position. */
function columnStatement(sqlite: Database.Database, table: string, textColumns: readonly string[], jsonColumns: readonly string[]): ColumnStatement {
  const joined = [...textColumns.map((c) => `group_concat(${c}, char(1))`), ...jsonColumns.map((c) => `group_concat(${c}, ',')`)];
  return {
    concatenated: sqlite.prepare(`SELECT count(*), ${joined.join(', ')} FROM ${table}`).raw(),
    rows: sqlite.prepare(`SELECT ${[...textColumns, ...jsonColumns].join(', ')} FROM ${table}`).raw(),
  };
}

export const GRADING_RULES_KEY = 'suppliers.gradingRules';
const TREND_KEY = 'suppliers.singleSourceTrend';
const TREND_POINTS_KEPT = 200;
const RULES_HISTORY_KEPT = 20;

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiToday(now = Date.now()): string {
  return shanghaiDay(now);
}

function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export class SuppliersService {
  private cached: { fingerprint: string; rulesVersion: number; asOf: string; analysis: SupplyAnalysis } | null = null;
  private readonly statements: {
    suppliers: ColumnStatement;
    skus: ColumnStatement;
    links: ColumnStatement;
    fingerprint: Database.Statement;
  };

  constructor(
    private readonly sqlite: Database.Database,
    private readonly today: () => string = () => shanghaiToday(),
  ) {
    this.statements = {
      suppliers: columnStatement(sqlite, 'suppliers', SUPPLIER_TEXT, SUPPLIER_JSON),
      skus: columnStatement(sqlite, 'skus', SKU_TEXT, SKU_JSON),
      links: columnStatement(sqlite, 'supply_links', LINK_TEXT, LINK_JSON),
      fingerprint: sqlite.prepare('SELECT total_changes()').pluck(),
    };
  }

  /** The analysis for today under the saved rules, recomputed only when something changed. */
  analysis(asOf = this.today()): SupplyAnalysis {
    const fingerprint = this.fingerprint();
    const stored = this.gradingRules();
    const hit = this.cached;
    if (hit && hit.fingerprint === fingerprint && hit.rulesVersion === stored.version && hit.asOf === asOf) return hit.analysis;
    const analysis = analyseSupply(this.loadSupplyData(), stored.rules, asOf);
    this.recordSingleSource(analysis);
    // Read again: recording the trend is itself a change on this connection.
    this.cached = { fingerprint: this.fingerprint(), rulesVersion: stored.version, asOf, analysis };
    return analysis;
  }

  private fingerprint(): string {
    return `${String(this.sqlite.pragma('data_version', { simple: true }))}:${String(this.statements.fingerprint.get())}`;
  }

  /** Single-source core SKUs after each change of the data that moved the count (newest last). */
  singleSourceTrend(): { at: string; singleSource: number }[] {
    return this.readSetting<{ at: string; singleSource: number }[]>(TREND_KEY) ?? [];
  }

  private recordSingleSource(analysis: SupplyAnalysis): void {
    if (this.sqlite.readonly || !this.hasSettings()) return;
    let singleSource = 0;
    const { skuIsCore } = analysis.data;
    for (let s = 0; s < skuIsCore.length; s++) if (skuIsCore[s] === 1 && analysis.coverage.coverage[s] === SINGLE_SOURCE) singleSource++;
    const trend = this.singleSourceTrend();
    if (trend.at(-1)?.singleSource === singleSource) return;
    const at = new Date().toISOString();
    this.writeSetting(TREND_KEY, [...trend, { at, singleSource }].slice(-TREND_POINTS_KEPT), at);
  }

  private readSetting<T>(key: string): T | null {
    if (!this.hasSettings()) return null;
    return parseJson<T | null>(this.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key), null);
  }

  private writeSetting(key: string, value: unknown, at: string): void {
    this.sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), at);
  }

  /**
   * The compact columns of suppliers, SKUs and links. Each table is read in one statement that
   * returns one concatenated string per column (group_concat over a single scan keeps the columns
   * aligned): better-sqlite3's cost is per row, and this way there is one row per table. Numbers
   * come back as SQLite's round-trip text and are parsed as one JSON array per column.
   */
  loadSupplyData(): SupplyData {
    const suppliers = this.columns(this.statements.suppliers, SUPPLIER_TEXT, SUPPLIER_JSON);
    const skus = this.columns(this.statements.skus, SKU_TEXT, SKU_JSON);
    const links = this.columns(this.statements.links, LINK_TEXT, LINK_JSON);
    return buildSupplyDataFromColumns({
      suppliers: {
        id: suppliers.text.id!, province: suppliers.text.province!, status: suppliers.text.status!,
        capacity_units_month: suppliers.numbers.capacity_units_month!, on_time_rate: suppliers.numbers.on_time_rate!,
        defect_ppm: suppliers.numbers.defect_ppm!, price_index: suppliers.numbers.price_index!, service_score: suppliers.numbers.service_score!,
        certifications: suppliers.numbers.certifications as unknown as Certification[][],
      },
      skus: {
        id: skus.text.id!, is_core: skus.numbers.is_core!, monthly_units: skus.numbers.monthly_units!,
        price_fen: skus.numbers.price_fen!, unit_cost_fen: skus.numbers.unit_cost_fen!,
      },
      links: {
        id: links.text.id!, sku_id: links.text.sku_id!, supplier_id: links.text.supplier_id!, role: links.numbers[LINK_JSON[4]]!,
        share: links.numbers.share!, qualification: links.numbers[LINK_JSON[5]]!, lead_time_days: links.numbers.lead_time_days!,
        unit_cost_fen: links.numbers.unit_cost_fen!, updated_ms: links.numbers[LINK_JSON[3]]!,
      },
    });
  }

  /**
   * Runs a column statement and splits it. A text holding U+0001 would shift the columns: then
   * that table is read row by row instead.
   */
  private columns(statement: ColumnStatement, textNames: readonly string[], numberNames: readonly string[]): { text: Record<string, string[]>; numbers: Record<string, number[]> } {
    const row = statement.concatenated.get() as (string | number | null)[];
    const rows = Number(row[0]);
    const text: Record<string, string[]> = {};
    const numbers: Record<string, unknown[]> = {};
    let aligned = true;
    textNames.forEach((name, i) => {
      const joined = row[1 + i];
      const values = rows === 0 || joined === null || joined === undefined ? [] : String(joined).split(SEPARATOR);
      if (values.length !== rows) aligned = false;
      text[name] = values;
    });
    numberNames.forEach((name, i) => {
      const joined = row[1 + textNames.length + i];
      let values: unknown[] = [];
      try {
        if (rows > 0 && joined !== null && joined !== undefined) values = JSON.parse(`[${String(joined)}]`) as unknown[];
      } catch {
        aligned = false; // a malformed JSON value: row by row below, where it parses on its own
      }
      if (values.length !== rows) aligned = false;
      numbers[name] = values;
    });
    // JSON columns of numbers hold numbers; the one JSON-text column (certifications) is cast by its reader.
    if (aligned) return { text, numbers: numbers as Record<string, number[]> };
    for (const name of [...textNames, ...numberNames]) (textNames.includes(name) ? text : numbers)[name] = [];
    for (const values of statement.rows.iterate() as IterableIterator<unknown[]>) {
      textNames.forEach((name, i) => text[name]!.push(String(values[i])));
      numberNames.forEach((name, i) => {
        const value = values[textNames.length + i];
        numbers[name]!.push(typeof value === 'string' ? parseJson<unknown>(value, []) : value);
      });
    }
    return { text, numbers: numbers as Record<string, number[]> };
  }

  coverageLines(asOf?: string): Generator<CoverageLine> {
    return coverageLines(this.analysis(asOf));
  }

  riskEvents(): RiskEventRow[] {
    const rows = this.sqlite
      .prepare(
        `SELECT id, version, type, title, description, provinces, supplier_ids AS supplierIds, severity, started_at AS startedAt,
                expected_end_at AS expectedEndAt, status
         FROM risk_events ORDER BY started_at DESC, id`,
      )
      .all() as (Omit<RiskEventRow, 'provinces' | 'supplierIds'> & { provinces: string; supplierIds: string })[];
    return rows.map((row) => ({ ...row, provinces: parseJson<string[]>(row.provinces, []), supplierIds: parseJson<string[]>(row.supplierIds, []) }));
  }

  riskEvent(id: string): RiskEventRow {
    const row = this.sqlite
      .prepare(
        `SELECT id, version, type, title, description, provinces, supplier_ids AS supplierIds, severity, started_at AS startedAt,
                expected_end_at AS expectedEndAt, status
         FROM risk_events WHERE id = ?`,
      )
      .get(id) as (Omit<RiskEventRow, 'provinces' | 'supplierIds'> & { provinces: string; supplierIds: string }) | undefined;
    if (!row) throw new SupplyLookupError(`no risk event ${id}`);
    return { ...row, provinces: parseJson<string[]>(row.provinces, []), supplierIds: parseJson<string[]>(row.supplierIds, []) };
  }

  impactOfEvent(id: string, asOf?: string): ImpactReport {
    const event = this.riskEvent(id);
    return impactOf(this.analysis(asOf), { supplierIds: event.supplierIds, provinces: event.provinces });
  }

  /** A province-wide event: every supplier located in one of `provinces` (each must have suppliers). */
  impactOfProvinces(provinces: readonly string[], asOf?: string): ImpactReport {
    const analysis = this.analysis(asOf);
    const unknown = [...new Set(provinces)].filter((name) => !analysis.data.provinceIndex.has(name));
    if (unknown.length > 0) throw new SupplyLookupError(`no suppliers in ${unknown.length === 1 ? 'province' : 'provinces'} ${unknown.join(', ')}`);
    return impactOf(analysis, { supplierIds: [], provinces });
  }

  gradingRules(): StoredGradingRules {
    const stored = this.readSetting<Partial<StoredGradingRules>>(GRADING_RULES_KEY);
    if (!stored || typeof stored.version !== 'number' || !stored.rules) return { version: 0, savedAt: null, rules: DEFAULT_GRADING_RULES, history: [] };
    return { version: stored.version, savedAt: stored.savedAt ?? null, rules: { ...DEFAULT_GRADING_RULES, ...stored.rules }, history: stored.history ?? [] };
  }

  /**
   * Saves `rules` as the next version. `expectedVersion` is the version the operator edited: if
   * someone saved in between (another window), nothing is written and the caller is told.
   */
  saveGradingRules(rules: GradingRules, expectedVersion: number, now = new Date()): StoredGradingRules {
    return this.sqlite.transaction(() => {
      const current = this.gradingRules();
      if (current.version !== expectedVersion) {
        throw new RulesVersionError(`the grading rules are at version ${current.version}, not ${expectedVersion}: reload and edit again`);
      }
      const savedAt = now.toISOString();
      const next: StoredGradingRules = {
        version: current.version + 1,
        savedAt,
        rules,
        history: [{ version: current.version + 1, savedAt, rules }, ...current.history].slice(0, RULES_HISTORY_KEPT),
      };
      this.writeSetting(GRADING_RULES_KEY, next, savedAt);
      return next;
    })();
  }

  private hasSettings(): boolean {
    return this.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
  }
}

export class RulesVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulesVersionError';
  }
}
