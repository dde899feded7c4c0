import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainContext } from '../domain';
import { ApiError } from '../api/errors';
import { createSilentLogger } from '../runtime/logger';
import { addMerchant, addMetric, openFixtureDatabase } from './fixture.test-helpers';
import { boardFor, startMerchantWarmUp } from './warm-up';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function context(): DomainContext {
  const fixture = openFixtureDatabase();
  cleanups.push(fixture.cleanup);
  return {
    opened: fixture.opened,
    engine: () => {
      throw new ApiError('unavailable', 'no platform in this test');
    },
    commandIssued: () => undefined,
    logger: createSilentLogger(),
  };
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 5_000, interval: 5 });

describe('the merchant tiering warm-up', () => {
  it('tiers at the start, then again only after a change has settled', async () => {
    const ctx = context();
    const { sqlite } = ctx.opened;
    addMerchant(sqlite, 'm1');
    addMetric(sqlite, { merchant: 'm1', date: '2026-11-10', gmv: 1000, orders: 10 });
    const board = boardFor(ctx);
    const tiering = vi.spyOn(board, 'currentTiering');
    const warmUp = startMerchantWarmUp(ctx, { tickMs: 20 });
    cleanups.unshift(() => warmUp.stop());

    await until(() => tiering.mock.calls.length === 1);
    const first = await tiering.mock.results[0]!.value;
    expect(first.result.merchants.map((m: { id: string }) => m.id)).toEqual(['m1']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tiering).toHaveBeenCalledTimes(1);

    addMetric(sqlite, { merchant: 'm1', date: '2026-11-11', gmv: 2000, orders: 20 });
    await until(() => tiering.mock.calls.length === 2);
    const second = await tiering.mock.results[1]!.value;
    expect(second.result.asOf).toBe('2026-11-11');
    // The handlers share the same board: what the warm-up computed is what the first call reads.
    expect(boardFor(ctx)).toBe(board);
  });

  it('waits quietly while there are no metrics and stops ticking when stopped', async () => {
    const ctx = context();
    const board = boardFor(ctx);
    const tiering = vi.spyOn(board, 'currentTiering');
    const error = vi.spyOn(ctx.logger, 'error');
    const warmUp = startMerchantWarmUp(ctx, { tickMs: 10 });
    await until(() => tiering.mock.calls.length === 1);
    await expect(tiering.mock.results[0]!.value).rejects.toThrow(ApiError);
    warmUp.stop();
    addMerchant(ctx.opened.sqlite, 'm1');
    addMetric(ctx.opened.sqlite, { merchant: 'm1', date: '2026-11-10', gmv: 1, orders: 1 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(tiering).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });
});
