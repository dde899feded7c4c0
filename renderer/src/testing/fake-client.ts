/**
 * A CockpitClient for UI unit tests: calls go to handlers the test writes (typed by the contract),
 * every call is recorded, and the test can send core events. Not a mock of the core's behaviour:
 * each test says what the core answers.
 */
import type { CoreEvent, MethodInput, MethodName, MethodOutput } from '../../../electron/core/api';
import { CockpitApiError, type CockpitClient, type CoreEventListener, type ReconnectListener } from '../api/client';

export type FakeHandlers = { [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export interface FakeClient extends CockpitClient {
  /** Every call made, in order. */
  readonly calls: { method: MethodName; input: unknown }[];
  emit(event: CoreEvent): void;
  reconnect(): void;
}

export function createFakeClient(handlers: FakeHandlers): FakeClient {
  const listeners = new Set<CoreEventListener>();
  const reconnectListeners = new Set<ReconnectListener>();
  const calls: FakeClient['calls'] = [];
  return {
    calls,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      calls.push({ method, input });
      const handler = handlers[method] as ((input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>) | undefined;
      if (!handler) throw new CockpitApiError('unknown_method', `the test gave no answer for ${method}`);
      return handler(input);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    reconnect() {
      for (const listener of reconnectListeners) listener();
    },
  };
}
