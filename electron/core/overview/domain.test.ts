/**
 * The overview against what the reference platform serves: synced into a real SQLite file, the
 * figures agree with the same arithmetic done naively in JavaScript over every point.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { commandRegistry } from '../domains';
import { createSyncEngine } from '../sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import ExcelJS from 'exceljs';
import { ApiError } from '../api/errors';
import { reviewPackSchema } from '../api/overview';
import { dataStamp, reviewPackView, reviewPackWorkbook } from './review-pack-export';
import { stampLine } from './review-pack-workbook';
import { OverviewService } from './service';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;

beforeAll(async () => {
  temp = makeTempDir();
  // Starts at 00:30: scale small's one synced day ends at 00:29 today and starts at 00:30
  // yesterday, a minute after the same time yesterday (the hand-made fixture covers that part).
  platform = await startPlatformServer({ seed: 7, scale: 'small', startTime: '2026-11-11T00:30:00+08:00' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  await createSyncEngine({
    sqlite: opened.sqlite,
    logger: recordingLogger(),
    platform: { url: platform.url, token: platform.tokens.operators[0]!.token },
    commands: commandRegistry,
    operatorId: 'me',
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  }).syncOnce();
}, 120_000);
afterAll(async () => {
  opened.close();
  await platform.close();
  temp.cleanup();
});

describe('overview.northStar on synced data', () => {
  it('agrees with a naive pass over every point', () => {
    const points = opened.sqlite.prepare('SELECT metric, scope, ts, value FROM kpi_points').all() as {
      metric: string; scope: string; ts: string; value: number;
    }[];
    const newest = Math.max(...points.map((p) => Date.parse(p.ts)));
    const dayStart = Date.parse('2026-11-11T00:00:00+08:00');
    const inToday = (p: { ts: string }) => Date.parse(p.ts) >= dayStart && Date.parse(p.ts) <= newest;
    const inYesterday = (p: { ts: string }) => Date.parse(p.ts) >= dayStart - 86_400_000 && Date.parse(p.ts) <= newest - 86_400_000;
    const sum = (metric: string, scope: string, within: (p: { ts: string }) => boolean) => {
      const rows = points.filter((p) => p.metric === metric && p.scope === scope && within(p));
      return rows.length === 0 ? null : rows.reduce((s, p) => s + p.value, 0);
    };
    const ordersAt = new Map(points.filter((p) => p.metric === 'orders').map((p) => [`${p.scope}|${p.ts}`, p.value]));
    const refundToday = (scope: string) => {
      const rows = points.filter((p) => p.metric === 'refund_rate' && p.scope === scope && inToday(p));
      const weight = rows.reduce((s, p) => s + (ordersAt.get(`${scope}|${p.ts}`) ?? 0), 0);
      return rows.reduce((s, p) => s + p.value * (ordersAt.get(`${scope}|${p.ts}`) ?? 0), 0) / weight;
    };

    const started = performance.now();
    const northStar = new OverviewService(opened).northStar();
    const elapsedMs = performance.now() - started;

    expect(northStar.asOf).toBe('2026-11-11T00:29:00+08:00');
    expect(northStar.scopes).toHaveLength(5); // the platform and scale small's four level-1 categories
    expect(northStar.scopes[0]!.scope).toBe('platform');
    expect(northStar.scopes.slice(1).every((s) => s.name !== null)).toBe(true);
    for (const scope of northStar.scopes) {
      const orders = scope.figures.find((f) => f.metric === 'orders')!;
      expect(orders.today).toBe(sum('orders', scope.scope, inToday));
      expect(orders.yesterday).toBe(sum('orders', scope.scope, inYesterday));
      expect(orders.yesterday).toBeNull();
      expect(orders.sparkline).toHaveLength(30);
      expect(orders.sparkline.reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(orders.today);
      expect(scope.figures.find((f) => f.metric === 'gmv_fen')!.today).toBe(sum('gmv_fen', scope.scope, inToday));
      expect(scope.figures.find((f) => f.metric === 'refund_rate')!.today).toBeCloseTo(refundToday(scope.scope), 10);
    }
    console.info(`overview.northStar on ${points.length} kpi_points: ${elapsedMs.toFixed(1)} ms`);
  });
});

describe('the review pack as the app hands it out', () => {
  it('answers the pack with its workspace, valid against the contract', () => {
    const pack = reviewPackView(opened.sqlite, opened.file, {});
    expect(() => reviewPackSchema.parse(pack)).not.toThrow();
    expect(pack.workspace).toBe('cockpit.sqlite');
    expect(pack.periods.current.to).toBe('2026-11-11');
    expect(pack.periods.current.from).toBe('2026-10-29');
    expect(pack.northStar.length).toBeGreaterThan(0);
    expect(dataStamp(opened.sqlite, opened.file)).toEqual({ asOfMs: pack.asOfMs, workspace: 'cockpit.sqlite' });
  });

  it('writes the workbook the CLI writes, as base64 with its file name', async () => {
    const { fileName, base64 } = await reviewPackWorkbook(opened.sqlite, opened.file, { from: '2026-11-01', to: '2026-11-11' });
    expect(fileName).toBe('review-pack_cockpit_2026-11-01_2026-11-11.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(6);
    const asOfMs = dataStamp(opened.sqlite, opened.file).asOfMs!;
    for (const sheet of workbook.worksheets) expect(sheet.getCell('A2').value).toBe(stampLine(asOfMs, 'cockpit.sqlite'));
  });

  it('turns a bad period into invalid_input, not a crash', () => {
    expect(() => reviewPackView(opened.sqlite, opened.file, { from: '2026-11-12', to: '2026-11-01' })).toThrow(ApiError);
    try {
      reviewPackView(opened.sqlite, opened.file, { from: '2026-11-12', to: '2026-11-01' });
    } catch (error) {
      expect((error as ApiError).code).toBe('invalid_input');
      expect((error as ApiError).message).toMatch(/after/);
    }
  });
});
