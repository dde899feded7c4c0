/** `merchants.summary`: the overview's merchant figures (issue 15), against what the board's own methods say. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { MERCHANT_TIERS, merchantsMethods, type MerchantTier, type RuleSet } from '../api/merchants';
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

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  engine = createSyncEngine({ sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token }, commands: commandRegistry });
  await engine.syncOnce();
  const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => undefined, logger: createSilentLogger() };
  handlers = createHandlers(ctx);
}, 120_000);
afterAll(async () => {
  await engine.stop();
  opened.close();
  await platform.close();
  temp.cleanup();
});

const rank = (tier: MerchantTier | null) => (tier === null ? MERCHANT_TIERS.length : MERCHANT_TIERS.indexOf(tier));

/** Up and down moves counted from every merchant's row (computed tier against the earlier tier). */
async function movesFromRows() {
  const { rows } = await handlers['merchants.list']({ offset: 0, limit: 5000 });
  const before = rows.filter((r) => r.earlierTier !== null);
  return {
    up: before.filter((r) => rank(r.computedTier) < rank(r.earlierTier)).length,
    down: before.filter((r) => rank(r.computedTier) > rank(r.earlierTier)).length,
    newly: rows.filter((r) => r.earlierTier === null && r.computedTier !== null).length,
    withEarlier: before.length,
    total: rows.length,
  };
}

describe('merchants.summary', () => {
  it('counts tier changes against the previous period before any snapshot, and the worklist total', async () => {
    const summary = await handlers['merchants.summary']({});
    expect(merchantsMethods['merchants.summary'].output.safeParse(summary).error).toBeUndefined();
    const moves = await movesFromRows();
    expect(summary).toMatchObject({
      periodDays: 30, earlierSource: 'previous_period', snapshotTakenAt: null, merchants: moves.total,
      movedUp: moves.up, movedDown: moves.down, newlyTiered: moves.newly, withEarlierTier: moves.withEarlier,
    });
    expect(summary.changedTier).toBe(moves.up + moves.down);
    // The small workspace has 14 days of metrics: the 30 days before are empty, nobody had a tier then.
    expect(summary).toMatchObject({ withEarlierTier: 0, changedTier: 0 });
    expect(summary.newlyTiered).toBeGreaterThan(0);

    // Over 7 days both periods have data: tiers move both ways.
    const week = await handlers['merchants.summary']({ periodDays: 7 });
    const { rows } = await handlers['merchants.list']({ offset: 0, limit: 5000, periodDays: 7 });
    const before = rows.filter((r) => r.earlierTier !== null);
    expect(week.withEarlierTier).toBe(before.length);
    expect(week.changedTier).toBe(before.filter((r) => r.computedTier !== r.earlierTier).length);
    expect(week.changedTier).toBeGreaterThan(0);
    expect(summary.packageMismatches).toBe((await handlers['merchants.mismatches']({ limit: 1 })).total);
    expect(summary.asOf).toBe((await handlers['merchants.list']({ offset: 0, limit: 1 })).asOf);
  });

  it('counts against the latest applied snapshot once there is one: none moved right after an apply', async () => {
    const first = await handlers['merchants.apply']({ version: 1 });
    const right = await handlers['merchants.summary']({});
    expect(right).toMatchObject({ earlierSource: 'snapshot', snapshotTakenAt: first.takenAt, changedTier: 0, movedUp: 0, movedDown: 0 });

    // Applying other rules keeps a new snapshot, which becomes the baseline in its turn.
    const stricter: RuleSet = { ...DEFAULT_RULE_SET, name: '更严的头部', cutoffs: { ...DEFAULT_RULE_SET.cutoffs, head: { percentile: 99 } } };
    const saved = await handlers['merchants.saveRuleSet']({ rules: stricter });
    const second = await handlers['merchants.apply']({ version: saved.version });
    const after = await handlers['merchants.summary']({});
    expect(after).toMatchObject({ earlierSource: 'snapshot', snapshotTakenAt: second.takenAt, changedTier: 0 });
    expect(after.packageMismatches).toBe((await handlers['merchants.mismatches']({ limit: 1 })).total);
    expect(after.withEarlierTier + after.newlyTiered).toBeLessThanOrEqual(after.merchants);
  });
});
