/**
 * HTTP client for the Platform API (SPEC.md). One request = one attempt; the retry policy lives in
 * `withRetries` so that pull and push share it. Errors are classified so the caller knows whether
 * to back off (transient), wait for the network (offline), wait as told (rate limited), start the
 * feed over (cursor expired) or stop (unauthorized).
 */
import { isAscii } from 'node:buffer';
import { CancelledError } from './cancelled';

/**
 * transient: back off and retry. offline: wait for /v1/health. rate_limited: wait Retry-After.
 * unauthorized: stop until the token is fixed. cursor_expired: bootstrap the feed again.
 * refused: the server refused the request body (400/413/422) — for a command batch, find the culprit —
 *   or its answer was over the byte cap (code RESPONSE_TOO_LARGE; retried a bounded number of times).
 * fatal: any other 4xx (wrong URL, method, permission): nothing to retry soon. (stop() throws CancelledError.)
 */
export type FailureKind = 'transient' | 'offline' | 'rate_limited' | 'unauthorized' | 'cursor_expired' | 'refused' | 'fatal';

export class PlatformError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface FeedPage {
  items: unknown[];
  next_cursor: string;
  has_more: boolean;
  server_time: string;
  /** Optional hint some servers send; used for ETA when present. */
  remaining?: number;
}

export interface CommandResult {
  id: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  entity?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface WireCommand {
  id: string;
  type: string;
  entity_id: string;
  base_version: number | null;
  payload: Record<string, unknown>;
  issued_at: string;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETDOWN']);

function errorCode(error: unknown): string | undefined {
  // fetch wraps the socket error: TypeError('fetch failed', { cause: { code } }), sometimes nested twice.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a thrown fetch/body error to a PlatformError, or to CancelledError when stop() aborted it. */
export function classifyNetworkError(error: unknown, signal: AbortSignal | undefined): PlatformError | CancelledError {
  if (error instanceof PlatformError || error instanceof CancelledError) return error;
  if (signal?.aborted) return new CancelledError();
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code && OFFLINE_CODES.has(code)) return new PlatformError('offline', `platform unreachable (${code})`);
  if ((error as { name?: string }).name === 'TimeoutError') return new PlatformError('transient', 'request timed out');
  return new PlatformError('transient', `network error: ${code ?? message}`);
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

/**
 * The one URL rule: an API path joined to the platform's base URL, keeping the base's path prefix
 * (`http://host/prefix` + `/v1/me` = `http://host/prefix/v1/me`); the base's query and fragment are
 * not part of it. Every request to a platform (sync, verify) builds its URL here.
 */
export function platformUrl(base: string, apiPath: string): string {
  const url = new URL(base);
  const queryAt = apiPath.indexOf('?');
  url.pathname = url.pathname.replace(/\/+$/, '') + (queryAt < 0 ? apiPath : apiPath.slice(0, queryAt));
  url.search = queryAt < 0 ? '' : apiPath.slice(queryAt);
  url.hash = '';
  return url.href;
}

/**
 * Byte caps per answer kind. A 5,000-item page of the widest feed is about 2 MB; an operator's
 * /v1/me a few hundred bytes; 200 command results with their entities well under a megabyte.
 * Anything far beyond that is a broken or hostile server, read no further than the cap.
 */
export const ANSWER_BYTE_LIMITS = {
  me: 256 * 1024,
  health: 64 * 1024,
  commands: 16 * 1024 * 1024,
  feed: 64 * 1024 * 1024,
  /** Error answers: only the status and the first bytes of the body are used. */
  error: 64 * 1024,
} as const;

export type AnswerKind = Exclude<keyof typeof ANSWER_BYTE_LIMITS, 'error'>;

/** PlatformError.code of a `refused` answer that was over its byte cap. */
export const RESPONSE_TOO_LARGE = 'response_too_large';

/** Over-cap answers are retried like a 5xx, but at most this many attempts in all. */
export const MAX_OVERSIZE_ATTEMPTS = 3;

export interface PlatformClientOptions {
  url: string;
  token: string;
  requestTimeoutMs?: number;
  /** Overrides of ANSWER_BYTE_LIMITS (tests). */
  answerByteLimits?: Partial<Record<AnswerKind, number>>;
}

export class PlatformClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly limits: Record<AnswerKind, number>;

  constructor(private readonly options: PlatformClientOptions) {
    this.base = options.url;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.limits = { ...ANSWER_BYTE_LIMITS, ...options.answerByteLimits };
  }

  /** GET /v1/me: the operator behind the token. */
  async me(signal?: AbortSignal): Promise<{ id: string; name?: string; category_ids?: string[] }> {
    const body = (await this.request('me', 'GET', '/v1/me', undefined, signal, true)) as { id?: unknown } | null;
    if (typeof body?.id !== 'string') throw new PlatformError('transient', '/v1/me answered without an id');
    return body as { id: string };
  }

  async health(signal?: AbortSignal): Promise<void> {
    await this.request('health', 'GET', '/v1/health', undefined, signal, false);
  }

  /**
   * One feed page. `onPeek` gets the page's next_cursor as soon as the body has arrived, before
   * the (5000-item) body is parsed, so the caller can ask for the next page while this one is
   * parsed: it is a guess read from the text and must be checked against the parsed page.
   */
  async changes(
    resource: string,
    cursor: string | null,
    limit: number,
    signal?: AbortSignal,
    onPeek?: (nextCursor: string) => void,
  ): Promise<FeedPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    const peek = onPeek ? (text: string) => peekNextCursor(text, onPeek) : undefined;
    const body = await this.request('feed', 'GET', `/v1/changes/${encodeURIComponent(resource)}?${query}`, undefined, signal, true, peek);
    return checkFeedPage(body);
  }

  async sendCommands(commands: readonly WireCommand[], signal?: AbortSignal): Promise<CommandResult[]> {
    const body = await this.request('commands', 'POST', '/v1/commands', { commands }, signal, true);
    const results = (body as { results?: unknown }).results;
    if (!Array.isArray(results)) throw new PlatformError('transient', 'commands response without results');
    return results.filter(isCommandResult);
  }

  private async request(
    kind: AnswerKind,
    method: string,
    path: string,
    payload: unknown,
    signal: AbortSignal | undefined,
    auth: boolean,
    beforeParse?: (text: string) => void,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) headers.authorization = `Bearer ${this.options.token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let text: string;
    let response: Response;
    try {
      response = await fetch(platformUrl(this.base, path), {
        method,
        headers,
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: combined,
      });
      const ok = response.status >= 200 && response.status < 300;
      const body = await readCapped(response, ok ? this.limits[kind] : ANSWER_BYTE_LIMITS.error, ok, path.split('?')[0] ?? path);
      text = decodeBody(body);
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) throw new PlatformError('transient', `request timed out after ${this.timeoutMs} ms`);
      throw classifyNetworkError(error, signal);
    }
    if (response.status >= 200 && response.status < 300) {
      beforeParse?.(text);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // A 200 whose body does not parse was cut off on the way: transient (SPEC).
        throw new PlatformError('transient', `truncated response body (${text.length} bytes)`, response.status);
      }
    }
    throw responseError(response, text);
  }
}

/**
 * The body, read chunk by chunk and never past `limit` bytes. Over the cap, an answer is refused
 * (RESPONSE_TOO_LARGE) and the connection dropped; an error answer is only cut short, since its
 * status decides and its first bytes say why.
 */
async function readCapped(response: Response, limit: number, refuseOverCap: boolean, what: string): Promise<Buffer> {
  const tooLarge = (): PlatformError =>
    new PlatformError('refused', `the platform's answer to ${what} is over ${limit} bytes`, response.status, null, RESPONSE_TOO_LARGE);
  const declared = Number(response.headers.get('content-length'));
  if (refuseOverCap && Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel().catch(() => undefined);
      if (refuseOverCap) throw tooLarge();
      chunks.push(value.subarray(0, limit - size));
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return Buffer.concat(chunks);
}

/**
 * UTF-8 body to text. A feed page of merchant_metrics is 1.8 MB of pure ASCII: checked with SIMD
 * and decoded as ASCII it costs 0.6 ms instead of 7 ms through the general UTF-8 decoder (about
 * 15 s of CPU over a 12M-row bootstrap). Anything else takes the UTF-8 path, invalid bytes becoming
 * U+FFFD as with response.text().
 */
function decodeBody(body: Buffer): string {
  if (isAscii(body)) return body.toString('ascii');
  // Like response.text(): a leading byte-order mark is not part of the text.
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0);
}

function responseError(response: Response, text: string): PlatformError {
  let code: string | null = null;
  let message = text.slice(0, 200);
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Error bodies from proxies are often HTML; the status alone decides.
  }
  const status = response.status;
  const describe = `HTTP ${status}${code ? ` ${code}` : ''}: ${message}`;
  if (status === 401) return new PlatformError('unauthorized', `token rejected (${describe})`, status, null, code);
  if (status === 410) return new PlatformError('cursor_expired', describe, status, null, code);
  if (status === 429) return new PlatformError('rate_limited', describe, status, parseRetryAfter(response.headers.get('retry-after')), code);
  if (status >= 500 || status === 408 || status === 425) return new PlatformError('transient', describe, status, null, code);
  if (status === 400 || status === 413 || status === 422) return new PlatformError('refused', describe, status, null, code);
  return new PlatformError('fatal', describe, status, null, code);
}

/**
 * Finds `"has_more":true` and `"next_cursor":"…"` in the last bytes of a page body. Inside a JSON
 * string a quote is always escaped, so these exact byte sequences are keys; the top-level ones
 * come last in the reference server's pages. Any other layout simply finds nothing (no guess).
 */
function peekNextCursor(text: string, onPeek: (nextCursor: string) => void): void {
  const tail = text.slice(-1024);
  if (!/"has_more"\s*:\s*true/.test(tail)) return;
  const match = /"next_cursor"\s*:\s*"([^"\\]{1,1000})"(?![\s\S]*"next_cursor")/.exec(tail);
  if (match?.[1]) onPeek(match[1]);
}

function checkFeedPage(body: unknown): FeedPage {
  const page = body as Partial<FeedPage> | null;
  if (
    typeof page !== 'object' ||
    page === null ||
    !Array.isArray(page.items) ||
    typeof page.next_cursor !== 'string' ||
    page.next_cursor.length === 0 ||
    typeof page.has_more !== 'boolean'
  ) {
    // A page whose envelope is broken cannot be applied; asking again is the only option.
    throw new PlatformError('transient', 'malformed change-feed page');
  }
  return page as FeedPage;
}

function isCommandResult(value: unknown): value is CommandResult {
  const r = value as Partial<CommandResult> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    (r.status === 'applied' || r.status === 'duplicate' || r.status === 'conflict' || r.status === 'rejected')
  );
}

// ---------- retry policy ----------

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up after this many consecutive transient failures (Infinity in the background engine). */
  maxAttempts: number;
  /** Give up after being offline this long (Infinity in the background engine). */
  maxOfflineMs: number;
  /** Attempts in all when answers are over their byte cap (default MAX_OVERSIZE_ATTEMPTS). */
  maxOversizeAttempts?: number;
}

export interface RetryHooks {
  sleep(ms: number): Promise<void>;
  random(): number;
  onRetry(error: PlatformError, attempt: number, delayMs: number): void;
  /** Called while offline; resolves when /v1/health answers again. */
  waitUntilOnline(error: PlatformError): Promise<void>;
}

/** Exponential backoff with full jitter: delay = random(0, min(max, base·2^attempt)). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

export async function withRetries<T>(operation: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  let attempt = 0;
  let oversize = 0;
  for (;;) {
    try {
      return await operation();
    } catch (thrown) {
      // Anything that is not a classified platform failure (stop(), a bug) is not ours to retry.
      if (!(thrown instanceof PlatformError)) throw thrown;
      const error = thrown;
      if (error.kind === 'offline') {
        await hooks.waitUntilOnline(error);
        continue;
      }
      if (error.kind === 'rate_limited') {
        // Retry-After is a minimum: add a little jitter on top so that clients do not return in step.
        const delay = error.retryAfterMs !== null ? error.retryAfterMs + Math.floor(hooks.random() * Math.min(1000, error.retryAfterMs * 0.1 + 50)) : backoffDelay(policy, attempt + 1, hooks.random);
        hooks.onRetry(error, attempt, delay);
        await hooks.sleep(delay);
        continue;
      }
      if (error.kind === 'refused' && error.code === RESPONSE_TOO_LARGE) {
        // Maybe a proxy's hiccup, like a 5xx; but a server that keeps answering gigabytes is not asked for ever.
        oversize++;
        if (oversize >= (policy.maxOversizeAttempts ?? MAX_OVERSIZE_ATTEMPTS)) throw error;
        const delay = backoffDelay(policy, oversize, hooks.random);
        hooks.onRetry(error, oversize, delay);
        await hooks.sleep(delay);
        continue;
      }
      if (error.kind !== 'transient') throw error;
      attempt++;
      if (attempt >= policy.maxAttempts) throw error;
      const delay = backoffDelay(policy, attempt, hooks.random);
      hooks.onRetry(error, attempt, delay);
      await hooks.sleep(delay);
    }
  }
}
