/**
 * The platform's state: per resource a virtual log = the N generated records (positions 0..N-1)
 * followed by an in-memory append-only log of changes. Only changed records (the overlay) and the
 * log are held in memory; everything else is regenerated on demand from (seed, resource, index).
 */
import { RESOURCES, type ResourceName } from './contract';
import { ITEM_FAULT, itemFault, malform, type FaultFlags } from './faults';
import { MerchantMetricSource, MerchantPackageSource, MerchantSource, TierOverrideSource } from './gen-commerce';
import { KpiSource } from './gen-kpi';
import { buildOkr } from './gen-okr';
import { SkuSource, SupplierSource, SupplyLinkSource, buildRiskEvents } from './gen-supply';
import { MentionSource, buildAlerts } from './gen-voice';
import { hash3, salt } from './rng';
import type { ScaleConfig } from './scale';
import { GLOBAL_SCOPE, MaterializedSource, type BaseSource, type Rec } from './source';
import { HOUR_MS, formatTs } from './time';
import { World } from './world';
import type { ByteWriter } from './writer';

const COMMA = 44;
const CLOSE_BRACE = 125;

/** The state of one changed record. `record` null = deleted. Log entries are never mutated. */
export interface Entry {
  readonly id: string;
  readonly version: number;
  readonly record: Rec | null;
  readonly scope: number;
  readonly basePos: number; // -1 for records that were not generated
}

export class ResourceState {
  readonly salt: number;
  readonly current = new Map<string, Entry>();
  readonly byBasePos = new Map<number, Entry>();
  /** Changes in order. A change superseded by a later one of the same record becomes null (compaction). */
  readonly log: (Entry | null)[] = [];
  readonly logIndex = new Map<string, number>();

  constructor(readonly name: ResourceName, readonly source: BaseSource) {
    this.salt = salt(name);
  }

  get end(): number {
    return this.source.count + this.log.length;
  }
}

/** Operator scope: allowed[categoryIndex] = 1; null = everything. */
export type Scope = Uint8Array | null;

export function inScope(scope: Scope, category: number): boolean {
  return scope === null || category < 0 || scope[category] === 1;
}

export interface PageResult {
  items: number; // items written
  nextPos: number;
  hasMore: boolean;
}

/** At most this many positions are scanned for one page; a narrow scope may return fewer items. */
const MAX_SCAN = 200_000;

export class PlatformState {
  readonly world: World;
  readonly merchants: MerchantSource;
  readonly skus: SkuSource;
  readonly suppliers: SupplierSource;
  readonly supplyLinks: SupplyLinkSource;
  readonly mentions: MentionSource;
  readonly kpi: KpiSource;
  readonly resources = new Map<ResourceName, ResourceState>();
  private clockMs: number;

  constructor(readonly seed: number, scale: ScaleConfig, startMs: number) {
    this.clockMs = startMs;
    const world = new World(seed, scale, startMs);
    this.world = world;
    this.merchants = new MerchantSource(world);
    this.skus = new SkuSource(world);
    this.suppliers = new SupplierSource(world);
    this.supplyLinks = new SupplyLinkSource(world);
    this.mentions = new MentionSource(world, this.merchants, this.skus);
    this.kpi = new KpiSource(world);
    const okr = buildOkr(world);
    const global = (records: Rec[]): MaterializedSource => new MaterializedSource(records, records.map(() => GLOBAL_SCOPE));
    const sources: Record<ResourceName, BaseSource> = {
      categories: global(world.categoryRecords),
      people: global(world.people),
      packages: global(world.packages),
      suppliers: this.suppliers,
      risk_events: buildRiskEvents(world, (i) => this.suppliers.nameOf(i)),
      ...okr,
      merchants: this.merchants,
      skus: this.skus,
      supply_links: this.supplyLinks,
      tier_overrides: new TierOverrideSource(world),
      merchant_packages: new MerchantPackageSource(world),
      alerts: buildAlerts(world, this.mentions, this.merchants, this.skus),
      kpi_points: this.kpi,
      mentions: this.mentions,
      merchant_metrics: new MerchantMetricSource(world),
    };
    for (const name of RESOURCES) this.resources.set(name, new ResourceState(name, sources[name]));
  }

  // ---------- clock ----------
  now(): number {
    return this.clockMs;
  }

  nowTs(): string {
    return formatTs(this.clockMs);
  }

  advance(ms: number): void {
    this.clockMs += ms;
  }

  resource(name: ResourceName): ResourceState {
    const state = this.resources.get(name);
    if (!state) throw new Error(`unknown resource ${name}`);
    return state;
  }

  // ---------- reads ----------
  /** Current record (overlay first, then generated), or null when absent/deleted. */
  get(name: ResourceName, id: string): Rec | null {
    return this.lookup(name, id, (entry) => entry.record, (source, pos) => source.recordAt(pos), null);
  }

  /** Version of a record including deleted ones (tombstones), 0 when it never existed. */
  versionOf(name: ResourceName, id: string): number {
    return this.lookup(name, id, (entry) => entry.version, (source, pos) => source.recordAt(pos).version, 0);
  }

  /** Scope of a current record, GLOBAL_SCOPE if unknown. */
  scopeOfId(name: ResourceName, id: string | null | undefined): number {
    if (!id) return GLOBAL_SCOPE;
    return this.lookup(name, id, (entry) => entry.scope, (source, pos) => source.scopeAt(pos), GLOBAL_SCOPE);
  }

  /** A record's changed state when it has one, else what the generator made of it, else `absent`. */
  private lookup<T>(name: ResourceName, id: string, changed: (entry: Entry) => T, generated: (source: BaseSource, pos: number) => T, absent: T): T {
    const rs = this.resource(name);
    const entry = rs.current.get(id);
    if (entry) return changed(entry);
    const pos = rs.source.posOf(id);
    return pos >= 0 ? generated(rs.source, pos) : absent;
  }

  /** Scope (category index) a record belongs to, from its references. */
  scopeOfRecord(name: ResourceName, r: Rec): number {
    const str = (key: string): string | null => (typeof r[key] === 'string' ? (r[key] as string) : null);
    const category = (id: string | null): number => (id ? (this.world.categoryIndex.get(id) ?? GLOBAL_SCOPE) : GLOBAL_SCOPE);
    switch (name) {
      case 'merchants': case 'skus': case 'okr_teams': return category(str('category_id'));
      case 'merchant_metrics': case 'merchant_packages': case 'tier_overrides': return this.scopeOfId('merchants', str('merchant_id'));
      case 'supply_links': return this.scopeOfId('skus', str('sku_id'));
      case 'mentions':
        if (str('sku_id')) return this.scopeOfId('skus', str('sku_id'));
        if (str('merchant_id')) return this.scopeOfId('merchants', str('merchant_id'));
        return category(str('category_id'));
      case 'alerts': {
        const subject = str('subject_id');
        switch (r.subject_type) {
          case 'merchant': return this.scopeOfId('merchants', subject);
          case 'sku': return this.scopeOfId('skus', subject);
          case 'category': return category(subject);
          default: return GLOBAL_SCOPE;
        }
      }
      case 'okr_members': case 'objectives': return this.scopeOfId('okr_teams', str('team_id'));
      case 'key_results': return this.scopeOfId('objectives', str('objective_id'));
      case 'check_ins': return this.scopeOfId('key_results', str('key_result_id'));
      case 'kpi_points': return str('scope') === 'platform' ? GLOBAL_SCOPE : category(str('scope'));
      default: return GLOBAL_SCOPE;
    }
  }

  // ---------- writes ----------
  /**
   * Stores a new state of a record: version = previous + 1 (1 when new), updated_at = now.
   * `fields` are the resource fields without id/version/updated_at.
   */
  put(name: ResourceName, id: string, fields: Record<string, unknown>, versionOverride?: number): Rec {
    const { id: _id, version: _version, updated_at: _updatedAt, ...clean } = fields; // the server owns these
    const record: Rec = { id, version: versionOverride ?? this.versionOf(name, id) + 1, updated_at: this.nowTs(), ...clean };
    this.record(name, { id, version: record.version, record, scope: this.scopeOfRecord(name, record), basePos: this.resource(name).source.posOf(id) });
    return record;
  }

  /** Deletes a record (tombstone with a new version). */
  remove(name: ResourceName, id: string): void {
    const version = this.versionOf(name, id) + 1;
    this.record(name, { id, version, record: null, scope: this.scopeOfId(name, id), basePos: this.resource(name).source.posOf(id) });
  }

  private record(name: ResourceName, entry: Entry): void {
    const rs = this.resource(name);
    rs.current.set(entry.id, entry);
    if (entry.basePos >= 0) rs.byBasePos.set(entry.basePos, entry);
    // The newer change comes later in the log, so the older one can go: every reader still gets the latest.
    const previous = rs.logIndex.get(entry.id);
    if (previous !== undefined) rs.log[previous] = null;
    rs.logIndex.set(entry.id, rs.log.length);
    rs.log.push(entry);
  }

  // ---------- change feed ----------
  /**
   * Writes the items of one feed page from `pos` into `out` (comma-separated, no brackets),
   * applying the item-level faults.
   */
  page(name: ResourceName, startPos: number, limit: number, scope: Scope, faults: FaultFlags, out: ByteWriter): PageResult {
    const rs = this.resource(name);
    const source = rs.source;
    const baseCount = source.count;
    const end = rs.end;
    const hasOverlay = rs.byBasePos.size > 0;
    const itemFaults = faults.malformedRate > 0 || faults.duplicateRate > 0 || faults.outOfOrderRate > 0;
    const fast = itemFaults ? undefined : source.writeItem; // item faults need the record object
    const spans: number[] = []; // start/end offsets of the items written, for repeats
    let items = 0;
    let pos = startPos;
    const scanEnd = Math.min(end, startPos + MAX_SCAN);
    for (; pos < scanEnd && items < limit; pos++) {
      let entry: Entry | undefined;
      if (pos < baseCount) {
        entry = hasOverlay ? rs.byBasePos.get(pos) : undefined;
        if (!entry) {
          if (scope !== null && !inScope(scope, source.scopeAt(pos))) continue;
          if (items > 0) out.byte(COMMA);
          if (fast) {
            fast.call(source, pos, out);
            items++;
            continue;
          }
          const start = out.pos;
          const record = source.recordAt(pos);
          items += this.writeRecord(rs, pos, record, out, faults, itemFaults);
          if (itemFaults) items += this.injectItemFaults(rs, pos, record, out, start, spans, items, limit, faults);
          continue;
        }
      } else {
        const logged = rs.log[pos - baseCount];
        if (!logged) continue; // superseded by a later change
        entry = logged;
      }
      if (!inScope(scope, entry.scope)) continue;
      if (items > 0) out.byte(COMMA);
      const start = out.pos;
      if (entry.record) items += this.writeRecord(rs, pos, entry.record, out, faults, itemFaults);
      else {
        out.utf8(deleteItem(entry.id, entry.version));
        items++;
      }
      if (itemFaults) items += this.injectItemFaults(rs, pos, entry.record, out, start, spans, items, limit, faults);
    }
    return { items, nextPos: pos, hasMore: pos < end };
  }

  private writeRecord(rs: ResourceState, pos: number, record: Rec, out: ByteWriter, faults: FaultFlags, itemFaults: boolean): number {
    const broken = itemFaults && itemFault(this.seed, rs.salt, ITEM_FAULT.malformed, pos, faults.malformedRate);
    writeUpsert(out, broken ? malform(record, hash3(this.seed, rs.salt, pos)) : record);
    return 1;
  }

  /** After an item (written from `start`): maybe an older version of it, maybe a repeat of an earlier item. */
  private injectItemFaults(
    rs: ResourceState, pos: number, record: Rec | null, out: ByteWriter, start: number, spans: number[], items: number, limit: number, faults: FaultFlags,
  ): number {
    spans.push(start, out.pos);
    let added = 0;
    if (record && record.version > 1 && items + added < limit && itemFault(this.seed, rs.salt, ITEM_FAULT.outOfOrder, pos, faults.outOfOrderRate)) {
      const older = { ...record, version: record.version - 1, updated_at: formatTs(Date.parse(record.updated_at) - HOUR_MS) } as Rec;
      out.byte(COMMA);
      writeUpsert(out, older);
      added++;
    }
    if (spans.length > 2 && items + added < limit && itemFault(this.seed, rs.salt, ITEM_FAULT.duplicate, pos, faults.duplicateRate)) {
      const k = hash3(this.seed, rs.salt ^ 0xd0d0, pos) % (spans.length / 2);
      out.byte(COMMA);
      out.repeat(spans[2 * k] as number, spans[2 * k + 1] as number);
      added++;
    }
    return added;
  }

  /** Current live records of a resource in the admin's scope, sorted by id, deletes absent. */
  async *snapshot(name: ResourceName): AsyncGenerator<Rec> {
    const rs = this.resource(name);
    const source = rs.source;
    const extras = [...rs.current.values()].filter((e) => e.basePos < 0 && e.record).sort((a, b) => compareIds(a.id, b.id));
    const ordered = source instanceof MaterializedSource
      ? [...Array(source.count).keys()].sort((a, b) => compareIds(source.idAt(a), source.idAt(b)))
      : null;
    let x = 0;
    for (let i = 0; i < source.count; i++) {
      const pos = ordered ? (ordered[i] as number) : i;
      const id = source.idAt(pos);
      while (x < extras.length && compareIds((extras[x] as Entry).id, id) < 0) yield (extras[x++] as Entry).record as Rec;
      const entry = rs.byBasePos.get(pos);
      if (entry) {
        if (entry.record) yield entry.record;
      } else {
        yield source.recordAt(pos);
      }
    }
    while (x < extras.length) yield (extras[x++] as Entry).record as Rec;
  }
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** upsertItem(record) written in pieces: no concatenated copy of the record's JSON. */
function writeUpsert(out: ByteWriter, record: Rec): void {
  out.utf8(`{"op":"upsert","id":${JSON.stringify(record.id)},"version":${record.version},"data":`);
  out.utf8(JSON.stringify(record));
  out.byte(CLOSE_BRACE);
}

export function upsertItem(record: Rec): string {
  return `{"op":"upsert","id":${JSON.stringify(record.id)},"version":${record.version},"data":${JSON.stringify(record)}}`;
}

function deleteItem(id: string, version: number): string {
  return `{"op":"delete","id":${JSON.stringify(id)},"version":${version}}`;
}
