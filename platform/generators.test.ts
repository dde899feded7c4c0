/** The hand-written fast paths agree with the plain ones, and the generated world hangs together. */
import { describe, expect, it } from 'vitest';
import { resolveStartTime } from './index';
import { Rng } from './rng';
import { SCALES } from './scale';
import { PlatformState, upsertItem } from './state';
import { formatTs } from './time';
import { ByteWriter } from './writer';

const state = new PlatformState(3, SCALES.small, resolveStartTime(undefined));

describe('fast paths', () => {
  it('formatTs prints what Date would, in +08:00', () => {
    const rng = new Rng(1);
    for (let k = 0; k < 5000; k++) {
      const ms = 1_600_000_000_000 + Math.floor(rng.float() * 400 * 86_400_000) + rng.int(1000);
      const expected = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
      expect(formatTs(ms)).toBe(expected);
    }
  });

  it('ByteWriter prints numbers like JSON.stringify', () => {
    const w = new ByteWriter(8);
    const rng = new Rng(2);
    const values: number[] = [0, 1, 9, 10, 99, 100, 2 ** 31, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER];
    for (let k = 0; k < 2000; k++) values.push(Math.floor(rng.float() * 10 ** rng.int(14)));
    for (const v of values) {
      w.reset();
      w.int(v);
      expect(w.take().toString()).toBe(JSON.stringify(v));
    }
    for (let k = 0; k < 2000; k++) {
      const v = Math.round((1 + rng.float() * 4) * 100) / 100;
      w.reset();
      w.cents(v);
      expect(w.take().toString()).toBe(JSON.stringify(v));
    }
    w.reset();
    w.padded(42, 7);
    expect(w.take().toString()).toBe('0000042');
  });

  it('merchant_metrics items written byte by byte equal the generic serialisation', () => {
    const source = state.resource('merchant_metrics').source;
    const w = new ByteWriter();
    for (let pos = 0; pos < source.count; pos += 3) {
      w.reset();
      source.writeItem!(pos, w);
      const fast = w.take().toString();
      if (fast !== upsertItem(source.recordAt(pos))) expect(fast).toBe(upsertItem(source.recordAt(pos)));
    }
  });
});

describe('the generated world', () => {
  it('has ids that map back to their positions', () => {
    for (const [name, rs] of state.resources) {
      const step = Math.max(1, Math.floor(rs.source.count / 500));
      for (let pos = 0; pos < rs.source.count; pos += step) {
        const id = rs.source.idAt(pos);
        expect(rs.source.posOf(id), `${name} ${id}`).toBe(pos);
        expect(rs.source.recordAt(pos).id, name).toBe(id);
      }
      expect(rs.source.posOf('nope'), name).toBe(-1);
    }
  });

  it('references records that exist', () => {
    const exists = (resource: Parameters<typeof state.get>[0], id: unknown): boolean => typeof id === 'string' && state.get(resource, id) !== null;
    const rs = (name: Parameters<typeof state.resource>[0]) => state.resource(name).source;
    for (let pos = 0; pos < rs('supply_links').count; pos += 7) {
      const link = rs('supply_links').recordAt(pos);
      expect(exists('skus', link.sku_id) && exists('suppliers', link.supplier_id)).toBe(true);
    }
    for (let pos = 0; pos < rs('mentions').count; pos += 11) {
      const mention = rs('mentions').recordAt(pos);
      if (mention.merchant_id !== null) expect(exists('merchants', mention.merchant_id)).toBe(true);
      if (mention.sku_id !== null) expect(exists('skus', mention.sku_id)).toBe(true);
      if (mention.category_id !== null) expect(exists('categories', mention.category_id)).toBe(true);
    }
    for (let pos = 0; pos < rs('alerts').count; pos++) {
      const alert = rs('alerts').recordAt(pos);
      for (const id of alert.mention_ids as string[]) expect(exists('mentions', id)).toBe(true);
      if (alert.subject_type === 'merchant') expect(exists('merchants', alert.subject_id)).toBe(true);
    }
    for (let pos = 0; pos < rs('merchant_packages').count; pos++) {
      const mp = rs('merchant_packages').recordAt(pos);
      expect(exists('merchants', mp.merchant_id) && exists('packages', mp.package_id) && exists('people', mp.assigned_by)).toBe(true);
    }
    for (let pos = 0; pos < rs('key_results').count; pos++) expect(exists('objectives', rs('key_results').recordAt(pos).objective_id)).toBe(true);
    for (let pos = 0; pos < rs('okr_members').count; pos++) expect(exists('people', rs('okr_members').recordAt(pos).person_id)).toBe(true);
  });

  it('is large where it must be, without holding the big feeds in memory', () => {
    const large = SCALES.large;
    expect(large.merchants).toBeGreaterThanOrEqual(200_000);
    expect(large.merchants * large.metricDays).toBeGreaterThanOrEqual(12_000_000);
    expect(large.mentions).toBeGreaterThanOrEqual(1_000_000);
    expect(large.suppliers).toBe(20_000);
    expect(large.skus).toBe(50_000);
    expect(large.people).toBe(500);
    expect(large.teams).toBe(40);
    expect(large.kpiDays).toBe(7);
  });
});
