/**
 * What went wrong, in words a user can act on. Errors arrive as API codes (`not_found`,
 * `unavailable`) or as the platform client's and Node's words (`ECONNREFUSED`, `fetch failed`,
 * `HTTP 401`); none of those is shown as the message. The raw text stays available as the detail,
 * for support.
 */

export type ErrorKind = 'unreachable' | 'timeout' | 'unauthorized' | 'notFound' | 'invalidInput' | 'databaseCorrupt' | 'coreUnavailable' | 'unknown';

export interface DescribedError {
  kind: ErrorKind;
  /** The original text (code and message), for the copyable detail. */
  detail: string;
}

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|socket hang up|fetch failed|unreachable|Failed to fetch|NetworkError|offline/i;
const TIMEOUT = /ETIMEDOUT|timed? ?out|timeout/i;
const UNAUTHORIZED = /\b401\b|unauthori[sz]ed|invalid token|token (was )?(refused|rejected)/i;
const NOT_FOUND = /not[_ ]found|\b404\b/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

/** Sorts an error (an API error, an Error, or the engine's last-error text) into what to tell the user. */
export function describeError(error: unknown): DescribedError {
  const { code, message } = codeAndMessage(error);
  const detail = code ? `${code}: ${message}` : message;
  return { kind: kindOf(code, message), detail };
}

function codeAndMessage(error: unknown): { code: string | null; message: string } {
  if (typeof error === 'string') return { code: null, message: error };
  if (error && typeof error === 'object') {
    const { code, message } = error as ErrorLike;
    return { code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message : String(error) };
  }
  return { code: null, message: String(error) };
}

function kindOf(code: string | null, message: string): ErrorKind {
  if (code === 'database_corrupt') return 'databaseCorrupt';
  if (code === 'invalid_input') return 'invalidInput';
  if (code === 'not_found') return 'notFound';
  if (code === 'unauthorized' || UNAUTHORIZED.test(message)) return 'unauthorized';
  if (TIMEOUT.test(message)) return 'timeout';
  if (UNREACHABLE.test(message)) return 'unreachable';
  if (code === 'unavailable') return 'coreUnavailable';
  if (NOT_FOUND.test(message)) return 'notFound';
  return 'unknown';
}
