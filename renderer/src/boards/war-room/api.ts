/** The war room's server state: the north-star figures, refreshed on a timer as well as after each sync. */
import { keepPreviousData } from '@tanstack/react-query';
import { useCockpitQuery } from '../../api/hooks';

/** Polls besides the sync events, so that a screen nobody touches recovers after a loss of network, a sleep or a core restart. */
const REFRESH_MS = 10_000;

export function useNorthStar() {
  return useCockpitQuery('overview.northStar', {}, {
    // Keep showing the last figures while refetching or failing: no spinner, no flicker.
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: true,
    // Keep asking even when the browser thinks it is offline: the core may be on this machine.
    networkMode: 'always',
    retry: false,
    staleTime: 0,
  });
}

export function usePlatformStatus() {
  return useCockpitQuery('status.get', {}, { refetchInterval: REFRESH_MS, networkMode: 'always', retry: false, placeholderData: keepPreviousData });
}
