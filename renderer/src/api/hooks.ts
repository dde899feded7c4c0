/**
 * TanStack Query on top of the client: server state lives in the query cache, keyed by
 * `[method, input]`, never copied into component state or a global store.
 */
import { createContext, useContext, useEffect } from 'react';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../electron/core/api';
import type { CockpitApiError, CockpitClient } from './client';

export const CockpitClientContext = createContext<CockpitClient | null>(null);

export function useCockpitClient(): CockpitClient {
  const client = useContext(CockpitClientContext);
  if (!client) throw new Error('useCockpitClient needs a <CockpitClientContext.Provider> above it');
  return client;
}

export function cockpitQueryKey<M extends MethodName>(method: M, input: MethodInput<M>): readonly [M, MethodInput<M>] {
  return [method, input] as const;
}

type CockpitQueryOptions<M extends MethodName> = Omit<
  UseQueryOptions<MethodOutput<M>, CockpitApiError, MethodOutput<M>, readonly [M, MethodInput<M>]>,
  'queryKey' | 'queryFn'
>;

export function useCockpitQuery<M extends MethodName>(method: M, input: MethodInput<M>, options?: CockpitQueryOptions<M>) {
  const client = useCockpitClient();
  return useQuery({
    ...options,
    queryKey: cockpitQueryKey(method, input),
    queryFn: () => client.call(method, input),
  });
}

/** `Context` is what `onMutate` returns (e.g. the previous value, to roll back an optimistic update). */
type CockpitMutationOptions<M extends MethodName, Context> = Omit<
  UseMutationOptions<MethodOutput<M>, CockpitApiError, MethodInput<M>, Context>,
  'mutationFn'
>;

export function useCockpitMutation<M extends MethodName, Context = unknown>(method: M, options?: CockpitMutationOptions<M, Context>) {
  const client = useCockpitClient();
  return useMutation({ ...options, mutationFn: (input: MethodInput<M>) => client.call(method, input) });
}

/**
 * Data that sync changes underneath the screens. Sync events come many times a second during a
 * download: the lists showing synced data are refetched at most once per interval, and only
 * those on screen (TanStack Query refetches active queries only).
 */
const SYNCED_DATA_REFRESH_MS = 1_000;

/**
 * Which methods read synced data is declared in the contract; the core sends the list in
 * `app.info` (the renderer bundle does not carry the schemas). Until it is known, everything is.
 */
let syncedDataMethods: ReadonlySet<string> | null = null;

function readsSyncedData(method: unknown): boolean {
  return syncedDataMethods === null || (typeof method === 'string' && syncedDataMethods.has(method));
}

function invalidateSyncedData(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ predicate: (query) => readsSyncedData(query.queryKey[0]) });
}

/**
 * At most one refresh per interval, the first at once: a lone change (an alert just detected)
 * shows without waiting, a download's stream of changes is refreshed once a second.
 */
export function syncedDataRefresher(queryClient: QueryClient) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRefresh = Number.NEGATIVE_INFINITY;
  const refresh = () => {
    timer = undefined;
    lastRefresh = Date.now();
    invalidateSyncedData(queryClient);
  };
  return {
    schedule(): void {
      if (timer !== undefined) return;
      timer = setTimeout(refresh, Math.max(0, lastRefresh + SYNCED_DATA_REFRESH_MS - Date.now()));
    },
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** After a local action: refetch what it changed at once (the status bar and the lists). */
export function refreshSyncedData(queryClient: QueryClient): void {
  invalidateSyncedData(queryClient);
  for (const method of ['status.get', 'sync.progress'] as const) void queryClient.invalidateQueries({ queryKey: [method] });
}

type EventEffect<E extends EventName> = (payload: EventPayload<E>, queryClient: QueryClient, refresher: ReturnType<typeof syncedDataRefresher>) => void;

/**
 * What each core event does to the cache. The mapped type makes the compiler ask for an entry
 * whenever the contract gains an event: add one line here and every screen showing it updates.
 */
const eventEffects: { [E in EventName]: EventEffect<E> } = {
  'status.changed': (status, queryClient, refresher) => {
    queryClient.setQueryData(cockpitQueryKey('status.get', {}), status);
    refresher.schedule();
  },
  'settings.changed': (settings, queryClient) => queryClient.setQueryData(cockpitQueryKey('settings.get', {}), settings),
  'sync.progress': (progress, queryClient, refresher) => {
    queryClient.setQueryData(cockpitQueryKey('sync.progress', {}), progress);
    refresher.schedule();
  },
  // A window claimed new P1s (it shows them; Electron's main process does there): the others' badges catch up.
  'opinion.notify': (_alerts, queryClient) => void queryClient.invalidateQueries({ queryKey: ['opinion.attention'] }),
};

/** Keeps the query cache in step with core events; mount once, near the root. */
export function useCockpitEvents(): void {
  const client = useCockpitClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresher = syncedDataRefresher(queryClient);
    client
      .call('app.info', {})
      .then((info) => (syncedDataMethods = new Set(info.syncedDataMethods)))
      .catch(() => undefined); // a core that cannot answer yet: every query stays refreshable
    const stopEvents = client.subscribe((event) => {
      // `event.name` and `event.payload` are correlated, which TypeScript cannot follow through the lookup.
      const effect = eventEffects[event.name] as EventEffect<EventName>;
      effect(event.payload as never, queryClient, refresher);
    });
    // Events sent while the stream was down are lost: refetch everything once it is back.
    const stopReconnect = client.onReconnect(() => void queryClient.invalidateQueries());
    return () => {
      refresher.stop();
      stopEvents();
      stopReconnect();
    };
  }, [client, queryClient]);
}
