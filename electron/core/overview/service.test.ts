/**
 * The north-star figures on a real SQLite file, from a hand-made handful of kpi_points: every
 * expected figure below is worked out by hand from the rows inserted.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import type { NorthStar, NorthStarFigure } from '../api/overview';
import type { DomainContext } from '../domain';
import { createSilentLogger } from '../runtime/logger';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createHandlers } from './handlers';
import { OverviewService } from './service';

let temp: ReturnType<typeof makeTempDir>;
let opened: OpenedDatabase;
let seq = 0;

function point(metric: string, scope: string, ts: string, value: number): void {
  seq += 1;
  opened.sqlite
    .prepare('INSERT INTO kpi_points (id, version, updated_at, metric, scope, ts, value) VALUES (?, 1, ?, ?, ?, ?, ?)')
    .run(`kp_${seq}`, ts, metric, scope, ts, value);
}

function figure(northStar: NorthStar, scope: string, metric: string): NorthStarFigure {
  const found = northStar.scopes.find((s) => s.scope === scope)?.figures.find((f) => f.metric === metric);
  if (!found) throw new Error(`no figure ${scope}/${metric}`);
  return found;
}

beforeEach(() => {
  temp = makeTempDir();
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
});
afterEach(() => {
  opened.close();
  temp.cleanup();
});

describe('OverviewService.northStar', () => {
  beforeEach(() => {
    opened.sqlite.prepare("INSERT INTO categories (id, version, updated_at, name, parent_id, level) VALUES ('c_beauty', 1, '2026-11-01T00:00:00+08:00', '美妆', NULL, 1)").run();
    // Today (2026-11-11) so far: 00:00 to 00:02, the newest minute.
    point('orders', 'platform', '2026-11-11T00:00:00+08:00', 10);
    point('orders', 'platform', '2026-11-11T00:01:00+08:00', 20);
    point('orders', 'platform', '2026-11-11T00:02:00+08:00', 30);
    point('refund_rate', 'platform', '2026-11-11T00:00:00+08:00', 0.1);
    point('refund_rate', 'platform', '2026-11-11T00:01:00+08:00', 0.2);
    point('refund_rate', 'platform', '2026-11-11T00:02:00+08:00', 0.3);
    point('conversion_rate', 'platform', '2026-11-11T00:00:00+08:00', 0.01);
    point('conversion_rate', 'platform', '2026-11-11T00:01:00+08:00', 0.02);
    point('conversion_rate', 'platform', '2026-11-11T00:02:00+08:00', 0.03);
    // Written in UTC: still 00:01 on 11-11 in Shanghai.
    point('gmv_fen', 'platform', '2026-11-10T16:01:00Z', 250_000);
    // Yesterday up to the same minute; 00:03 is later than "now" yesterday, 11-09 is another day.
    point('orders', 'platform', '2026-11-10T00:00:00+08:00', 5);
    point('orders', 'platform', '2026-11-10T00:01:00+08:00', 15);
    point('orders', 'platform', '2026-11-10T00:02:00+08:00', 20);
    point('orders', 'platform', '2026-11-10T00:03:00+08:00', 1_000);
    point('orders', 'platform', '2026-11-09T23:59:00+08:00', 999);
    point('gmv_fen', 'platform', '2026-11-10T00:00:00+08:00', 100_000);
    point('orders', 'c_beauty', '2026-11-11T00:02:00+08:00', 7);
    point('orders', 'c_unknown', '2026-11-11T00:01:00+08:00', 2);
    // Points from 00:02 yesterday on only: yesterday's 00:00–00:02 is not fully covered.
    point('orders', 'c_late', '2026-11-10T00:02:00+08:00', 4);
    point('orders', 'c_late', '2026-11-11T00:00:00+08:00', 3);
  });

  it('takes now from the newest point and compares with the same minute yesterday', () => {
    const northStar = new OverviewService(opened).northStar();
    expect(northStar.asOf).toBe('2026-11-11T00:02:00+08:00');
    expect(northStar.day).toBe('2026-11-11');
    // The platform first, then the categories by name, then scopes whose category is not synced.
    expect(northStar.scopes.map((s) => [s.scope, s.name])).toEqual([['platform', null], ['c_beauty', '美妆'], ['c_late', null], ['c_unknown', null]]);
    expect(northStar.scopes[0]!.figures.map((f) => f.metric)).toEqual([
      'gmv_fen', 'orders', 'paying_buyers', 'conversion_rate', 'payment_success_rate', 'refund_rate', 'avg_delivery_hours',
    ]);

    expect(figure(northStar, 'platform', 'orders')).toEqual({
      metric: 'orders', today: 60, yesterday: 40, delta: 20, changeRatio: 0.5, target: null, sparkline: [10, 20, 30],
    });
    expect(figure(northStar, 'platform', 'gmv_fen')).toMatchObject({ today: 250_000, yesterday: 100_000, delta: 150_000, changeRatio: 1.5, sparkline: [null, 250_000, null] });
    // (0.1×10 + 0.2×20 + 0.3×30) / 60 orders.
    expect(figure(northStar, 'platform', 'refund_rate').today).toBeCloseTo(14 / 60, 12);
    // 60 orders over 10/0.01 + 20/0.02 + 30/0.03 = 3,000 visitors.
    expect(figure(northStar, 'platform', 'conversion_rate').today).toBeCloseTo(0.02, 12);
    expect(figure(northStar, 'platform', 'refund_rate').yesterday).toBeNull();
    expect(figure(northStar, 'platform', 'paying_buyers')).toMatchObject({ today: null, yesterday: null, delta: null, sparkline: [null, null, null] });
    expect(figure(northStar, 'c_beauty', 'orders')).toMatchObject({ today: 7, yesterday: null, changeRatio: null, sparkline: [null, null, 7] });
    // A comparison with a partly covered yesterday would mislead: none is made.
    expect(figure(northStar, 'c_late', 'orders')).toMatchObject({ today: 3, yesterday: null, delta: null, changeRatio: null });
  });

  it('keeps targets locally, shows them on their figure, and clears them with null', () => {
    const ctx: DomainContext = {
      opened,
      engine: () => { throw new Error('no platform in this test'); },
      commandIssued: () => undefined,
      logger: createSilentLogger(),
    };
    const handlers = createHandlers(ctx);
    expect(handlers['overview.setTarget']({ scope: 'platform', metric: 'gmv_fen', value: 100_000_000 })).toEqual([
      { scope: 'platform', metric: 'gmv_fen', value: 100_000_000 },
    ]);
    handlers['overview.setTarget']({ scope: 'platform', metric: 'refund_rate', value: 0.05 });
    handlers['overview.setTarget']({ scope: 'platform', metric: 'gmv_fen', value: 200_000_000 });
    const northStar = handlers['overview.northStar']({}) as NorthStar;
    expect(figure(northStar, 'platform', 'gmv_fen').target).toBe(200_000_000);
    expect(figure(northStar, 'platform', 'refund_rate').target).toBe(0.05);
    expect(figure(northStar, 'c_beauty', 'gmv_fen').target).toBeNull();
    expect(handlers['overview.setTarget']({ scope: 'platform', metric: 'gmv_fen', value: null })).toEqual([
      { scope: 'platform', metric: 'refund_rate', value: 0.05 },
    ]);
    // Kept in the database: a new service (the next launch) reads the same.
    expect(new OverviewService(opened).targets()).toEqual([{ scope: 'platform', metric: 'refund_rate', value: 0.05 }]);
  });
});

describe('the answer between syncs', () => {
  it('is kept until a point arrives or a target is set', () => {
    const service = new OverviewService(opened);
    point('orders', 'platform', '2026-11-11T00:00:00+08:00', 10);
    const first = service.northStar();
    expect(service.northStar()).toBe(first);
    point('orders', 'platform', '2026-11-11T00:01:00+08:00', 5);
    const second = service.northStar();
    expect(second).not.toBe(first);
    expect(figure(second, 'platform', 'orders').today).toBe(15);
    service.setTarget({ scope: 'platform', metric: 'orders', value: 100 });
    expect(figure(service.northStar(), 'platform', 'orders').target).toBe(100);
  });
});

describe('an empty database', () => {
  it('answers no figures rather than failing', () => {
    expect(new OverviewService(opened).northStar()).toEqual({ asOf: null, day: null, scopes: [] });
  });
});
