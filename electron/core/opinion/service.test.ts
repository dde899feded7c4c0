import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { makeTempDir } from '../../testing/temp-dir';
import type { AlertRow } from '../api';
import { createCore, type Core } from '../runtime/core';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let core: Core | null = null;

beforeEach(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
});
afterEach(async () => {
  await core?.close();
  core = null;
  await platform.close();
  temp.cleanup();
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openAlerts(): Promise<AlertRow[]> {
  const result = await core!.call('alerts.list', { statuses: ['open'] });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as AlertRow[];
}

describe('public-opinion alerts through the core API', () => {
  it('acknowledges at once locally, queues the command, and the platform applies it', async () => {
    const operator = platform.tokens.operators[0]!;
    core = createCore(
      {
        dataDir: temp.dir,
        mode: 'browser',
        appVersion: '1.0.0',
        writeLogs: false,
        platform: { kind: 'remote', url: platform.url, token: operator.token },
        pollIntervalMs: 200,
      },
    );
    const [alert] = await until(async () => {
      const rows = await openAlerts();
      return rows.length > 0 && rows;
    });

    const acknowledged = await core.call('alerts.acknowledge', { id: alert!.id });
    expect(acknowledged.ok).toBe(true);

    const local = await core.call('alerts.list', {});
    const row = (local.ok ? (local.value as AlertRow[]) : []).find((r) => r.id === alert!.id);
    expect(row?.status).toBe('acknowledged');

    await until(async () => platform.getRecord('alerts', alert!.id)?.status === 'acknowledged');
    await until(async () => (await core!.call('alerts.list', {})).ok && (await openAlerts()).every((r) => r.id !== alert!.id));
    const settled = await until(async () => {
      const result = await core!.call('alerts.list', {});
      const found = (result.ok ? (result.value as AlertRow[]) : []).find((r) => r.id === alert!.id);
      return found && found.unsyncedCommands === 0 && found;
    });
    expect(settled.version).toBeGreaterThan(alert!.version);
    expect(await core.call('alerts.acknowledge', { id: alert!.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers not_found for an alert that does not exist', async () => {
    core = createCore({
      dataDir: temp.dir,
      mode: 'browser',
      appVersion: '1.0.0',
      writeLogs: false,
      platform: { kind: 'remote', url: platform.url, token: platform.tokens.operators[0]!.token },
    });
    expect(await core.call('alerts.acknowledge', { id: 'al_missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
