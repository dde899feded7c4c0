import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';
import { startCoreWorker, type CoreClient } from './worker-client';
import type { CoreEvent } from '../api';

let temp: ReturnType<typeof makeTempDir>;
let client: CoreClient | null = null;
beforeEach(() => (temp = makeTempDir()));
afterEach(async () => {
  await client?.close();
  client = null;
  temp.cleanup();
});

describe('the core in a worker thread', () => {
  it('answers calls and forwards events across the thread boundary', async () => {
    client = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
    const events: CoreEvent[] = [];
    client.onEvent((event) => events.push(event));

    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', version: '1.0.0', dataDir: temp.dir } });
    await client.call('settings.update', { theme: 'dark' });
    expect(events.filter((e) => e.name === 'settings.changed')).toEqual([{ name: 'settings.changed', payload: { language: 'zh-CN', theme: 'dark' } }]);
    expect(await client.call('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('keeps answering many concurrent calls in order of their ids', async () => {
    client = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client!.call('settings.update', { theme: i % 2 ? 'dark' : 'light' })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await client.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } });
  });
});
