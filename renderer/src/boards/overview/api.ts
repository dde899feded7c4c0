/**
 * The desk's figures from the other boards' domains, through the core API only (a board never
 * imports another board). Each is one call, shared by the query cache with the board it leads to
 * where the input is the same (`okr.teams`, `suppliers.overview`); all are `synced` methods, so
 * they refresh after a sync.
 */
import { useEffect, useState } from 'react';
import type { AlertStatus } from '../../../../electron/core/api';
import { useCockpitQuery } from '../../api/hooks';

/** Alerts still waiting for their end: what the opinion board's queue shows by default. */
export const ACTIVE_ALERT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'responding'];
/** The most `alerts.queue` answers at once; a figure at this count is shown as "5,000 or more". */
export const ALERT_LIMIT = 5_000;

/** The page's clock to the minute, as an instant: SLA breaches grow with time, not only with syncs. */
export function useMinute(): string {
  const minuteOf = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
  const [minute, setMinute] = useState(() => minuteOf(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setMinute(minuteOf(Date.now())), 5_000);
    return () => clearInterval(timer);
  }, []);
  return minute;
}

export function useActiveAlerts() {
  const at = useMinute();
  // The previous minute's answer stays on screen while the next one loads (no skeleton each minute).
  return useCockpitQuery('alerts.queue', { statuses: ACTIVE_ALERT_STATUSES, at, limit: ALERT_LIMIT }, { placeholderData: (previous) => previous });
}

/** One tiering of every merchant on the core (cached there), once per sync: never per render. */
export const useMerchantSummary = () => useCockpitQuery('merchants.summary', {});
export const useSupplyOverview = () => useCockpitQuery('suppliers.overview', {});
export const useTeams = () => useCockpitQuery('okr.teams', {});
