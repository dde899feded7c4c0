/**
 * The renderer's one way to reach the core. Two transports behind one typed surface:
 * - Electron: the preload's `window.cockpit` (IPC);
 * - browser mode: `POST /api/call` with a bearer token and `GET /api/events` as server-sent events.
 * Only *types* come from the contract, so zod and the schemas stay out of the renderer bundle.
 */
import type {
  ApiErrorBody,
  ApiErrorCode,
  CallResult,
  CockpitBridge,
  CoreEvent,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../electron/core/api';

declare global {
  interface Window {
    /** Present only under Electron (exposed by the preload with contextBridge). */
    cockpit?: CockpitBridge;
  }
}

export class CockpitApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: NonNullable<ApiErrorBody['issues']> = [],
  ) {
    super(message);
    this.name = 'CockpitApiError';
  }
}

export type CoreEventListener = (event: CoreEvent) => void;
/** Told when the event stream comes back after a break: events may have been missed meanwhile. */
export type ReconnectListener = () => void;

export interface CockpitClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(listener: CoreEventListener): () => void;
  onReconnect(listener: ReconnectListener): () => void;
}

interface Transport {
  call(method: MethodName, input: unknown): Promise<CallResult>;
  onEvent(listener: CoreEventListener): () => void;
  onReconnect(listener: ReconnectListener): () => void;
}

export const TOKEN_STORAGE_KEY = 'cockpit.token';

export function createCockpitClient(): CockpitClient {
  const transport = window.cockpit ? electronTransport(window.cockpit) : httpTransport(takeBrowserToken());
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw new CockpitApiError(result.error.code, result.error.message, result.error.issues);
      // The core validated the output against the contract before sending it.
      return result.value as MethodOutput<typeof method>;
    },
    subscribe: (listener) => transport.onEvent(listener),
    onReconnect: (listener) => transport.onReconnect(listener),
  };
}

function electronTransport(bridge: CockpitBridge): Transport {
  return {
    async call(method, input) {
      try {
        return await bridge.call(method, input);
      } catch (error) {
        return unavailable(error);
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
    // IPC does not drop and come back; nothing to report.
    onReconnect: () => () => {},
  };
}

/**
 * The launch URL carries the token in the fragment (`#token=…`), which browsers never send to
 * servers. Read it once, keep it for reloads in sessionStorage (this tab only), and take it out
 * of the address bar so it is not bookmarked, shared in a screenshot or reused by the router.
 */
function takeBrowserToken(): string {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    // The war-room screens shared on the local network open straight into the war room.
    const route = params.get('view') === 'war-room' ? '#/war-room' : '#/';
    history.replaceState(null, '', `${location.pathname}${location.search}${route}`);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

function httpTransport(token: string): Transport {
  const events = sharedEventStream(`/api/events?token=${encodeURIComponent(token)}`);
  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input }),
        });
      } catch (error) {
        return unavailable(error);
      }
      try {
        // Failures also come back as a CallResult body, with a matching HTTP status.
        return (await response.json()) as CallResult;
      } catch {
        return unavailable(`HTTP ${response.status} without a JSON body`);
      }
    },
    onEvent: events.onEvent,
    onReconnect: events.onReconnect,
  };
}

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * One EventSource for all subscribers, opened with the first and closed with the last.
 * EventSource retries by itself after a dropped connection, but gives up for good when a
 * reconnect answers with an error status (e.g. while the host restarts): then we reopen it
 * ourselves, backing off up to 30 s.
 */
function sharedEventStream(url: string) {
  const eventListeners = new Set<CoreEventListener>();
  const reconnectListeners = new Set<ReconnectListener>();
  let source: EventSource | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = MIN_RETRY_MS;
  let hadBreak = false;

  function open(): void {
    retryTimer = undefined;
    source = new EventSource(url);
    source.onopen = () => {
      retryMs = MIN_RETRY_MS;
      if (hadBreak) reconnectListeners.forEach((listener) => listener());
      hadBreak = false;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) eventListeners.forEach((listener) => listener(event));
    };
    source.onerror = () => {
      hadBreak = true;
      if (source?.readyState !== EventSource.CLOSED) return;
      source = undefined;
      retryTimer = setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
  }

  function closeWhenUnused(): void {
    if (eventListeners.size > 0 || reconnectListeners.size > 0) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    source = undefined;
  }

  function ensureOpen(): void {
    if (!source && retryTimer === undefined) open();
  }

  return {
    onEvent(listener: CoreEventListener): () => void {
      eventListeners.add(listener);
      ensureOpen();
      return () => {
        eventListeners.delete(listener);
        closeWhenUnused();
      };
    },
    onReconnect(listener: ReconnectListener): () => void {
      reconnectListeners.add(listener);
      return () => {
        reconnectListeners.delete(listener);
        closeWhenUnused();
      };
    },
  };
}

function parseEvent(data: string): CoreEvent | undefined {
  try {
    const parsed = JSON.parse(data) as CoreEvent;
    return typeof parsed?.name === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function unavailable(cause: unknown): CallResult {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { ok: false, error: { code: 'unavailable', message: `The core cannot be reached (${detail})` } };
}
