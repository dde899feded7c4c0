/** The opinion board's server state: queries and mutations, each mutation owning its cache refresh. */
import { useQueryClient } from '@tanstack/react-query';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';

/** The alert list as the board shows it (newest first, up to 2,000). */
export function useAlerts() {
  return useCockpitQuery('alerts.list', { limit: 2000 });
}

export function usePlatformInfo() {
  return useCockpitQuery('platform.get', {});
}

interface MutationCallbacks {
  onSuccess?: () => void;
  onError?: (error: Error) => void;
}

/** Acknowledges an alert (queued in the outbox); refreshes the lists and the status bar either way. */
export function useAcknowledgeAlert(callbacks: MutationCallbacks = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation('alerts.acknowledge', {
    onSuccess: () => callbacks.onSuccess?.(),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => refreshSyncedData(queryClient),
  });
}
