/**
 * The page's clock for parts that show time (countdowns, "3 分钟前", data ages). It reads the
 * page's clock, so a test's controlled clock drives it.
 */
import { useEffect, useState } from 'react';

/**
 * The current time (epoch ms) floored to `granularityMs`, re-rendering only when that changes: a
 * countdown asks for seconds, a query key for minutes (aligned to the wall clock's minutes).
 */
export function useNow(granularityMs = 1000): number {
  const floor = (ms: number) => Math.floor(ms / granularityMs) * granularityMs;
  const [now, setNow] = useState(() => floor(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / granularityMs) * granularityMs), Math.min(1000, granularityMs));
    return () => clearInterval(timer);
  }, [granularityMs]);
  return now;
}
