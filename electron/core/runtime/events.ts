import type { CoreEvent, EventName, EventPayload } from '../api';

export type CoreEventListener = (event: CoreEvent) => void;

/** A tiny typed event hub: services emit, transports (worker, IPC, SSE) listen. */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as CoreEvent;
    for (const listener of this.listeners) listener(event);
  }
}
