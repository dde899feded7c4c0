import { describe, expect, it } from 'vitest';
import { runOpinionBench } from './bench-opinion';

describe('bench opinion', () => {
  it('scores generated mentions in a worker pool and finds the planted bursts', async () => {
    const result = await runOpinionBench({ mentions: 30_000, workers: 2, seed: 1 });
    expect(Object.keys(result)).toEqual(['mentions', 'seconds', 'perSecond', 'alerts']);
    expect(result.mentions).toBe(30_000);
    expect(Math.abs(result.perSecond - 30_000 / result.seconds) / result.perSecond).toBeLessThan(0.01); // seconds is rounded to ms
    // 60 narrow bursts (a third on a SKU: the SKU and its merchant both spike) and 4 category-wide ones.
    expect(result.alerts).toBeGreaterThanOrEqual(64);
    const again = await runOpinionBench({ mentions: 30_000, workers: 1, seed: 1 });
    expect(again.alerts).toBe(result.alerts); // the same data whatever the pool size
  }, 120_000);
});
