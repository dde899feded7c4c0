/**
 * The one map from what the core throws to the API's error codes. Errors with a known meaning
 * answer with their code; anything else is a bug or an environment failure (disk full, I/O),
 * logged whole and answered briefly as `internal`.
 */
import { DatabaseCorruptError } from '../../../db/open';
import { WriteTurnTimeoutError } from '../../../db/write-turn';
import { ApiError, type ApiErrorCode } from '../api';
import { domains } from '../domains';
import { MalformedCommandError } from '../sync';
import { CancelledError } from '../sync/cancelled';
import { OutboxError } from '../sync/outbox';
import { PlatformError, type FailureKind } from '../sync/platform-client';
import type { Logger } from './logger';

const OUTBOX_CODES: Record<OutboxError['code'], ApiErrorCode> = {
  not_found: 'not_found',
  not_in_conflict: 'invalid_input',
  unknown_command_type: 'invalid_input',
  invalid: 'invalid_input',
};

const PLATFORM_CODES: Record<FailureKind, ApiErrorCode> = {
  transient: 'unavailable',
  offline: 'unavailable',
  rate_limited: 'unavailable',
  unauthorized: 'unauthorized',
  cursor_expired: 'unavailable',
  refused: 'invalid_input',
  fatal: 'unavailable',
};

/** The API error a thrown value stands for, or null when it is not one we know. */
export function knownApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof OutboxError) return new ApiError(OUTBOX_CODES[error.code], error.message);
  if (error instanceof MalformedCommandError) return new ApiError('invalid_input', error.message);
  if (error instanceof PlatformError) return new ApiError(PLATFORM_CODES[error.kind], error.message);
  if (error instanceof CancelledError) return new ApiError('unavailable', 'The sync was stopped; try again');
  if (error instanceof DatabaseCorruptError) return new ApiError('database_corrupt', error.message);
  if (error instanceof WriteTurnTimeoutError) return new ApiError('unavailable', `${error.message}; try again`);
  for (const domain of domains) {
    const mapped = domain.toApiError?.(error);
    if (mapped) return mapped;
  }
  return null;
}

export function toApiError(error: unknown, logger: Logger, method: string): ApiError {
  const known = knownApiError(error);
  if (known) return known;
  logger.error({ err: error, method }, 'call failed');
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', message);
}
