import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../sync/api-types';
import { startDomainWork } from './sync-thread-work';

function progress(state: string, rowsApplied: number): SyncProgress {
  return { resources: [{ resource: 'mentions', state, rowsApplied }] } as unknown as SyncProgress;
}

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('the domains\' work on the sync thread', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start(step: () => boolean) {
    const calls = { steps: 0 };
    const runner = startDomainWork({} as Database.Database, [{ name: 'opinion', create: () => ({ after: ['mentions'], step: () => (calls.steps++, step()) }) }], logger);
    return { runner, calls };
  }

  it('steps at once while more is waiting, then every few seconds, and soon after rows of its feed arrive', () => {
    let backlog = 3;
    const { runner, calls } = start(() => --backlog > 0);
    vi.advanceTimersByTime(10);
    expect(calls.steps).toBe(3);
    vi.advanceTimersByTime(1_000);
    expect(calls.steps).toBe(3);
    runner.noticeProgress(progress('caught_up', 10));
    vi.advanceTimersByTime(10);
    expect(calls.steps).toBe(4);
    vi.advanceTimersByTime(3_000);
    expect(calls.steps).toBe(5);
    runner.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls.steps).toBe(5);
  });

  it('waits while a feed bootstraps, for at most three minutes, and catches up as soon as it ends', () => {
    const { runner, calls } = start(() => false);
    runner.noticeProgress(progress('bootstrapping', 5_000));
    vi.advanceTimersByTime(60_000);
    expect(calls.steps).toBe(0);
    runner.noticeProgress(progress('caught_up', 9_000));
    vi.advanceTimersByTime(10);
    expect(calls.steps).toBe(1);

    runner.noticeProgress(progress('bootstrapping', 10_000));
    const before = calls.steps;
    vi.advanceTimersByTime(179_000);
    expect(calls.steps).toBe(before);
    vi.advanceTimersByTime(4_000);
    expect(calls.steps).toBeGreaterThan(before);
    runner.stop();
  });

  it('logs a failed step and tries it again after a pause, never in a tight loop', () => {
    const { runner, calls } = start(() => {
      throw new Error('disk I/O error');
    });
    vi.advanceTimersByTime(10);
    expect(calls.steps).toBe(1);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ domain: 'opinion' }), expect.stringContaining('failed'));
    vi.advanceTimersByTime(9_000);
    expect(calls.steps).toBe(1);
    vi.advanceTimersByTime(3_000);
    expect(calls.steps).toBe(2);
    runner.stop();
  });
});
