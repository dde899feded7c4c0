import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { syncedDataRefresher } from './hooks';

describe('refreshing synced data after core events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes a lone change at once, and a stream of changes at most once a second', () => {
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
    const refresher = syncedDataRefresher(queryClient);

    refresher.schedule();
    vi.advanceTimersByTime(0);
    expect(invalidate).toHaveBeenCalledTimes(1);

    // A download: many events within the next second give one more refresh, a second after the first.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(40);
      refresher.schedule();
    }
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(invalidate).toHaveBeenCalledTimes(2);

    // Quiet for a while: the next change shows at once again.
    vi.advanceTimersByTime(5_000);
    refresher.schedule();
    vi.advanceTimersByTime(0);
    expect(invalidate).toHaveBeenCalledTimes(3);
    refresher.stop();
  });
});
