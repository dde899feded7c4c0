import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { merchantsMethods, type RuleSet } from '../api/merchants';
import type { DomainContext } from '../domain';
import { commandRegistry } from '../domains';
import { createSilentLogger } from '../runtime/logger';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createHandlers } from './handlers';
import { DEFAULT_RULE_SET } from './rules';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;
let engine: SyncEngine;
let handlers: ReturnType<typeof createHandlers>;
let issued = 0;

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  engine = createSyncEngine({ sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token }, commands: commandRegistry });
  await engine.syncOnce();
  const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => void issued++, logger: createSilentLogger() };
  handlers = createHandlers(ctx);
}, 120_000);
afterAll(async () => {
  await engine.stop();
  opened.close();
  await platform.close();
  temp.cleanup();
});

describe('merchant handlers', () => {
  it('list every merchant in pages, sorted and filtered, with totals over the filtered set', async () => {
    const all = await handlers['merchants.list']({ offset: 0, limit: 5000 });
    const count = opened.sqlite.prepare('SELECT count(*) FROM merchants').pluck().get() as number;
    expect(all.total).toBe(count);
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort());
    expect(Object.values(all.distribution).reduce((a, b) => a + b, 0)).toBe(count);
    expect(all.totals.gmvFen).toBe(all.rows.reduce((t, r) => t + r.metrics.gmvFen, 0));

    const top = await handlers['merchants.list']({ offset: 0, limit: 10, sort: { field: 'gmvFen', dir: 'desc' } });
    const gmvs = top.rows.map((r) => r.metrics.gmvFen);
    expect(gmvs).toEqual([...gmvs].sort((a, b) => b - a));
    expect(gmvs[0]).toBe(Math.max(...all.rows.map((r) => r.metrics.gmvFen)));

    const heads = await handlers['merchants.list']({ offset: 0, limit: 5000, tiers: ['head'] });
    expect(heads.total).toBe(all.distribution.head);
    expect(heads.rows.every((r) => r.tier === 'head')).toBe(true);
    const page2 = await handlers['merchants.list']({ offset: 10, limit: 10, sort: { field: 'gmvFen', dir: 'desc' } });
    expect(page2.rows[0]?.metrics.gmvFen).toBeLessThanOrEqual(gmvs[9] as number);
  });

  it('filter by shop type, status, province, override and package, with facets over everyone', async () => {
    const all = await handlers['merchants.list']({ offset: 0, limit: 5000 });
    const [shopType] = Object.keys(all.facets.shopTypes);
    const [province] = Object.keys(all.facets.provinces);
    expect(Object.values(all.facets.statuses).reduce((a, b) => a + b, 0)).toBe(all.total);
    const byShop = await handlers['merchants.list']({ offset: 0, limit: 5000, shopTypes: [shopType!] });
    expect(byShop.total).toBe(all.facets.shopTypes[shopType!]);
    expect(byShop.rows.every((r) => r.shopType === shopType)).toBe(true);
    const both = await handlers['merchants.list']({ offset: 0, limit: 5000, shopTypes: [shopType!], provinces: [province!] });
    expect(both.total).toBe(all.rows.filter((r) => r.shopType === shopType && r.province === province).length);
    expect(both.totals.gmvFen).toBe(both.rows.reduce((t, r) => t + r.metrics.gmvFen, 0));
    const suspended = await handlers['merchants.list']({ offset: 0, limit: 5000, statuses: ['suspended', 'closed'] });
    expect(suspended.total).toBe(all.rows.filter((r) => r.status === 'suspended' || r.status === 'closed').length);

    const overridden = await handlers['merchants.list']({ offset: 0, limit: 5000, overridden: true });
    const notOverridden = await handlers['merchants.list']({ offset: 0, limit: 5000, overridden: false });
    expect(overridden.total).toBeGreaterThan(0);
    expect(overridden.rows.every((r) => r.override !== null)).toBe(true);
    expect(overridden.total + notOverridden.total).toBe(all.total);

    const packageId = all.rows.find((r) => r.packageIds.length > 0)?.packageIds[0];
    expect(packageId).toBeDefined();
    const holders = await handlers['merchants.list']({ offset: 0, limit: 5000, packageId: packageId! });
    expect(holders.total).toBe(all.rows.filter((r) => r.packageIds.includes(packageId!)).length);
    const without = await handlers['merchants.list']({ offset: 0, limit: 5000, packageId: 'none' });
    expect(without.total).toBe(all.rows.filter((r) => r.packageIds.length === 0).length);

    // Blocks of one sorted, filtered list come from the same order (the grid scrolls through them).
    const sort = { field: 'gmvFen', dir: 'desc' } as const;
    const whole = await handlers['merchants.list']({ offset: 0, limit: 5000, sort, shopTypes: [shopType!] });
    const blocks = [];
    for (let offset = 0; offset < whole.total; offset += 7) blocks.push(...(await handlers['merchants.list']({ offset, limit: 7, sort, shopTypes: [shopType!] })).rows);
    expect(blocks.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
  });

  it('explain one merchant in its detail, with its daily trend', async () => {
    const [first] = (await handlers['merchants.list']({ offset: 0, limit: 1 })).rows;
    const detail = await handlers['merchants.detail']({ id: first!.id });
    expect(detail.row.tier).toBe(first!.tier);
    expect(detail.row.reasons[0]?.code).toBe('score');
    expect(detail.row.reasons.some((r) => r.code === 'cutoff')).toBe(true);
    expect(detail.daily.length).toBe(14); // scale small: 14 days of metrics
    await expect(async () => handlers['merchants.detail']({ id: 'mer_nope' })).rejects.toThrow('No merchant mer_nope');
  });

  it('preview an edited rule set, apply it as a snapshot, and compare snapshots', async () => {
    const applied1 = await handlers['merchants.apply']({ version: 1 });
    const stricter: RuleSet = { ...DEFAULT_RULE_SET, name: '更严的头部', cutoffs: { ...DEFAULT_RULE_SET.cutoffs, head: { percentile: 99 } } };
    const preview = await handlers['merchants.preview']({ rules: stricter });
    const headToWaist = preview.flows.find((f) => f.from === 'head' && f.to === 'waist')?.count ?? 0;
    expect(headToWaist).toBeGreaterThan(0);
    expect(preview.after.head).toBeLessThan(preview.before.head ?? 0);
    expect(preview.moved).toBe(preview.flows.filter((f) => f.from !== f.to).reduce((t, f) => t + f.count, 0));

    const saved = await handlers['merchants.saveRuleSet']({ rules: stricter });
    expect(saved.version).toBe(2);
    const applied2 = await handlers['merchants.apply']({ version: 2 });
    expect((await handlers['merchants.ruleSets']({})).activeVersion).toBe(2);
    expect((await handlers['merchants.snapshots']({})).map((s) => s.id)).toEqual([applied1.id, applied2.id]);
    const { flows } = await handlers['merchants.migrations']({ fromSnapshotId: applied1.id, toSnapshotId: applied2.id });
    expect(flows.find((f) => f.from === 'head' && f.to === 'waist')?.count).toBe(headToWaist);
    const movers = await handlers['merchants.migrationMerchants']({ fromSnapshotId: applied1.id, toSnapshotId: applied2.id, from: 'head', to: 'waist', limit: 5000 });
    expect(movers).toHaveLength(headToWaist);
    const list = await handlers['merchants.list']({ offset: 0, limit: 1, tiers: ['head'] });
    expect(list.distribution.head).toBe(preview.after.head);
    const growth = await handlers['merchants.growth']({});
    expect(growth.find((g) => g.tier === 'waist')?.movedDown).toBe(headToWaist);
  });

  it('set an override and assign a package offline at once, and send each exactly once', async () => {
    const { rows } = await handlers['merchants.list']({ offset: 0, limit: 2, tiers: ['smb'] });
    const [a, b] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const packages = await handlers['merchants.packages']({});
    const headPackage = packages.find((p) => p.targetTier === 'head')!;
    issued = 0;
    const override = await handlers['merchants.setOverride']({ merchantIds: [a.id, b.id], tier: 'head', reason: '大促保障', expiresOn: null });
    const assign = await handlers['merchants.assignPackage']({ merchantIds: [a.id], packageId: headPackage.id, note: '试点' });
    expect(override.commandIds).toHaveLength(2);
    expect(assign.commandIds).toHaveLength(1);
    expect(issued).toBe(2);
    // Before any push: the board already shows both.
    const now = await handlers['merchants.list']({ offset: 0, limit: 5000, search: a.id });
    expect(now.rows[0]).toMatchObject({ id: a.id, tier: 'head', override: 'head', computedTier: 'smb' });
    expect(now.rows[0]?.packageIds).toContain(headPackage.id);
    expect(engine.listOutbox().filter((c) => c.state === 'pending')).toHaveLength(3);

    expect(await engine.pushOnce()).toBe(3);
    expect(await engine.pushOnce()).toBe(0);
    expect(engine.listOutbox().filter((c) => c.state === 'done')).toHaveLength(3);
  });

  it('answer what the contract says (outputs parse)', async () => {
    const [first] = (await handlers['merchants.list']({ offset: 0, limit: 1 })).rows;
    const calls: [keyof typeof merchantsMethods, unknown][] = [
      ['merchants.list', await handlers['merchants.list']({ offset: 0, limit: 50, sort: { field: 'score', dir: 'desc' } })],
      ['merchants.detail', await handlers['merchants.detail']({ id: first!.id })],
      ['merchants.packages', await handlers['merchants.packages']({})],
      ['merchants.ruleSets', await handlers['merchants.ruleSets']({})],
      ['merchants.preview', await handlers['merchants.preview']({ rules: DEFAULT_RULE_SET })],
      ['merchants.snapshots', await handlers['merchants.snapshots']({})],
      ['merchants.mismatches', await handlers['merchants.mismatches']({ limit: 10 })],
      ['merchants.growth', await handlers['merchants.growth']({})],
    ];
    for (const [method, value] of calls) expect(merchantsMethods[method].output.safeParse(value).error, method).toBeUndefined();
  });

  it('list package mismatches and fix one with queued commands', async () => {
    const before = await handlers['merchants.mismatches']({ limit: 5000 });
    const target = before.rows.find((r) => r.tier !== null && r.suggestedPackageId !== null);
    expect(target).toBeDefined();
    const { commandIds } = await handlers['merchants.fixMismatch']({ assignmentIds: [target!.assignmentId] });
    expect(commandIds).toHaveLength(2); // revoke + assign
    const after = await handlers['merchants.mismatches']({ limit: 5000 });
    expect(after.rows.some((r) => r.assignmentId === target!.assignmentId)).toBe(false);
    const detail = await handlers['merchants.detail']({ id: target!.merchantId });
    expect(detail.packages.find((p) => p.id === target!.assignmentId)?.status).toBe('revoked');
    expect(detail.packages.some((p) => p.packageId === target!.suggestedPackageId && p.status === 'active')).toBe(true);
  });
});
