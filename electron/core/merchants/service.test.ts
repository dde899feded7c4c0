import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleSet } from '../api/merchants';
import { addMetric, openFixtureDatabase, seedHandFixture } from './fixture.test-helpers';
import { NoMetricsError, MerchantTieringService } from './service';

/** Score = GMV, 0..4000 fen → 0..100; fixed cut-offs; K = 10 orders. */
const RULES: RuleSet = {
  name: 'fixture rules',
  metrics: { gmvFen: { weight: 1, zeroAt: 0, fullAt: 4000 } },
  cutoffs: { head: { score: 80 }, waist: { score: 40 }, smb: { score: 10 } },
  gates: { headMaxRefundRate: 0.15, noTierUpStatuses: ['suspended', 'closed'], minOrders: 10 },
};

let fixture: ReturnType<typeof openFixtureDatabase>;
let service: MerchantTieringService;

beforeEach(() => {
  fixture = openFixtureDatabase();
  seedHandFixture(fixture.opened.sqlite);
  service = new MerchantTieringService(fixture.opened.sqlite);
});
afterEach(() => fixture.cleanup());

describe('MerchantTieringService', () => {
  it('takes D as the latest metric date and sums each window in SQL', () => {
    expect(service.asOf()).toBe('2026-11-10');
    const { byMerchant } = service.aggregates(2);
    expect([...byMerchant.keys()].sort()).toEqual(['mer_a', 'mer_c', 'mer_d']); // mer_a's 11-04 row is outside all windows
    expect(byMerchant.get('mer_a')).toEqual({
      id: 'mer_a',
      current: { gmvFen: 4000, orders: 40, buyers: 30, repeatBuyers: 6, refundOrders: 3, ratingTimesOrders: 135, ratedOrders: 30, skuCount: 20, activeSkuCount: 6, disputeCount: 1 },
      previous: { gmvFen: 2000, orders: 20, buyers: 20, repeatBuyers: 2, refundOrders: 1, ratingTimesOrders: 80, ratedOrders: 20, skuCount: 10, activeSkuCount: 3, disputeCount: 0 },
      beforePreviousGmvFen: 1000,
    });
  });

  it('computes the metrics, tiers, gates and overrides of every merchant, sorted by id', () => {
    const result = service.tier(2, RULES);
    expect(result.earlierSource).toEqual({ kind: 'previous_period' });
    const byId = Object.fromEntries(result.outcomes.map((o) => [o.id, o]));
    expect(result.outcomes.map((o) => o.id)).toEqual(['mer_a', 'mer_b', 'mer_c', 'mer_d']);
    expect(byId.mer_a?.metrics).toEqual({
      gmvFen: 4000, gmvPrevFen: 2000, growth: 1, orders: 40, repeatRate: 0.2, refundRate: 0.075, rating: 4.5, sellThrough: 0.3, disputesPer1000: 25,
    });
    expect(byId.mer_b?.metrics).toEqual({
      gmvFen: 0, gmvPrevFen: 0, growth: null, orders: 0, repeatRate: null, refundRate: null, rating: null, sellThrough: null, disputesPer1000: null,
    });
    // A rated day without orders gives no rating; SKUs without sales give sell-through 0, not null.
    expect(byId.mer_c?.metrics).toEqual({
      gmvFen: 0, gmvPrevFen: 500, growth: -1, orders: 0, repeatRate: null, refundRate: null, rating: null, sellThrough: 0, disputesPer1000: null,
    });
    expect(byId.mer_d?.metrics).toEqual({
      gmvFen: 4000, gmvPrevFen: 2000, growth: 1, orders: 40, repeatRate: 0, refundRate: 0.2, rating: 3, sellThrough: 1, disputesPer1000: 50,
    });
    const tiers = result.outcomes.map((o) => [o.id, o.tier, o.computedTier, o.override, o.score]);
    expect(tiers).toEqual([
      ['mer_a', 'head', 'head', null, 100],
      ['mer_b', 'head', null, 'head', 0], // no orders, no earlier tier: none computed; the override wins
      ['mer_c', null, null, null, 0], // its override expired on 11-09
      ['mer_d', null, null, null, 100], // suspended: the previous period gave it no tier, so it is not tiered up
    ]);
    expect(result.earlierTiers.get('mer_a')).toBe('waist'); // previous period: 2000 fen = 50 points
  });

  it('takes the earlier tier from the latest applied snapshot when there is one', () => {
    const first = service.tier(2, RULES);
    const snapshotId = service.saveSnapshot(first, { version: 1, name: RULES.name }, '2026-11-11T09:00:00+08:00');
    const sqlite = fixture.opened.sqlite;
    sqlite.prepare("UPDATE merchant_tier_assignments SET computed_tier = 'smb' WHERE merchant_id IN ('mer_c', 'mer_d')").run();
    const second = service.tier(2, RULES);
    expect(second.earlierSource).toEqual({ kind: 'snapshot', snapshotId });
    expect(second.outcomes.map((o) => [o.id, o.tier])).toEqual([
      ['mer_a', 'head'],
      ['mer_b', 'head'],
      ['mer_c', 'smb'], // 0 orders: stays where it was
      ['mer_d', 'smb'], // suspended: the score says waist (head capped by refunds), never up from smb
    ]);
  });

  it('sees restated and new metric rows after invalidate()', () => {
    expect(service.aggregates(2).byMerchant.get('mer_a')?.current.gmvFen).toBe(4000);
    addMetric(fixture.opened.sqlite, { merchant: 'mer_a', date: '2026-11-10', gmv: 5000, orders: 30, buyers: 20, version: 2 });
    service.invalidate();
    expect(service.aggregates(2).byMerchant.get('mer_a')?.current.gmvFen).toBe(6000);
    // A new latest day moves D for everyone.
    addMetric(fixture.opened.sqlite, { merchant: 'mer_b', date: '2026-11-11', gmv: 10, orders: 1, buyers: 1 });
    expect(service.asOf()).toBe('2026-11-11');
  });

  it('gives the same sums in merchant-id chunks, sync or async', async () => {
    const whole = service.aggregates(2).byMerchant;
    const chunked = new MerchantTieringService(fixture.opened.sqlite, 1); // one merchant a chunk: mer_a | mer_b | mer_c | mer_d
    expect(chunked.aggregates(2).byMerchant).toEqual(whole);
    const async = new MerchantTieringService(fixture.opened.sqlite, 2);
    const [first, second] = await Promise.all([async.aggregatesAsync(2), async.aggregatesAsync(2)]);
    expect(first).toBe(second); // one pass shared
    expect(first.byMerchant).toEqual(whole);
  });

  it('refuses a database without metrics', () => {
    fixture.opened.sqlite.exec('DELETE FROM merchant_metrics');
    service.invalidate();
    expect(() => service.tier(30, RULES)).toThrow(NoMetricsError);
  });
});
