/**
 * The merchant board's server state: queries and mutations, each mutation owning its cache refresh.
 *
 * The grid never holds the 200k merchants: `merchants.list` sorts, filters and searches on the
 * core and answers one page (with the totals and the distribution of the whole set).
 */
import { keepPreviousData, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';

export type ListInput = MethodInput<'merchants.list'>;

export function useMerchantList(input: ListInput) {
  // The previous page stays on screen while the next sort or search is computed.
  return useCockpitQuery('merchants.list', input, { placeholderData: keepPreviousData });
}

export function useMerchantDetail(id: string | null, periodDays: number) {
  return useCockpitQuery('merchants.detail', { id: id ?? '-', periodDays }, { enabled: id !== null });
}

export const usePackages = () => useCockpitQuery('merchants.packages', {});
export const useRuleSets = () => useCockpitQuery('merchants.ruleSets', {});
export const useSnapshots = () => useCockpitQuery('merchants.snapshots', {});

export function usePreview(input: MethodInput<'merchants.preview'> | null) {
  return useCockpitQuery('merchants.preview', input ?? ({} as never), { enabled: input !== null, placeholderData: keepPreviousData });
}

export function useMigrations(fromSnapshotId: number | null, toSnapshotId: number | null) {
  const enabled = fromSnapshotId !== null && toSnapshotId !== null;
  return useCockpitQuery('merchants.migrations', { fromSnapshotId: fromSnapshotId ?? 0, toSnapshotId: toSnapshotId ?? 0 }, { enabled });
}

export function useMigrationMerchants(input: MethodInput<'merchants.migrationMerchants'> | null) {
  return useCockpitQuery('merchants.migrationMerchants', input ?? ({} as never), { enabled: input !== null });
}

export const useMismatches = (periodDays: number) => useCockpitQuery('merchants.mismatches', { periodDays, limit: 500 });
export const useGrowth = (periodDays: number) => useCockpitQuery('merchants.growth', { periodDays });

/** Everything of this board (rule sets and snapshots are local, not "synced", so they are named here). */
function refreshMerchants(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith('merchants.') });
  refreshSyncedData(queryClient);
}

type Callbacks<T> = { onSuccess?: (value: T) => void; onError?: (error: Error) => void };

/** Saving a rule set only adds a version: the list of versions refetches. */
export function useSaveRuleSet(callbacks: Callbacks<{ version: number }> = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation('merchants.saveRuleSet', {
    onSuccess: (saved) => callbacks.onSuccess?.(saved),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['merchants.ruleSets'] }),
  });
}

/** Applying re-tiers every merchant and keeps a snapshot: the whole board refetches. */
export function useApplyRuleSet(callbacks: Callbacks<{ id: number }> = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation('merchants.apply', {
    onSuccess: (snapshot) => callbacks.onSuccess?.(snapshot),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => refreshMerchants(queryClient),
  });
}

type ActionMethod = 'merchants.setOverride' | 'merchants.clearOverride' | 'merchants.assignPackage' | 'merchants.revokePackage' | 'merchants.fixMismatch';

/**
 * Overrides and packages are outbox commands with local effects: the board refetches at once and
 * already shows them (offline too); the status bar's pending count follows.
 */
export function useMerchantAction<M extends ActionMethod>(method: M, callbacks: Callbacks<{ commandIds: string[] }> = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation(method, {
    onSuccess: (answer) => callbacks.onSuccess?.(answer),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => refreshMerchants(queryClient),
  });
}
