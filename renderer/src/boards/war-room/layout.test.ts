import { describe, expect, it } from 'vitest';
import type { NorthStar } from '../../../../electron/core/api/overview';
import { ageSeconds, fitCanvas, playlistOf, playlistReducer, sparklineGeometry, targetProgress, trend, warRoomConfig } from './layout';

describe('fitCanvas', () => {
  it('scales the 1920×1080 canvas to fit and centres it', () => {
    expect(fitCanvas(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
    expect(fitCanvas(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
    // 1366×768: width-bound (0.7114…), 1080 × 0.7114 = 768.3 > 768, so height-bound: 768/1080.
    const small = fitCanvas(1366, 768);
    expect(small.scale).toBeCloseTo(768 / 1080, 10);
    expect(small.top).toBeCloseTo(0, 10);
    expect(small.left).toBeCloseTo((1366 - 1920 * (768 / 1080)) / 2, 10);
    // A tall window letterboxes top and bottom.
    expect(fitCanvas(1920, 1400)).toEqual({ scale: 1, left: 0, top: 160 });
  });
});

describe('the playlist', () => {
  const northStar: NorthStar = {
    asOf: '2026-11-11T10:00:00+08:00',
    day: '2026-11-11',
    scopes: [
      { scope: 'platform', name: null, figures: [] },
      { scope: 'c1', name: '美妆', figures: [] },
      { scope: 'c2', name: null, figures: [] },
    ],
  };

  it('shows the platform, the category table, then each category', () => {
    expect(playlistOf(northStar)).toEqual([
      { kind: 'platform' },
      { kind: 'categories' },
      { kind: 'scope', scope: 'c1', name: '美妆' },
      { kind: 'scope', scope: 'c2', name: 'c2' },
    ]);
    expect(playlistOf(undefined)).toEqual([{ kind: 'platform' }]);
  });

  it('wraps at both ends and pauses on toggle', () => {
    expect(playlistReducer({ index: 3, paused: false }, { type: 'next', length: 4 })).toEqual({ index: 0, paused: false });
    expect(playlistReducer({ index: 0, paused: true }, { type: 'previous', length: 4 })).toEqual({ index: 3, paused: true });
    expect(playlistReducer({ index: 1, paused: false }, { type: 'toggle' })).toEqual({ index: 1, paused: true });
  });
});

describe('warRoomConfig', () => {
  it('reads interval and stale limit from the address, within bounds', () => {
    expect(warRoomConfig(new URLSearchParams(''))).toEqual({ intervalSeconds: 20, staleSeconds: 60 });
    expect(warRoomConfig(new URLSearchParams('interval=45&stale=300'))).toEqual({ intervalSeconds: 45, staleSeconds: 300 });
    expect(warRoomConfig(new URLSearchParams('interval=1&stale=abc'))).toEqual({ intervalSeconds: 3, staleSeconds: 60 });
  });
});

describe('figures', () => {
  it('says how old the data is in whole seconds', () => {
    expect(ageSeconds(10_000, 12_999)).toBe(2);
    expect(ageSeconds(0, 5_000)).toBeNull();
  });

  it('calls a rise good or bad by the figure', () => {
    expect(trend('gmv_fen', 10)).toBe('good');
    expect(trend('refund_rate', 0.01)).toBe('bad');
    expect(trend('avg_delivery_hours', -1)).toBe('good');
    expect(trend('orders', null)).toBe('flat');
  });

  it('measures progress against the target', () => {
    expect(targetProgress('gmv_fen', 50, 200)).toBe(0.25);
    expect(targetProgress('refund_rate', 0.04, 0.05)).toBe(1);
    expect(targetProgress('refund_rate', 0.1, 0.05)).toBe(0.5);
    expect(targetProgress('orders', 5, null)).toBeNull();
  });

  it('draws counters as a running total over the day, with the target in range', () => {
    // Minutes 0 and 1439 of the day on a 1439-wide box: x = minute.
    const line = sparklineGeometry('orders', [10, null, 30], 80, 1439, 100);
    // Running totals 10 and 40 at minutes 0 and 2; y-range 0..80 (the target).
    expect(line.points).toBe('0,87.5 2,50');
    expect(line.targetY).toBe(0);
    // Rates as a moving mean: 0.02, then (0.02 + 0.04) / 2 = 0.03, on a 0.02..0.03 range.
    const rate = sparklineGeometry('refund_rate', [0.02, 0.04], null, 1439, 100);
    expect(rate.points).toBe('0,100 1,0');
    const smoothed = sparklineGeometry('refund_rate', [0.02, 0.04, 0.06], 0.02, 1439, 100);
    // Means 0.02, 0.03, 0.04 on 0.02..0.04.
    expect(smoothed.points).toBe('0,100 1,50 2,0');
    expect(sparklineGeometry('orders', [null], 5, 100, 100)).toEqual({ points: '', targetY: null });
  });
});
