/**
 * The loop on a real database synced from the reference platform: a burst of negative mentions
 * is scored, detected and opened through the outbox; the board's queue, detail and actions; the
 * SLA warning, breach and its single escalation; a relabel reaching copies of the text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { commandRegistry } from '../domains';
import type { AlertDetail, AlertQueueRow } from '../api';
import type { DomainContext } from '../domain';
import { createSilentLogger } from '../runtime/logger';
import { createSentimentEngine, defaultResourcesDir } from '../sentiment';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { formatShanghai } from './detection';
import { createHandlers } from './handlers';
import { OpinionMonitor } from './monitor';
import { SLA_BREACH_NOTE } from './sla';

const MINUTE = 60_000;
const BURST_TEXTS = [
  '吃了这家店的牛肉干之后全家拉肚子，打开发现已经发霉了！',
  '牛肉干里吃出了异物，生产日期还是模糊的，怀疑是过期食品翻新。',
  '收到的牛肉干没有冷链，化冻了还有异味，食品安全谁来保障？',
];

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;
let engine: SyncEngine;
let handlers: ReturnType<typeof createHandlers>;
let nowMs: number;
let merchantId: string;
let alertId: string;

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  engine = createSyncEngine({ sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token }, commands: commandRegistry });
  await engine.syncOnce();
  const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => undefined, logger: createSilentLogger() };
  handlers = createHandlers(ctx);
  nowMs = Date.parse(platform.serverTime());
  // A merchant with no alert yet, and 30 food-safety complaints about it in the last hour.
  merchantId = opened.sqlite
    .prepare(`SELECT id FROM merchants WHERE id NOT IN (SELECT subject_id FROM alerts WHERE subject_id IS NOT NULL) ORDER BY id LIMIT 1`)
    .pluck().get() as string;
  const insert = opened.sqlite.prepare(
    `INSERT INTO mentions (id, version, updated_at, source, url, author, text, merchant_id, category_id, published_at, reach)
     VALUES (?, 1, ?, 'weibo', NULL, '路人', ?, ?, (SELECT category_id FROM merchants WHERE id = ?), ?, 20000)`,
  );
  for (let k = 0; k < 30; k++) {
    const at = formatShanghai(nowMs - (50 - k) * MINUTE);
    insert.run(`mn_T${String(k).padStart(4, '0')}`, at, `${BURST_TEXTS[k % 3]} #${k}`, merchantId, merchantId, at);
  }
}, 60_000);
afterAll(async () => {
  await engine.stop();
  opened.close();
  await platform.close();
  temp.cleanup();
});

async function queueAt(at: string): Promise<AlertQueueRow[]> {
  return (await handlers['alerts.queue']({ at })).rows;
}

describe('public-opinion workflow', () => {
  it('scores, detects the burst and opens one alert through the outbox', async () => {
    const monitor = new OpinionMonitor(opened.sqlite, { score: createSentimentEngine({ resourcesDir: defaultResourcesDir() }).score, modelVersion: 'test' }, () => engine);
    let step = monitor.step(nowMs, { maxScoringBatches: 1000 });
    expect(step.scoring.caughtUp).toBe(true);
    const breachedNow = step.escalationCommandIds.length;
    const mine = step.detection!.opened.filter((a) => a.subjectId === merchantId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dedupKey: `food_safety:merchant:${merchantId}`, severity: 'P1', mentionCount: 30 });
    alertId = mine[0]!.id;

    expect((await queueAt(formatShanghai(nowMs))).find((r) => r.id === alertId)).toMatchObject({ local: true, slaState: 'on_track' });

    // Detection again (a second cockpit would do the same): nothing new, the alert is active.
    step = monitor.step(nowMs);
    expect(step.openCommandIds).toEqual([]);
    expect(step.escalationCommandIds).toEqual([]); // breaches escalate once
    // Only breaches of the recent window (2 h) are escalated: older ones are history.
    const breachedRecently = opened.sqlite
      .prepare(`SELECT count(*) FROM alerts WHERE status IN ('open', 'acknowledged') AND sla_due_at <= ? AND sla_due_at >= ? AND escalation_level < 3`)
      .pluck()
      .get(formatShanghai(nowMs), formatShanghai(nowMs - 2 * 3_600_000)) as number;
    expect(breachedNow).toBe(breachedRecently);
    expect(step.detection!.suppressed).toContainEqual(expect.objectContaining({ dedupKey: `food_safety:merchant:${merchantId}`, reason: 'already_open' }));

    await engine.pushOnce();
    expect(platform.getRecord('alerts', alertId)).toMatchObject({ status: 'open', severity: 'P1', subject_id: merchantId, mention_count: 30 });
  });

  it('orders the queue by SLA risk and shows the warning and the breach', async () => {
    const opening = Date.parse((await handlers['alerts.detail']({ id: alertId })).alert.openedAt);
    const at = (minutes: number) => formatShanghai(opening + minutes * MINUTE);
    const rowAt = async (minutes: number) => (await queueAt(at(minutes))).find((r) => r.id === alertId);
    expect(await rowAt(89)).toMatchObject({ slaState: 'on_track', slaMsLeft: 31 * MINUTE });
    expect(await rowAt(90)).toMatchObject({ slaState: 'warning' });
    expect(await rowAt(120)).toMatchObject({ slaState: 'breached', slaMsLeft: 0 });
    const rows = await queueAt(at(121));
    const rank = (s: string) => (s === 'breached' ? 0 : s === 'responded' ? 2 : 1);
    for (let k = 1; k < rows.length; k++) {
      const [a, b] = [rows[k - 1]!, rows[k]!];
      expect(rank(a.slaState) < rank(b.slaState) || (rank(a.slaState) === rank(b.slaState) && (a.slaMsLeft ?? Infinity) <= (b.slaMsLeft ?? Infinity))).toBe(true);
    }
  });

  it('shows the detail: timeline, topics, samples with drivers, audit trail', async () => {
    const detail: AlertDetail = await handlers['alerts.detail']({ id: alertId, at: formatShanghai(nowMs) });
    expect(detail.alert).toMatchObject({ id: alertId, status: 'open', local: false, dedupKey: `food_safety:merchant:${merchantId}` });
    expect(detail.timeline.reduce((n, b) => n + b.negative, 0)).toBe(30);
    expect(detail.topics[0]).toEqual({ topic: 'food_safety', mentions: 30 });
    expect(detail.samples).toHaveLength(30);
    expect(detail.samples[0]).toMatchObject({ label: 'negative', topic: 'food_safety', labelSource: 'model', author: '路人' });
    expect(detail.samples[0]!.drivers.length).toBeGreaterThan(0);
    expect(detail.audit.map((e) => [e.action, e.state])).toEqual([['open', 'synced'], ['open', 'done']]);
  });

  it('runs the workflow as commands the platform applies, in order', async () => {
    const assignee = opened.sqlite.prepare(`SELECT id FROM people ORDER BY id LIMIT 1`).pluck().get() as string;
    handlers['alerts.acknowledge']({ id: alertId });
    handlers['alerts.assign']({ id: alertId, assigneeId: assignee });
    handlers['alerts.comment']({ id: alertId, text: '<b>已联系商家</b>' });
    handlers['alerts.startResponse']({ id: alertId, note: '公关声明起草中' });
    expect(() => handlers['alerts.startResponse']({ id: alertId })).toThrow(/already responding/);
    expect((await queueAt(formatShanghai(nowMs))).find((r) => r.id === alertId)).toMatchObject({ status: 'responding', assigneeId: assignee, slaState: 'responded', unsyncedCommands: 4 });
    await engine.pushOnce();
    const record = platform.getRecord('alerts', alertId)!;
    expect(record).toMatchObject({ status: 'responding', assignee_id: assignee });
    expect((record.comments as { text: string }[]).map((c) => c.text)).toEqual(['<b>已联系商家</b>', '公关声明起草中']);
    handlers['alerts.resolve']({ id: alertId, resolution: '商家下架问题批次并赔付' });
    await engine.pushOnce();
    expect(platform.getRecord('alerts', alertId)).toMatchObject({ status: 'resolved', resolution: '商家下架问题批次并赔付' });
    expect(() => handlers['alerts.dismiss']({ id: alertId, reason: 'x' })).toThrow(/already resolved/);
  });

  it('escalates a breached alert once', async () => {
    // The first step already escalated the alerts breached at the platform's now; take one due later.
    const open = opened.sqlite
      .prepare(`SELECT id, escalation_level AS level, sla_due_at AS due FROM alerts WHERE status IN ('open', 'acknowledged') AND escalation_level < 3 AND sla_due_at > ? ORDER BY sla_due_at LIMIT 1`)
      .get(formatShanghai(nowMs)) as { id: string; level: number; due: string };
    const monitor = new OpinionMonitor(opened.sqlite, { score: () => { throw new Error('nothing left to score'); }, modelVersion: 'test' }, () => engine);
    const dueMs = Date.parse(open.due);
    expect(monitor.step(dueMs - MINUTE).escalationCommandIds).toEqual([]);
    const first = monitor.step(dueMs + MINUTE).escalationCommandIds;
    expect(first).toHaveLength(1);
    expect(monitor.step(dueMs + 2 * MINUTE).escalationCommandIds).toEqual([]);
    const escalated = opened.sqlite.prepare(`SELECT escalation_level AS level, comments FROM alerts WHERE id = ?`).get(open.id) as { level: number; comments: string };
    expect(escalated.level).toBe(open.level + 1);
    expect(escalated.comments).toContain(SLA_BREACH_NOTE);
    await engine.pushOnce();
    expect(platform.getRecord('alerts', open.id)).toMatchObject({ escalation_level: open.level + 1 });
  });

  it('relabels a mention through the outbox, and copies of its text take the label', async () => {
    // Generated posts repeat: two synced mentions that say the same thing (same text key).
    const pair = opened.sqlite
      .prepare(`SELECT min(mention_id) AS target, max(mention_id) AS copy FROM mention_scores WHERE label = 'negative' AND mention_id NOT LIKE 'mn_T%' GROUP BY text_key HAVING count(*) > 1 ORDER BY text_key LIMIT 1`)
      .get() as { target: string; copy: string };
    handlers['mentions.relabel']({ id: pair.target, label: 'neutral', topic: null });
    const found = await handlers['mentions.search']({ labels: ['neutral'], limit: 1000 });
    expect(found.find((m) => m.id === pair.target)).toMatchObject({ label: 'neutral', labelSource: 'operator', topic: null });
    expect(found.find((m) => m.id === pair.copy)).toMatchObject({ label: 'neutral', labelSource: 'operator' });
    expect(await handlers['mentions.search']({ labels: ['negative'], subjectType: 'merchant', subjectId: merchantId })).toHaveLength(30);
    expect(await handlers['mentions.search']({ text: '过期食品', subjectType: 'merchant', subjectId: merchantId })).toHaveLength(10);
    expect(await handlers['opinion.scoring']({})).toMatchObject({ total: expect.any(Number) });
    await engine.pushOnce();
    expect(platform.getRecord('mentions', pair.target)).toMatchObject({ label: 'neutral', topic: null });
  });
});
