/**
 * The outbox against the real reference server: commands written with their optimistic effect,
 * exactly-once across a restart, conflicts (keep mine / take theirs), rejections, and the rule
 * that a pulled record never overwrites an entity with unacknowledged commands.
 */
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform/index';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createSyncEngine, type SyncEngineOptions } from './engine';
import { exportRecords, projectRecord } from './export';
import { formatShanghaiTimestamp } from './time';
import { commandRegistry } from '../domains';

let temp: ReturnType<typeof makeTempDir>;
let server: PlatformServerHandle;
const opened: OpenedDatabase[] = [];

beforeEach(async () => {
  temp = makeTempDir('cockpit-outbox-');
  server = await startPlatformServer({ scale: 'small' });
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await server.close();
  temp.cleanup();
});

function openDb(): OpenedDatabase {
  const db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  opened.push(db);
  return db;
}

function engineFor(db: OpenedDatabase, extra: Partial<SyncEngineOptions> = {}) {
  return createSyncEngine({
    sqlite: db.sqlite,
    logger: recordingLogger(),
    platform: { url: server.url, token: server.tokens.operators[0]!.token },
    commands: commandRegistry,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    resources: ['people', 'alerts', 'merchants', 'tier_overrides'],
    ...extra,
  });
}

/** A colleague: the last operator token (all categories), acting directly on the server. */
function colleague(type: string, entityId: string, payload: Record<string, unknown>): void {
  const token = server.tokens.operators[server.tokens.operators.length - 1]!.token;
  const [result] = server.applyCommands(
    [{ id: uuidv7(), type, entity_id: entityId, base_version: null, payload, issued_at: formatShanghaiTimestamp(new Date()) }],
    token,
  );
  expect(result?.status).toBe('applied');
}

function localAlert(db: OpenedDatabase, id: string): Record<string, unknown> {
  return [...exportRecords(db.sqlite, 'alerts')].find((r) => r.id === id)!;
}

function serverAlert(id: string): Record<string, unknown> {
  return projectRecord('alerts', server.getRecord('alerts', id)!);
}

function openAlerts(db: OpenedDatabase): { id: string; version: number; comments: string }[] {
  return db.sqlite.prepare(`SELECT id, version, comments FROM alerts WHERE status = 'open' ORDER BY id`).all() as {
    id: string;
    version: number;
    comments: string;
  }[];
}

function anyPerson(db: OpenedDatabase): string {
  return db.sqlite.prepare('SELECT id FROM people ORDER BY id LIMIT 1 OFFSET 3').pluck().get() as string;
}

describe('outbox', () => {
  it('writes the command and its optimistic effect in one transaction, then applies the server answer', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const alert = openAlerts(db)[0]!;
    const ack = (): void => void db.sqlite.prepare(`UPDATE alerts SET status = 'acknowledged' WHERE id = ?`).run(alert.id);

    // A failing effect leaves neither the command nor a half-done change behind.
    expect(() =>
      engine.issueCommand({ type: 'alert.acknowledge', entityId: alert.id, baseVersion: alert.version, payload: {} }, () => {
        ack();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(engine.listOutbox()).toHaveLength(0);
    expect(localAlert(db, alert.id).status).toBe('open');

    const id = engine.issueCommand({ type: 'alert.acknowledge', entityId: alert.id, baseVersion: alert.version, payload: {} }, ack);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUIDv7 idempotency key
    expect(engine.listOutbox()).toMatchObject([{ id, state: 'pending', entityId: alert.id, resource: 'alerts' }]);
    expect(engine.progress().outbox.pending).toBe(1);
    expect(localAlert(db, alert.id).status).toBe('acknowledged');

    await engine.pushOnce();
    expect(engine.listOutbox()).toMatchObject([{ id, state: 'done', attempts: 1 }]);
    expect(localAlert(db, alert.id)).toEqual(serverAlert(alert.id));
    expect(serverAlert(alert.id).status).toBe('acknowledged');
  });

  it('applies every command exactly once across a restart in the middle of a push', async () => {
    const db = openDb();
    const first = engineFor(db, { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 1 } });
    await first.pullOnce();
    const alerts = db.sqlite.prepare('SELECT id FROM alerts ORDER BY id LIMIT 30').pluck().all() as string[];
    for (const id of alerts) first.issueCommand({ type: 'alert.comment', entityId: id, baseVersion: null, payload: { text: `mine ${id}` } });
    // The server applies the batch, then the answer is lost (cut body) and the app "dies".
    server.setFaults({ truncateRate: 1 });
    await expect(first.pushOnce()).rejects.toThrow();
    expect(first.listOutbox().every((c) => c.state === 'sent')).toBe(true);
    db.close();
    opened.splice(opened.indexOf(db), 1);

    server.setFaults({ truncateRate: 0, errorRate: 0.3 }); // and some 5xx after the restart, half of them after applying
    const reopened = openDb();
    const second = engineFor(reopened);
    await second.pushOnce();
    const outbox = second.listOutbox();
    expect(outbox).toHaveLength(30);
    expect(outbox.every((c) => c.state === 'done' && c.attempts >= 2)).toBe(true);
    for (const id of alerts) {
      const comments = (server.getRecord('alerts', id)!.comments as { text: string }[]).filter((c) => c.text === `mine ${id}`);
      expect(comments, id).toHaveLength(1);
    }
    server.setFaults({ errorRate: 0 });
    await second.pullOnce();
    for (const id of alerts) expect(localAlert(reopened, id)).toEqual(serverAlert(id));
  });

  it('a pulled record does not overwrite an entity with unacknowledged commands; it lands once the outbox settles', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const alert = openAlerts(db)[1]!;
    engine.issueCommand({ type: 'alert.comment', entityId: alert.id, baseVersion: null, payload: { text: 'on my way' } }, () => {
      const comments = [...(JSON.parse(alert.comments) as unknown[]), { author_id: 'me', text: 'on my way', at: '2026-11-11T10:00:00+08:00' }];
      db.sqlite.prepare('UPDATE alerts SET comments = ? WHERE id = ?').run(JSON.stringify(comments), alert.id);
    });
    colleague('alert.acknowledge', alert.id, {});
    await engine.pullOnce();
    const local = localAlert(db, alert.id);
    expect(local.status).toBe('open'); // the colleague's version waits
    expect(local.version).toBe(alert.version);
    expect((local.comments as { text: string }[]).at(-1)?.text).toBe('on my way');

    await engine.pushOnce();
    const after = localAlert(db, alert.id);
    expect(after).toEqual(serverAlert(alert.id));
    expect(after.status).toBe('acknowledged');
    expect((after.comments as { text: string }[]).at(-1)?.text).toBe('on my way');
  });

  it('conflict keeps both versions; keep mine re-issues on the new base', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const alert = openAlerts(db)[2]!;
    const me = anyPerson(db);
    const first = engine.issueCommand({ type: 'alert.assign', entityId: alert.id, baseVersion: alert.version, payload: { assignee_id: me } }, () => {
      db.sqlite.prepare('UPDATE alerts SET assignee_id = ? WHERE id = ?').run(me, alert.id);
    });
    colleague('alert.comment', alert.id, { text: 'I looked at it' });
    await engine.pushOnce();
    const [conflict] = engine.listOutbox({ states: ['conflict'] });
    expect(conflict).toMatchObject({ id: first, state: 'conflict' });
    expect(conflict!.serverEntity).toMatchObject({ id: alert.id, version: alert.version + 1 });
    expect(engine.progress().outbox.conflict).toBe(1);
    // Mine stays on screen; theirs is in the conflict entry; a pull does not overwrite mine.
    await engine.pullOnce();
    expect(localAlert(db, alert.id)).toMatchObject({ assignee_id: me, version: alert.version });
    expect(await engine.pushOnce()).toBe(0); // nothing is sent while the user has to choose

    const reissued = engine.resolveConflict(first, 'keep_mine');
    expect(reissued).not.toBeNull();
    expect(engine.listOutbox({ entityId: alert.id })).toMatchObject([
      { id: reissued, state: 'pending', baseVersion: alert.version + 1 },
      { id: first, state: 'resolved', resolution: 'keep_mine', supersededBy: reissued },
    ]);
    await engine.pushOnce();
    expect(server.getRecord('alerts', alert.id)).toMatchObject({ assignee_id: me, version: alert.version + 2 });
    expect(localAlert(db, alert.id)).toEqual(serverAlert(alert.id));
  });

  it('conflict: take theirs drops my change and shows the server record', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const alert = openAlerts(db)[3]!;
    const me = anyPerson(db);
    const first = engine.issueCommand({ type: 'alert.assign', entityId: alert.id, baseVersion: alert.version, payload: { assignee_id: me } }, () => {
      db.sqlite.prepare('UPDATE alerts SET assignee_id = ? WHERE id = ?').run(me, alert.id);
    });
    colleague('alert.acknowledge', alert.id, {});
    await engine.pushOnce();
    expect(engine.resolveConflict(first, 'take_theirs')).toBeNull();
    expect(engine.listOutbox()).toMatchObject([{ id: first, state: 'resolved', resolution: 'take_theirs' }]);
    expect(localAlert(db, alert.id)).toEqual(serverAlert(alert.id));
    expect(localAlert(db, alert.id).status).toBe('acknowledged');
    expect(await engine.pushOnce()).toBe(0);
    expect(() => engine.resolveConflict(first, 'keep_mine')).toThrow(/not in conflict/);
  });

  it('a rejected command is shown with its reason, rolled back, and never sent again', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const alert = openAlerts(db)[4]!;
    const before = localAlert(db, alert.id);
    const id = engine.issueCommand({ type: 'alert.assign', entityId: alert.id, baseVersion: null, payload: { assignee_id: 'p_nobody' } }, () => {
      db.sqlite.prepare('UPDATE alerts SET assignee_id = ? WHERE id = ?').run('p_nobody', alert.id);
    });
    expect(localAlert(db, alert.id).assignee_id).toBe('p_nobody');
    await engine.pushOnce();
    const [entry] = engine.listOutbox();
    expect(entry).toMatchObject({ id, state: 'rejected', attempts: 1 });
    expect(entry!.lastError).toMatch(/not_found/);
    expect(engine.progress().outbox.rejected).toBe(1);
    expect(localAlert(db, alert.id)).toEqual(before);
    expect(await engine.pushOnce()).toBe(0);
    await engine.syncOnce();
    expect(engine.listOutbox()[0]).toMatchObject({ state: 'rejected', attempts: 1 });
  });

  it('built-in optimistic effects: acknowledge, comment, open', async () => {
    const db = openDb();
    const operator = server.tokens.operators[0]!;
    const engine = engineFor(db, { operatorId: operator.id });
    await engine.pullOnce();
    const alert = openAlerts(db)[5]!;
    engine.issueCommand({ type: 'alert.acknowledge', entityId: alert.id, baseVersion: alert.version, payload: {} });
    engine.issueCommand({ type: 'alert.comment', entityId: alert.id, baseVersion: null, payload: { text: '<b>看一下</b>' } });
    const local = localAlert(db, alert.id);
    expect(local).toMatchObject({ status: 'acknowledged', acknowledged_by: operator.id, version: alert.version });
    expect((local.comments as { text: string; author_id: string }[]).at(-1)).toMatchObject({ text: '<b>看一下</b>', author_id: operator.id });
    const newId = uuidv7();
    engine.issueCommand({
      type: 'alert.open', entityId: newId, baseVersion: null,
      payload: { dedup_key: 'k1', title: '差评激增', severity: 'P2', subject_type: 'platform', subject_id: null },
    });
    expect(localAlert(db, newId)).toMatchObject({ id: newId, version: 0, status: 'open', severity: 'P2' });
    // An effect that would store a malformed record refuses the command.
    expect(() => engine.issueCommand({ type: 'alert.escalate', entityId: alert.id, baseVersion: null, payload: { level: 'high' } })).toThrow(/malformed/);
    expect(engine.listOutbox()).toHaveLength(3);
    await engine.syncOnce();
    expect(engine.listOutbox().map((c) => c.state)).toEqual(['done', 'done', 'done']);
    expect(localAlert(db, alert.id)).toEqual(serverAlert(alert.id));
    expect(localAlert(db, newId)).toEqual(serverAlert(newId));
    expect(localAlert(db, newId).version).toBe(1);
  });

  it('tier overrides: commands address the merchant; set then clear ends with no local override', async () => {
    const db = openDb();
    const engine = engineFor(db);
    await engine.pullOnce();
    const merchant = db.sqlite
      .prepare('SELECT id FROM merchants WHERE id NOT IN (SELECT merchant_id FROM tier_overrides) ORDER BY id LIMIT 1')
      .pluck()
      .get() as string;
    engine.issueCommand({ type: 'merchant.set_tier_override', entityId: merchant, baseVersion: 0, payload: { tier: 'head', reason: 'key account', expires_on: null } });
    engine.issueCommand({ type: 'merchant.clear_tier_override', entityId: merchant, baseVersion: 1, payload: { reason: 'done' } });
    await engine.pushOnce();
    expect(engine.listOutbox().map((c) => c.state)).toEqual(['done', 'done']);
    expect(db.sqlite.prepare('SELECT count(*) FROM tier_overrides WHERE merchant_id = ?').pluck().get(merchant)).toBe(0);
    engine.issueCommand({ type: 'merchant.set_tier_override', entityId: merchant, baseVersion: 0, payload: { tier: 'waist', reason: 'again', expires_on: null } });
    await engine.syncOnce();
    expect(engine.listOutbox().map((c) => c.state)).toEqual(['done', 'done', 'done']);
    const local = [...exportRecords(db.sqlite, 'tier_overrides')].filter((r) => r.merchant_id === merchant);
    expect(local).toEqual([projectRecord('tier_overrides', server.getRecord('tier_overrides', `to_${merchant}`)!)]);
  });
});
