/** The OKR board's server state: queries and mutations, each mutation owning its cache refresh. */
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';

export function useTeams(asOf?: string) {
  return useCockpitQuery('okr.teams', asOf ? { asOf } : {});
}

export function useTeam(id: string, asOf?: string) {
  return useCockpitQuery('okr.team', asOf ? { id, asOf } : { id });
}

export function usePeopleLoad(asOf?: string) {
  return useCockpitQuery('okr.people', asOf ? { asOf } : {});
}

export function useDirectory() {
  return useCockpitQuery('okr.directory', {});
}

export function useRetrospectives(search: string) {
  return useCockpitQuery('okr.retrospectives', search ? { search } : {});
}

export function useTemplates() {
  return useCockpitQuery('okr.templates', {});
}

type OkrMutation = Extract<
  MethodName,
  | 'okr.team.createFromTemplate' | 'okr.team.update' | 'okr.team.close' | 'okr.member.add' | 'okr.member.leave'
  | 'okr.objective.upsert' | 'okr.keyResult.upsert' | 'okr.checkIn'
>;

/**
 * Every OKR action is queued in the outbox with its local effect, so the lists can be refetched
 * at once and already show it; the status bar's pending count follows.
 */
export function useOkrMutation<M extends OkrMutation>(method: M) {
  const queryClient = useQueryClient();
  return useCockpitMutation(method, { onSettled: () => refreshSyncedData(queryClient) });
}
