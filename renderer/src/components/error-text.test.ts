import { describe, expect, it } from 'vitest';
import { describeError } from './error-text';

describe('describeError', () => {
  it('reads a refused connection, a failed fetch and a DNS failure as "cannot reach the platform"', () => {
    expect(describeError({ code: 'unavailable', message: 'platform unreachable (ECONNREFUSED)' })).toEqual({
      kind: 'unreachable',
      detail: 'unavailable: platform unreachable (ECONNREFUSED)',
    });
    expect(describeError('http://127.0.0.1:9 cannot be reached: fetch failed').kind).toBe('unreachable');
    expect(describeError(new Error('getaddrinfo ENOTFOUND platform.example.com')).kind).toBe('unreachable');
  });

  it('tells a missing record, a refused token and a timeout apart', () => {
    expect(describeError({ code: 'not_found', message: 'alerts a-1 not found' })).toEqual({ kind: 'notFound', detail: 'not_found: alerts a-1 not found' });
    expect(describeError('HTTP 401 from /v1/me').kind).toBe('unauthorized');
    expect(describeError({ code: 'unavailable', message: 'request timed out after 30000 ms' }).kind).toBe('timeout');
  });

  it('keeps the core’s own codes', () => {
    expect(describeError({ code: 'database_corrupt', message: 'malformed' }).kind).toBe('databaseCorrupt');
    expect(describeError({ code: 'invalid_input', message: 'url: Invalid URL' }).kind).toBe('invalidInput');
    expect(describeError({ code: 'unavailable', message: 'the core worker stopped' }).kind).toBe('coreUnavailable');
    expect(describeError(new Error('something odd')).kind).toBe('unknown');
  });
});
