import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseCorruptError } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { makeTempDir } from '../../testing/temp-dir';
import { ApiError } from '../api';
import { MalformedCommandError } from '../sync';
import { OutboxError } from '../sync/outbox';
import { PlatformError } from '../sync/platform-client';
import { createCore, type Core } from './core';
import { knownApiError } from './errors';

describe('the one error map', () => {
  it('gives each known failure its API code', () => {
    expect(knownApiError(new OutboxError('not_found', 'no command x'))?.code).toBe('not_found');
    expect(knownApiError(new OutboxError('not_in_conflict', 'done'))?.code).toBe('invalid_input');
    expect(knownApiError(new MalformedCommandError('alert.escalate', 'level: expected number'))?.code).toBe('invalid_input');
    expect(knownApiError(new PlatformError('unauthorized', 'HTTP 401', 401))?.code).toBe('unauthorized');
    expect(knownApiError(new PlatformError('offline', 'ECONNREFUSED'))?.code).toBe('unavailable');
    expect(knownApiError(new DatabaseCorruptError('/x.sqlite', ['page 3'], []))?.code).toBe('database_corrupt');
    const api = new ApiError('forbidden_sender', 'no');
    expect(knownApiError(api)).toBe(api);
  });

  it('leaves anything else to be logged as a bug', () => {
    expect(knownApiError(new TypeError('x is undefined'))).toBeNull();
    expect(knownApiError('a string')).toBeNull();
  });
});

describe('errors through the core API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let platform: PlatformServerHandle;
  let core: Core | null = null;
  beforeEach(async () => {
    temp = makeTempDir();
    platform = await startPlatformServer({ seed: 3, scale: 'small' });
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await platform.close();
    temp.cleanup();
  });

  it('answers not_found for resolving a conflict that does not exist', async () => {
    core = createCore({
      dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false,
      platform: { kind: 'remote', url: platform.url, token: platform.tokens.operators[0]!.token },
    });
    const deadline = Date.now() + 10_000;
    while ((await core.call('sync.progress', {})).ok === false && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const result = await core.call('sync.resolveConflict', { commandId: 'no-such-command', choice: 'keep_mine' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
