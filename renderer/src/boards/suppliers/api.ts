/** The suppliers board's server state: queries and mutations, each mutation owning its cache refresh. */
import { useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';

export const useSupplyOverview = () => useCockpitQuery('suppliers.overview', {});
export const useSupplierRows = () => useCockpitQuery('suppliers.list', {});
export const useCoverageRows = () => useCockpitQuery('suppliers.coverage', {});
export const useRiskEvents = () => useCockpitQuery('suppliers.riskEvents', {});
export const useProvinces = () => useCockpitQuery('suppliers.provinces', {});
export const useGradingRules = () => useCockpitQuery('suppliers.rules', {});

export function useImpact(input: MethodInput<'suppliers.impact'> | null) {
  return useCockpitQuery('suppliers.impact', input ?? { eventId: '-' }, { enabled: input !== null, placeholderData: (previous) => previous });
}

export function useSwitchPlan(skuId: string | null) {
  return useCockpitQuery('suppliers.switchPlan', { skuId: skuId ?? '-' }, { enabled: skuId !== null });
}

export function useRulesPreview(input: MethodInput<'suppliers.previewRules'> | null) {
  return useCockpitQuery('suppliers.previewRules', input ?? { rules: null as never }, { enabled: input !== null });
}

/** Switching the primary is an outbox command: the lists that read synced data and the status bar refresh either way. */
export function useSwitchPrimary(callbacks: { onSuccess?: () => void; onError?: (error: Error) => void } = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation('suppliers.switchPrimary', {
    onSuccess: () => callbacks.onSuccess?.(),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => refreshSyncedData(queryClient),
  });
}

/** Saving rules changes every grade: the rules and everything graded refetch. */
export function useSaveRules(callbacks: { onSuccess?: (version: number) => void; onError?: (error: Error) => void } = {}) {
  const queryClient = useQueryClient();
  return useCockpitMutation('suppliers.saveRules', {
    onSuccess: (stored) => callbacks.onSuccess?.(stored.version),
    onError: (error) => callbacks.onError?.(error),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['suppliers.rules'] });
      refreshSyncedData(queryClient);
    },
  });
}
