/**
 * Fault injection: the reference server can misbehave in every way the SPEC allows, so the
 * cockpit's sync engine can be tested against it. Decisions are hashes of (seed, request number)
 * or (seed, resource, feed position), so a run with the same seed and requests is reproducible.
 */
import { hash3, salt, unit } from './rng';
import type { Rec } from './source';

export interface FaultFlags {
  /** Share of requests answered with a 5xx (500/502/503). On POST /v1/commands half of them come after the commands were applied. */
  errorRate: number;
  /** Added delay per response, ms. */
  latencyMs: number;
  /** Share of responses cut short: half drop the connection mid-body, half end early with a matching Content-Length (broken JSON). */
  truncateRate: number;
  /** Share of feed items followed by a repeat of an item already delivered in the same page. */
  duplicateRate: number;
  /** Share of feed items (version > 1) followed by an older version of the same record. */
  outOfOrderRate: number;
  /** Share of requests answered 429 with Retry-After. */
  rateLimitRate: number;
  /** Seconds sent in Retry-After with a 429. */
  retryAfterSec: number;
  /** Share of feed records served malformed (a field missing, a wrong type, text in a number). */
  malformedRate: number;
  /** > 0: a cursor older than this many ms answers 410 cursor_expired. */
  cursorTtlMs: number;
}

export const NO_FAULTS: Readonly<FaultFlags> = {
  errorRate: 0, latencyMs: 0, truncateRate: 0, duplicateRate: 0, outOfOrderRate: 0,
  rateLimitRate: 0, retryAfterSec: 1, malformedRate: 0, cursorTtlMs: 0,
};

export const FAULT_NAMES = Object.keys(NO_FAULTS) as (keyof FaultFlags)[];

/** Validates and merges a partial set of flags (from CLI, options, setFaults or POST /__sim/faults). Throws on a bad flag, changing nothing. */
export function applyFaultPatch(target: FaultFlags, patch: Record<string, unknown>): void {
  const next: FaultFlags = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!(FAULT_NAMES as string[]).includes(key)) throw new Error(`unknown fault flag: ${key} (known: ${FAULT_NAMES.join(', ')})`);
    const number = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) throw new Error(`fault ${key} must be a number >= 0`);
    if (key.endsWith('Rate') && number > 1) throw new Error(`fault ${key} is a rate in [0, 1]`);
    next[key as keyof FaultFlags] = number;
  }
  Object.assign(target, next);
}

/** Deterministic coin for a request-level fault. */
export function requestFault(seed: number, requestNumber: number, kind: string, rate: number): boolean {
  return rate > 0 && unit(hash3(seed, salt(kind), requestNumber)) < rate;
}

/** Deterministic coin for an item-level fault at a feed position. */
export function itemFault(seed: number, resourceSalt: number, kind: number, pos: number, rate: number): boolean {
  return rate > 0 && unit(hash3(seed ^ kind, resourceSalt, pos)) < rate;
}

export const ITEM_FAULT = { malformed: 0x1f, duplicate: 0x2e, outOfOrder: 0x3d } as const;

const PROTECTED = new Set(['id', 'version', 'updated_at']);

/**
 * A copy of the record with one field broken so it fails the contract schema: numbers become
 * text ("12元"), strings become numbers, null becomes a number, arrays/objects/booleans become
 * text, or the field disappears. id/version stay intact so the client can set the record aside.
 */
export function malform(record: Rec, h: number): Rec {
  const keys = Object.keys(record).filter((k) => !PROTECTED.has(k));
  const key = keys[h % keys.length];
  const copy: Record<string, unknown> = { ...record };
  if (key === undefined) return record;
  const value = copy[key];
  if ((h >>> 8) % 4 === 0) delete copy[key];
  else if (typeof value === 'number') copy[key] = `${value}元`;
  else if (typeof value === 'string') copy[key] = 12345;
  else if (value === null) copy[key] = 12345;
  else copy[key] = '???';
  return copy as Rec;
}
