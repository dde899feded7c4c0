import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { CockpitApiError } from '../api/client';
import { cockpitQueryKey } from '../api/hooks';

/**
 * Retries only what may heal by itself (the core restarting); a validation or database error
 * will answer the same again. Any call that finds the database corrupt re-checks its health,
 * which swaps the app for the recovery screen.
 */
export function createAppQueryClient(): QueryClient {
  const onError = (error: Error) => {
    if (error instanceof CockpitApiError && error.code === 'database_corrupt') {
      void queryClient.invalidateQueries({ queryKey: cockpitQueryKey('database.health', {}) });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => error instanceof CockpitApiError && error.code === 'unavailable' && failureCount < 3,
        // The core pushes changes as events; a desk app need not refetch on every window focus.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
