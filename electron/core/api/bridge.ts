import type { CoreEvent, MethodName } from './contract';
import type { CallResult } from './errors';

/**
 * The object the Electron preload exposes as `window.cockpit`, and the shape the browser-mode
 * transport imitates. Two functions, no channels: the renderer cannot reach anything else.
 */
export interface CockpitBridge {
  call(method: MethodName, input: unknown): Promise<CallResult>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/** IPC channel names shared by preload and main; the renderer never sees them. */
export const IPC_CALL_CHANNEL = 'cockpit:call';
export const IPC_EVENT_CHANNEL = 'cockpit:event';
