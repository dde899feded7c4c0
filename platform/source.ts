/** The shape every generated resource exposes: a virtual, read-only array of records. */
import type { ByteWriter } from './writer';

/** A record as served in `data`: id, version and updated_at first, then the resource's fields. */
export type Rec = { id: string; version: number; updated_at: string } & Record<string, unknown>;

/** Scope marker for records every operator may see (people, suppliers, platform-wide items…). */
export const GLOBAL_SCOPE = -1;

export interface BaseSource {
  readonly count: number;
  idAt(pos: number): string;
  recordAt(pos: number): Rec;
  /** Optional fast path: writes the upsert feed item for a position, byte-identical to upsertItem(recordAt(pos)). */
  writeItem?(pos: number, out: ByteWriter): void;
  /** Category index the record belongs to for scoping, or GLOBAL_SCOPE. Cheaper than recordAt. */
  scopeAt(pos: number): number;
  /** Position of a base id, or -1 when the id is not a generated record. */
  posOf(id: string): number;
}

/** Small resources are generated once at start-up and kept as objects. */
export class MaterializedSource implements BaseSource {
  private readonly index = new Map<string, number>();

  constructor(private readonly records: readonly Rec[], private readonly scopes: readonly number[]) {
    records.forEach((record, pos) => this.index.set(record.id, pos));
  }

  get count(): number {
    return this.records.length;
  }

  idAt(pos: number): string {
    return this.at(pos).id;
  }

  recordAt(pos: number): Rec {
    return this.at(pos);
  }

  scopeAt(pos: number): number {
    return this.scopes[pos] ?? GLOBAL_SCOPE;
  }

  posOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  private at(pos: number): Rec {
    const record = this.records[pos];
    if (!record) throw new RangeError(`position ${pos} out of range`);
    return record;
  }
}

/**
 * Parent → variable number of children (supply links per SKU, packages per merchant) without
 * materialising children: a prefix-sum array maps a feed position to (parent, k) by binary search.
 */
export class FanOut {
  readonly offsets: Uint32Array;
  readonly total: number;

  constructor(parents: number, childCount: (parent: number) => number) {
    this.offsets = new Uint32Array(parents + 1);
    let sum = 0;
    for (let p = 0; p < parents; p++) {
      this.offsets[p] = sum;
      sum += childCount(p);
    }
    this.offsets[parents] = sum;
    this.total = sum;
  }

  countOf(parent: number): number {
    return (this.offsets[parent + 1] ?? 0) - (this.offsets[parent] ?? 0);
  }

  /** Position of the k-th child of a parent, or -1. */
  position(parent: number, k: number): number {
    if (parent < 0 || parent + 1 >= this.offsets.length || k < 0 || k >= this.countOf(parent)) return -1;
    return (this.offsets[parent] ?? 0) + k;
  }

  /** Parent of a position (the last parent whose offset ≤ pos). */
  parentOf(pos: number): number {
    let lo = 0;
    let hi = this.offsets.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.offsets[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parses `<prefix><digits>` (fixed width) back to the number, or -1. */
export function parseIndexed(id: string, prefix: string, width: number): number {
  if (id.length !== prefix.length + width || !id.startsWith(prefix)) return -1;
  let n = 0;
  for (let i = prefix.length; i < id.length; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
