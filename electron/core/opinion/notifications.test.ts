/**
 * The badge counts and the notifications of new P1 alerts, on a real SQLite file: which alerts
 * notify (P1, still open, opened in the recent window, never notified), that a claim is atomic
 * across connections and calls, the `opinion.notify` event, and the queue's "mine" filter.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { notificationText, opinionNotifyEventSchema, type CoreEvent } from '../api';
import type { DomainContext } from '../domain';
import { createSilentLogger } from '../runtime/logger';
import { createCore, type Core } from '../runtime/core';
import { formatShanghai } from './detection';
import { createHandlers } from './handlers';
import { attentionOf, MAX_PENDING_NOTIFICATIONS, OpinionAttentionService, type AttentionCandidate } from './notifications';
import { DEFAULT_THRESHOLDS } from './thresholds';

const MINUTE = 60_000;
const NOW = Date.parse('2026-12-02T12:00:00+08:00');

interface AlertSeed {
  id: string;
  severity?: string;
  status?: string;
  minutesAgo?: number;
  slaDueAt?: string | null;
  assigneeId?: string | null;
  title?: string;
}

function insertAlert(opened: OpenedDatabase, seed: AlertSeed): void {
  const openedAt = formatShanghai(NOW - (seed.minutesAgo ?? 10) * MINUTE);
  opened.sqlite
    .prepare(
      `INSERT INTO alerts (id, version, updated_at, dedup_key, title, severity, status, subject_type, subject_id, topic, opened_at, sla_due_at,
         acknowledged_at, acknowledged_by, assignee_id, resolved_at, resolution, mention_ids, mention_count, negative_share, escalation_level, comments)
       VALUES (@id, 1, @openedAt, @dedup, @title, @severity, @status, 'merchant', 'm_1', 'food_safety', @openedAt, @slaDueAt,
         NULL, NULL, @assigneeId, NULL, NULL, '[]', 12, 0.9, 0, '[]')`,
    )
    .run({
      id: seed.id, openedAt, dedup: `food_safety:merchant:${seed.id}`, title: seed.title ?? `食品安全投诉激增 ${seed.id}`,
      severity: seed.severity ?? 'P1', status: seed.status ?? 'open', slaDueAt: seed.slaDueAt ?? null, assigneeId: seed.assigneeId ?? null,
    });
}

let temp: ReturnType<typeof makeTempDir>;
let opened: OpenedDatabase;
const others: OpenedDatabase[] = [];

beforeEach(() => {
  temp = makeTempDir();
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
});
afterEach(() => {
  for (const other of others.splice(0)) other.close();
  opened.close();
  temp.cleanup();
});

const service = (db: OpenedDatabase = opened) => new OpinionAttentionService(db.sqlite, () => DEFAULT_THRESHOLDS);

describe('which alerts draw the eye', () => {
  const candidate = (over: Partial<AttentionCandidate>): AttentionCandidate => ({
    id: 'al_1', title: 't', severity: 'P1', status: 'open', subjectType: 'merchant', subjectId: 'm_1',
    openedAt: formatShanghai(NOW - 10 * MINUTE), slaDueAt: null, ...over,
  });

  it('counts open P1 and breaches like the overview, each alert once in the badge', () => {
    const alerts = [
      candidate({ id: 'a' }), // open P1, on time
      candidate({ id: 'b', status: 'responding', openedAt: formatShanghai(NOW - 300 * MINUTE) }), // P1 not closed; responded, so not breached
      candidate({ id: 'c', severity: 'P2', status: 'acknowledged', openedAt: formatShanghai(NOW - 200 * MINUTE) }), // breached P2
      candidate({ id: 'd', openedAt: formatShanghai(NOW - 200 * MINUTE) }), // open P1 and breached: one alert
    ];
    const attention = attentionOf(alerts, new Set(), NOW, DEFAULT_THRESHOLDS);
    expect(attention).toMatchObject({ openP1: 3, breached: 2, attention: 4 });
  });

  it('notifies P1s still open and opened in the recent window, newest first, never twice', () => {
    const alerts = [
      candidate({ id: 'old', openedAt: formatShanghai(NOW - 121 * MINUTE) }), // before the window: a first sync of history
      candidate({ id: 'edge', openedAt: formatShanghai(NOW - 120 * MINUTE) }),
      candidate({ id: 'new', openedAt: formatShanghai(NOW - 1 * MINUTE) }),
      candidate({ id: 'acked', status: 'acknowledged' }),
      candidate({ id: 'p2', severity: 'P2' }),
      candidate({ id: 'done' }),
      candidate({ id: 'garbled', openedAt: 'not a time' }),
    ];
    const { pendingNotifications } = attentionOf(alerts, new Set(['done']), NOW, DEFAULT_THRESHOLDS);
    expect(pendingNotifications.map((a) => a.id)).toEqual(['new', 'edge']);
    expect(pendingNotifications[0]).toEqual({ id: 'new', title: 't', severity: 'P1', subjectType: 'merchant', subjectId: 'm_1', openedAt: alerts[2]!.openedAt });
    // A longer window (an operator's threshold) reaches further back.
    const wide = attentionOf(alerts, new Set(), NOW, { ...DEFAULT_THRESHOLDS, recentWindowMinutes: 240 });
    expect(wide.pendingNotifications.map((a) => a.id)).toContain('old');
  });

  it('hands out a bounded number at a time', () => {
    const many = Array.from({ length: 30 }, (_, k) => candidate({ id: `al_${String(k).padStart(2, '0')}`, openedAt: formatShanghai(NOW - k * MINUTE) }));
    const { pendingNotifications } = attentionOf(many, new Set(), NOW, DEFAULT_THRESHOLDS);
    expect(pendingNotifications).toHaveLength(MAX_PENDING_NOTIFICATIONS);
    expect(pendingNotifications[0]!.id).toBe('al_00');
  });
});

describe('claiming notifications on SQLite', () => {
  it('claims each alert once, across calls and connections', () => {
    insertAlert(opened, { id: 'al_new' });
    insertAlert(opened, { id: 'al_old', minutesAgo: 600 });
    insertAlert(opened, { id: 'al_p2', severity: 'P2' });
    const mine = service();
    expect(mine.attention(NOW).pendingNotifications.map((a) => a.id)).toEqual(['al_new']);

    // A second window reads the same pending list before either claims.
    const other = openDatabase({ file: opened.file, logger: recordingLogger() });
    others.push(other);
    expect(service(other).attention(NOW).pendingNotifications.map((a) => a.id)).toEqual(['al_new']);

    // Ids that are not pending (too old, not P1, unknown) are never claimed.
    expect(mine.claim(['al_new', 'al_old', 'al_p2', 'nope', 'al_new'], NOW).map((a) => a.id)).toEqual(['al_new']);
    expect(service(other).claim(['al_new'], NOW)).toEqual([]);
    expect(mine.claim(['al_new'], NOW + MINUTE)).toEqual([]);
    expect(mine.attention(NOW).pendingNotifications).toEqual([]);
    expect(opened.sqlite.prepare(`SELECT alert_id FROM opinion_notifications`).pluck().all()).toEqual(['al_new']);
  });

  it('forgets claims after a week, when the alert is long out of the window', () => {
    insertAlert(opened, { id: 'al_1' });
    expect(service().claim(['al_1'], NOW)).toHaveLength(1);
    insertAlert(opened, { id: 'al_2' });
    service().claim(['al_2'], NOW + 8 * 24 * 60 * MINUTE);
    expect(opened.sqlite.prepare(`SELECT count(*) FROM opinion_notifications WHERE alert_id = 'al_1'`).pluck().get()).toBe(0);
  });
});

describe('the handlers', () => {
  function handlersWith(events: CoreEvent[], operatorId: string | null) {
    const ctx: DomainContext = {
      opened, engine: () => { throw new Error('no engine in this test'); }, commandIssued: () => undefined, logger: createSilentLogger(),
      emit: (name, payload) => void events.push({ name, payload } as CoreEvent),
      operatorId: () => operatorId,
    };
    return createHandlers(ctx);
  }
  const at = formatShanghai(NOW);

  it('emits one opinion.notify with the claimed alerts, and none when nothing was claimed', async () => {
    insertAlert(opened, { id: 'al_a', minutesAgo: 5, title: '\u202Eexe.gnp<img src=x onerror=alert(1)>' });
    insertAlert(opened, { id: 'al_b', minutesAgo: 3 });
    const events: CoreEvent[] = [];
    const handlers = handlersWith(events, null);
    const attention = await handlers['opinion.attention']({ at });
    expect(attention).toMatchObject({ openP1: 2, breached: 0, attention: 2 });
    const ids = attention.pendingNotifications.map((a) => a.id);
    expect(ids).toEqual(['al_b', 'al_a']);
    const claimed = await handlers['opinion.claimNotifications']({ ids, at });
    expect(claimed.map((a) => a.id)).toEqual(['al_b', 'al_a']);
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe('opinion.notify');
    // The payload is what the contract declares (the main process trusts nothing else).
    expect(opinionNotifyEventSchema.parse(events[0]!.payload)).toEqual({ alerts: claimed });
    expect(await handlers['opinion.claimNotifications']({ ids, at })).toEqual([]);
    expect(events).toHaveLength(1);
    expect((await handlers['opinion.attention']({ at })).pendingNotifications).toEqual([]);
  });

  it('filters the queue to the operator’s alerts with "mine", and to none while the operator is unknown', async () => {
    insertAlert(opened, { id: 'al_mine', assigneeId: 'p_me', severity: 'P2' });
    insertAlert(opened, { id: 'al_theirs', assigneeId: 'p_other' });
    insertAlert(opened, { id: 'al_nobody' });
    const known = handlersWith([], 'p_me');
    const mine = await known['alerts.queue']({ mine: true, at });
    expect(mine.rows.map((r) => r.id)).toEqual(['al_mine']);
    expect(mine.operatorId).toBe('p_me');
    // "Mine" wins over an assignee picked as well; the other filters still apply.
    expect((await known['alerts.queue']({ mine: true, assigneeId: 'p_other', at })).rows.map((r) => r.id)).toEqual(['al_mine']);
    expect((await known['alerts.queue']({ mine: true, severities: ['P1'], at })).rows).toEqual([]);
    expect((await known['alerts.queue']({ at })).rows).toHaveLength(3);
    expect((await known['alerts.queue']({ at })).operatorId).toBeUndefined();
    const unknown = await handlersWith([], null)['alerts.queue']({ mine: true, at });
    expect(unknown).toMatchObject({ rows: [], operatorId: null });
  });
});

describe('through the core API', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('answers attention, claims once and sends opinion.notify to every listener', async () => {
    const dataDir = path.join(temp.dir, 'core');
    core = createCore({ dataDir, mode: 'browser', appVersion: '1.0.0', writeLogs: false, platform: { kind: 'none' }, domainBackground: false });
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    const other = openDatabase({ file: path.join(dataDir, 'cockpit.sqlite'), logger: recordingLogger() });
    others.push(other);
    insertAlert(other, { id: 'al_core', minutesAgo: 1 });
    const at = formatShanghai(NOW);
    const attention = await core.call('opinion.attention', { at });
    expect(attention).toMatchObject({ ok: true, value: { openP1: 1, breached: 0, attention: 1, pendingNotifications: [{ id: 'al_core' }] } });
    const [first, second] = await Promise.all([
      core.call('opinion.claimNotifications', { ids: ['al_core'], at }),
      core.call('opinion.claimNotifications', { ids: ['al_core'], at }),
    ]);
    const claimed = [first, second].flatMap((result) => (result.ok ? (result.value as { id: string }[]) : []));
    expect(claimed.map((a) => a.id)).toEqual(['al_core']);
    expect(events.filter((event) => event.name === 'opinion.notify')).toEqual([
      { name: 'opinion.notify', payload: { alerts: [expect.objectContaining({ id: 'al_core', severity: 'P1' })] } },
    ]);
    // No platform: nobody is "me" yet.
    expect(await core.call('alerts.queue', { mine: true, at })).toMatchObject({ ok: true, value: { rows: [], operatorId: null } });
    expect(await core.call('opinion.claimNotifications', { ids: [], at })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('notification text', () => {
  it('is plain text: controls become spaces, bidi controls go, long text is cut', () => {
    expect(notificationText('差评\u202Egpj.exe')).toBe('差评gpj.exe');
    expect(notificationText('a\u2066b\u2069c\u200Fd\u061Ce\uFEFF')).toBe('abcde');
    expect(notificationText('line\nbreak\u2028and\ttab\u001B[31m')).toBe('line break and tab [31m');
    expect(notificationText('  many    spaces  ')).toBe('many spaces');
    expect(notificationText('<b>not markup</b>')).toBe('<b>not markup</b>');
    const long = '食'.repeat(200);
    expect(Array.from(notificationText(long))).toHaveLength(120);
    expect(notificationText(long).endsWith('…')).toBe(true);
    // Cut between characters, never inside a surrogate pair.
    const emoji = notificationText('😀'.repeat(130));
    expect(emoji).toBe(`${'😀'.repeat(119)}…`);
    expect(notificationText('abc', 2)).toBe('a…');
  });
});
