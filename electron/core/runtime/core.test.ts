import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';
import { connectDatabase } from '../../../db/open';
import { createCore, type Core } from './core';
import type { CoreEvent } from '../api';

let temp: ReturnType<typeof makeTempDir>;
let core: Core | null = null;
beforeEach(() => (temp = makeTempDir()));
afterEach(async () => {
  await core?.close();
  core = null;
  temp.cleanup();
});

function start(): Core {
  core = createCore({ dataDir: temp.dir, mode: 'browser', appVersion: '9.9.9', writeLogs: false });
  return core;
}

describe('the core API', () => {
  it('answers an unknown method with a typed error, never a throw', async () => {
    const result = await start().call('drop.everything', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method: drop.everything' } });
  });

  it('rejects invalid input with the offending field', async () => {
    const result = await start().call('settings.update', { theme: 'purple', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['theme']));
  });

  it('defaults to Simplified Chinese and a light theme, and persists changes across restarts', async () => {
    const first = start();
    expect(await first.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'light' } });
    const events: CoreEvent[] = [];
    first.onEvent((event) => events.push(event));
    await first.call('settings.update', { language: 'en' });
    expect(events.filter((e) => e.name === 'settings.changed')).toEqual([{ name: 'settings.changed', payload: { language: 'en', theme: 'light' } }]);
    await first.close();

    const second = start();
    expect(await second.call('settings.get', {})).toEqual({ ok: true, value: { language: 'en', theme: 'light' } });
  });

  it('reports status with no platform and no pending changes on a fresh database', async () => {
    const result = await start().call('status.get', {});
    expect(result).toEqual({ ok: true, value: { online: false, syncing: false, lastSyncAt: null, pendingChanges: 0, platform: 'none' } });
  });

  it('offers the newest backup when the database is damaged, and recovers after the restore', async () => {
    const first = start();
    await first.call('settings.update', { theme: 'dark' });
    await first.close();
    // The second start takes a backup (the first start had nothing to copy).
    core = createCore({ dataDir: temp.dir, mode: 'browser', appVersion: '9.9.9', writeLogs: false });
    await core.close();
    fs.writeFileSync(path.join(temp.dir, 'cockpit.sqlite'), 'this is not a database'.repeat(500));
    fs.rmSync(path.join(temp.dir, 'cockpit.sqlite-wal'), { force: true });

    const damaged = start();
    const health = await damaged.call('database.health', {});
    expect(health.ok && (health.value as { state: string }).state).toBe('corrupt');
    const blocked = await damaged.call('settings.get', {});
    expect(!blocked.ok && blocked.error.code).toBe('database_corrupt');

    const backups = (health.ok ? (health.value as { backups: { file: string }[] }).backups : []);
    expect(backups.length).toBeGreaterThan(0);
    const refused = await damaged.call('database.restoreBackup', { file: '/etc/passwd' });
    expect(!refused.ok && refused.error.code).toBe('not_found');

    const restored = await damaged.call('database.restoreBackup', { file: backups[0]!.file });
    expect(restored.ok && (restored.value as { state: string }).state).toBe('ok');
    expect(await damaged.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } });
  });

  it('answers reads while a write waits for a lock held elsewhere (the sync thread), then writes it', async () => {
    const cockpit = start();
    await cockpit.call('settings.get', {});
    // Another connection to the same file holds the write lock, as the sync does during an index build.
    const sync = connectDatabase(path.join(temp.dir, 'cockpit.sqlite'));
    sync.exec('BEGIN IMMEDIATE');
    let written = false;
    const update = cockpit.call('settings.update', { theme: 'dark' }).then((result) => ((written = true), result));

    const readStarted = performance.now();
    expect(await cockpit.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'light' } });
    expect((await cockpit.call('status.get', {})).ok).toBe(true);
    expect(performance.now() - readStarted).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written).toBe(false);

    sync.exec('COMMIT');
    sync.close();
    expect(await update).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } });
    expect(await cockpit.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } });
  });

  it('with no backup to offer, keeps the damaged file aside, starts empty and queues its unsent commands again', async () => {
    const first = start();
    await first.call('settings.get', {});
    await first.close();
    const file = path.join(temp.dir, 'cockpit.sqlite');
    const writer = connectDatabase(file);
    writer
      .prepare(`INSERT INTO outbox_commands (id, type, resource, entity_id, base_version, payload, issued_at, state, attempts)
                VALUES (?, 'alert.comment', 'alerts', 'al_1', NULL, '{"text":"离线写的评论"}', '2026-12-03T10:00:00+08:00', ?, 0)`)
      .run('cmd_unsent', 'pending');
    writer.pragma('wal_checkpoint(TRUNCATE)');
    writer.close();
    // Damage past the outbox's pages, and no backups to restore.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, bytes.length - 4096 * 4);
    fs.writeFileSync(file, bytes);
    fs.rmSync(path.join(temp.dir, 'backups'), { recursive: true, force: true });

    const damaged = start();
    const health = await damaged.call('database.health', {});
    expect(health.ok && (health.value as { state: string; backups: unknown[] })).toMatchObject({ state: 'corrupt', backups: [] });

    const result = await damaged.call('database.startEmpty', { confirm: true });
    expect(result.ok).toBe(true);
    const value = (result.ok ? result.value : null) as { health: { state: string }; damagedCopy: string; rescuedCommands: number; rescueProblem: string | null };
    expect(value.health.state).toBe('ok');
    expect(value.rescuedCommands).toBe(1);
    expect(fs.existsSync(value.damagedCopy)).toBe(true);
    // No platform here: the command waits in the new file, and the Sync screen lists it.
    const outbox = await damaged.call('sync.outbox', {});
    expect(outbox.ok && (outbox.value as { id: string; state: string; type: string }[]).map(({ id, state, type }) => ({ id, state, type }))).toEqual([
      { id: 'cmd_unsent', state: 'pending', type: 'alert.comment' },
    ]);
    const reopened = connectDatabase(file);
    expect(reopened.prepare('SELECT id, state FROM outbox_commands').all()).toEqual([{ id: 'cmd_unsent', state: 'pending' }]);
    reopened.close();

    const again = await damaged.call('database.startEmpty', { confirm: true });
    expect(!again.ok && again.error.code).toBe('invalid_input');
  });

  it('counts the rows of every synced table', async () => {
    const result = await start().call('overview.tableCounts', {});
    expect(result.ok).toBe(true);
    const counts = result.ok ? (result.value as { table: string; rows: number }[]) : [];
    expect(counts.map((c) => c.table)).toContain('merchant_metrics');
    expect(counts.every((c) => c.rows === 0)).toBe(true);
  });
});
