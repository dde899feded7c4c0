/**
 * Deterministic hashing and a tiny PRNG. Every generated record is a pure function of
 * (seed, resource salt, index), so any feed position can be computed on demand without
 * materialising the data set. 32-bit integer maths only (Math.imul) because it is fast in V8.
 */

/** Mixes one 32-bit value (murmur3 finaliser). */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of up to three integers; order matters. */
export function hash3(a: number, b: number, c = 0): number {
  let h = fmix(a ^ 0x9e3779b9);
  h = fmix((h + Math.imul(b | 0, 0x27d4eb2d)) | 0);
  return fmix((h + Math.imul(c | 0, 0x165667b1)) | 0);
}

/** Uniform float in [0, 1) from a hash. */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** FNV-1a of a string: turns resource names and labels into salts. */
export function salt(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small stream PRNG (mulberry32) seeded from a hash; one instance per generated record. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** Restarts the stream (lets a hot loop reuse one instance). */
  reset(seed: number): void {
    this.state = seed | 0;
  }

  static of(seed: number, saltValue: number, index: number): Rng {
    return new Rng(hash3(seed, saltValue, index));
  }

  /** Next raw 32-bit unsigned value. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)] as T;
  }

  /** Index picked by weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] as number;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Roughly normal (sum of three uniforms), mean 0, sd ~1. */
  gauss(): number {
    return (this.float() + this.float() + this.float() - 1.5) * 2;
  }

  /** Log-normal-ish heavy tail, used for sizes, reach and GMV. */
  lognormal(median: number, spread: number): number {
    return median * Math.exp(this.gauss() * spread);
  }
}
