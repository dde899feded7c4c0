import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../electron/core/api';
import { cockpitQueryKey, useCockpitMutation, useCockpitQuery } from '../api/hooks';
import { DEFAULT_LANGUAGE } from '../i18n';

export const DEFAULT_SETTINGS: Settings = { language: DEFAULT_LANGUAGE, theme: 'light' };
const settingsKey = cockpitQueryKey('settings.get', {});

/**
 * Language and theme, persisted by the core. Changes show at once (optimistic) and roll back
 * if the core refuses them. When settings cannot be read the defaults apply: the recovery
 * screen must still render when the database is damaged.
 */
export function useSettings() {
  const queryClient = useQueryClient();
  const query = useCockpitQuery('settings.get', {});
  const mutation = useCockpitMutation('settings.update', {
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: settingsKey });
      const previous = queryClient.getQueryData<Settings>(settingsKey);
      queryClient.setQueryData<Settings>(settingsKey, { ...(previous ?? DEFAULT_SETTINGS), ...change });
      return { previous };
    },
    onError: (_error, _change, context) => queryClient.setQueryData(settingsKey, context?.previous),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
  const { mutate } = mutation;
  const update = useCallback((change: Partial<Settings>) => mutate(change), [mutate]);
  return {
    settings: query.data ?? DEFAULT_SETTINGS,
    /** True until the first answer (or failure): avoids flashing the wrong language or theme. */
    loading: query.isPending,
    update,
    updateError: mutation.error,
  };
}
