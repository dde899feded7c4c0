/** The opinion board's server state: queries and mutations, each mutation owning its cache refresh. */
import { useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';

/** The alert list (newest first, up to 2,000): the first board's query, kept for scripts and tests. */
export function useAlerts() {
  return useCockpitQuery('alerts.list', { limit: 2000 });
}

/** The queue ordered by SLA risk, at the page's clock (to the minute). */
export function useAlertQueue(input: MethodInput<'alerts.queue'>) {
  return useCockpitQuery('alerts.queue', input, { placeholderData: (previous) => previous });
}

export function useAlertDetail(id: string | null, at: string) {
  return useCockpitQuery('alerts.detail', { id: id ?? '', at }, { enabled: id !== null, placeholderData: (previous) => previous });
}

export function useMentionSearch(input: MethodInput<'mentions.search'>) {
  return useCockpitQuery('mentions.search', input, { placeholderData: (previous) => previous });
}

export function useAssignees() {
  return useCockpitQuery('alerts.assignees', {}, { staleTime: 5 * 60_000 });
}

export function useScoringProgress() {
  return useCockpitQuery('opinion.scoring', {});
}

export function usePlatformInfo() {
  return useCockpitQuery('platform.get', {});
}

interface MutationCallbacks {
  onSuccess?: () => void;
  onError?: (error: Error) => void;
}

type ActionMethod =
  | 'opinion.detectNow'
  | 'alerts.acknowledge' | 'alerts.assign' | 'alerts.comment' | 'alerts.startResponse' | 'alerts.escalate' | 'alerts.resolve' | 'alerts.dismiss'
  | 'mentions.relabel';

/**
 * An action queued in the outbox (it works offline). Whatever the answer, the lists that read
 * synced data and the status bar refresh, so the row shows the optimistic state and "not synced".
 */
export function useOpinionAction<M extends ActionMethod & MethodName>(method: M, callbacks: MutationCallbacks = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation(method, {
    onSuccess: () => callbacks.onSuccess?.(),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => refreshSyncedData(queryClient),
  });
}

/** Acknowledges an alert (queued in the outbox); refreshes the lists and the status bar either way. */
export function useAcknowledgeAlert(callbacks: MutationCallbacks = {}) {
  return useOpinionAction('alerts.acknowledge', callbacks);
}
