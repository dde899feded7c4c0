/**
 * Retention on a real SQLite file (migrated like the app's): old mentions pruned slice by slice,
 * alert samples, unconfirmed relabels and operators' labels kept, the totals, the query plan; the
 * background loop without a platform; and the two contract methods through the core.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import type { RetentionStatus } from '../api';
import type { DomainContext } from '../domain';
import { ApiError } from '../api/errors';
import { createCore, type Core } from '../runtime/core';
import { shanghaiTimestamp } from '../time';
import { runRetentionPass, startOpinionMonitoring } from './background';
import { MentionRetention, PUBLISHED_INDEX, RETENTION_CANDIDATES_SQL, RETENTION_KEY, retentionCutoff, retentionFor } from './retention';

const DAY = 86_400_000;
/** 2026-11-11T10:00:00+08:00. */
const NOW = Date.parse('2026-11-11T02:00:00Z');

let temp: ReturnType<typeof makeTempDir>;
let opened: OpenedDatabase;
let file: string;

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'cockpit.sqlite');
  opened = openDatabase({ file, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
});
afterEach(() => {
  if (opened.sqlite.open) opened.close();
  temp.cleanup();
});

function insertMention(sqlite: Database.Database, id: string, ageDays: number): void {
  const at = shanghaiTimestamp(NOW - ageDays * DAY);
  sqlite
    .prepare(`INSERT INTO mentions (id, version, updated_at, source, text, published_at, reach) VALUES (?, 1, ?, 'weibo', ?, ?, 10)`)
    .run(id, at, `text of ${id}`, at);
  sqlite
    .prepare(
      `INSERT INTO mention_scores (mention_id, mention_version, model_version, score, label, topic, label_source, drivers, topic_words, text_key, scored_at)
       VALUES (?, 1, 'm1', -0.5, 'negative', 'quality', 'model', '[]', '[]', ?, ?)`,
    )
    .run(id, `key${id}`, at);
}

function insertLabel(sqlite: Database.Database, id: string): void {
  sqlite
    .prepare(`INSERT INTO mention_labels (mention_id, label, topic, text_key, text, labelled_at) VALUES (?, 'negative', 'quality', ?, ?, ?)`)
    .run(id, `key${id}`, `text of ${id}`, shanghaiTimestamp(NOW));
}

function insertAlert(sqlite: Database.Database, id: string, mentionIds: unknown): void {
  sqlite
    .prepare(
      `INSERT INTO alerts (id, version, updated_at, dedup_key, title, severity, status, subject_type, subject_id, topic, opened_at, sla_due_at,
                           mention_ids, mention_count, negative_share, escalation_level, comments)
       VALUES (?, 1, ?, ?, 'an alert', 'P2', 'resolved', 'platform', NULL, 'quality', ?, NULL, ?, 3, 0.5, 0, '[]')`,
    )
    .run(id, shanghaiTimestamp(NOW), `quality:platform:${id}`, shanghaiTimestamp(NOW - 400 * DAY), typeof mentionIds === 'string' ? mentionIds : JSON.stringify(mentionIds));
}

function insertRelabel(sqlite: Database.Database, mentionId: string, state: string): void {
  sqlite
    .prepare(
      `INSERT INTO outbox_commands (id, type, resource, entity_id, base_version, payload, issued_at, state)
       VALUES (?, 'mention.label', 'mentions', ?, 1, '{"label":"negative","topic":null}', ?, ?)`,
    )
    .run(`cmd-${mentionId}-${state}`, mentionId, shanghaiTimestamp(NOW), state);
}

function ids(sqlite: Database.Database, table: 'mentions' | 'mention_scores' | 'mention_labels'): string[] {
  const column = table === 'mentions' ? 'id' : 'mention_id';
  return sqlite.prepare(`SELECT ${column} FROM ${table} ORDER BY ${column}`).pluck().all() as string[];
}

/** 40 old mentions (100–139 days), 10 recent ones (0–9 days), then one more old one inserted last (the largest rowid). */
function seed(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    for (let k = 0; k < 40; k++) insertMention(sqlite, `old${String(k).padStart(2, '0')}`, 100 + k);
    for (let k = 0; k < 10; k++) insertMention(sqlite, `new${k}`, k);
    insertMention(sqlite, 'zlast', 500);
  })();
}

describe('the cut-off', () => {
  it('is the start of the Shanghai day the window before today', () => {
    expect(retentionCutoff(NOW, 90)).toBe('2026-08-13T00:00:00+08:00');
    // 00:30 in Shanghai is still the previous day in UTC: the Shanghai day decides.
    expect(retentionCutoff(Date.parse('2026-11-10T16:30:00Z'), 90)).toBe('2026-08-13T00:00:00+08:00');
    expect(retentionCutoff(Date.parse('2026-11-10T15:59:59Z'), 90)).toBe('2026-08-12T00:00:00+08:00');
    expect(retentionCutoff(NOW, 30)).toBe('2026-10-12T00:00:00+08:00');
  });
});

describe('pruning mentions', () => {
  it('prunes old mentions and their scores; keeps recent ones, alert samples, unconfirmed relabels, labels and the newest rowid', () => {
    const { sqlite } = opened;
    seed(sqlite);
    // Samples of alerts, whatever the alert's or the mention's age; one alert's column is damaged.
    insertAlert(sqlite, 'al1', ['old00', 'old05', 'new1', 'gone']);
    insertAlert(sqlite, 'al2', ['old39']);
    insertAlert(sqlite, 'al3', 'not json');
    insertRelabel(sqlite, 'old10', 'pending');
    insertRelabel(sqlite, 'old11', 'done');
    insertLabel(sqlite, 'old20');
    insertLabel(sqlite, 'old10');

    const retention = new MentionRetention(sqlite, 2_000);
    const pass = retention.pruneAll(NOW);

    const kept = ['old00', 'old05', 'old10', 'old39'];
    const recent = Array.from({ length: 10 }, (_, k) => `new${k}`);
    // The newest rowid stays (the scoring cursor walks rowids), however old: `zlast` was inserted last.
    expect(ids(sqlite, 'mentions')).toEqual([...recent, ...kept, 'zlast']);
    expect(ids(sqlite, 'mention_scores')).toEqual([...recent, ...kept, 'zlast']);
    expect(ids(sqlite, 'mention_labels')).toEqual(['old10', 'old20']);
    expect(pass).toMatchObject({
      windowDays: 90, cutoff: '2026-08-13T00:00:00+08:00', rows: 36, slices: 1, keptForAlerts: 3, keptPending: 1,
    });
    expect(retention.status(NOW)).toMatchObject({ windowDays: 90, totalPrunedRows: 36, lastPass: pass, running: false, waitingForIndex: false });
  });

  it('works in bounded slices, each committed on its own; the totals add up and a second pass prunes nothing', () => {
    const { sqlite } = opened;
    seed(sqlite);
    insertAlert(sqlite, 'al1', ['old03', 'old17']);
    const retention = new MentionRetention(sqlite, 8);
    const other = connectDatabase(file);
    try {
      const pass = retention.beginPass(NOW)!;
      const slices = [];
      while (!pass.done) {
        const slice = pass.slice();
        slices.push(slice);
        expect(slice.examined).toBeLessThanOrEqual(8);
        // Committed: another connection sees the slice's deletes at once.
        expect(other.prepare(`SELECT count(*) FROM mentions`).pluck().get()).toBe(51 - slices.reduce((sum, s) => sum + s.rows, 0));
      }
      // 41 old mentions: five full slices of 8 and a last one of 1 (which ends the pass).
      expect(slices.map((s) => s.examined)).toEqual([8, 8, 8, 8, 8, 1]);
      expect(slices.reduce((sum, s) => sum + s.rows, 0)).toBe(38);
      const first = pass.finish(NOW);
      expect(first).toMatchObject({ rows: 38, slices: 6, keptForAlerts: 2, keptPending: 0 });
      expect(first.longestSliceMs).toBeGreaterThanOrEqual(0);
      expect(retention.state().totalPrunedRows).toBe(38);

      const second = retention.pruneAll(NOW)!;
      expect(second).toMatchObject({ rows: 0, keptForAlerts: 2 });
      expect(retention.state()).toMatchObject({ totalPrunedRows: 38, lastPass: second });

      // A narrower window later; a newer mention arrived, so `zlast` is no longer the newest rowid and goes too.
      retention.setWindow(30, NOW);
      insertMention(sqlite, 'mid', 45);
      insertMention(sqlite, 'new10', 0);
      const third = retention.pruneAll(NOW)!;
      expect(third).toMatchObject({ rows: 2, windowDays: 30, cutoff: '2026-10-12T00:00:00+08:00', keptForAlerts: 2 });
      expect(ids(sqlite, 'mentions')).toEqual([...Array.from({ length: 10 }, (_, k) => `new${k}`), 'new10', 'old03', 'old17'].sort());
      expect(retention.state().totalPrunedRows).toBe(40);
    } finally {
      other.close();
    }
  });

  it('walks the published_at index, never the whole table', () => {
    const plan = (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${RETENTION_CANDIDATES_SQL}`).all({ cutoff: 'x', afterAt: '', afterRowid: -1, limit: 1 }) as { detail: string }[])
      .map((row) => row.detail);
    expect(plan).toContain(`SEARCH m USING INDEX ${PUBLISHED_INDEX} (published_at>? AND published_at<?)`);
    expect(plan.some((detail) => /SEARCH o USING (COVERING )?INDEX outbox_by_entity/.test(detail))).toBe(true);
    expect(plan.filter((detail) => /^SCAN m\b/.test(detail))).toEqual([]);
  });

  it('waits while the published_at index is missing (a first download builds it at its end)', () => {
    const { sqlite } = opened;
    seed(sqlite);
    sqlite.exec(`DROP INDEX ${PUBLISHED_INDEX}`);
    const retention = new MentionRetention(sqlite);
    expect(retention.beginPass(NOW)).toBeNull();
    expect(retention.status(NOW).waitingForIndex).toBe(true);
    expect(ids(sqlite, 'mentions')).toHaveLength(51);
  });

  it('reports the database size and the free space inside the file', () => {
    const { sqlite } = opened;
    sqlite.transaction(() => {
      for (let k = 0; k < 3_000; k++) insertMention(sqlite, `m${String(k).padStart(5, '0')}`, 200 + (k % 50));
    })();
    const retention = new MentionRetention(sqlite);
    const before = retention.status(NOW);
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    expect(before.databaseBytes).toBe(Number(sqlite.pragma('page_count', { simple: true })) * pageSize);
    const pass = retention.pruneAll(NOW)!;
    expect(pass.rows).toBe(2_999); // all but the newest rowid
    expect(pass.slices).toBe(2);
    const after = retention.status(NOW);
    expect(after.freeBytes).toBe(Number(sqlite.pragma('freelist_count', { simple: true })) * pageSize);
    expect(after.freeBytes).toBeGreaterThan(before.freeBytes);
    expect(pass.freedBytes).toBe(after.freeBytes - before.freeBytes);
    expect(after.databaseBytes).toBe(before.databaseBytes); // SQLite does not shrink the file
  });

  it('falls back to the defaults when the stored value is damaged', () => {
    opened.sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 'x')`).run(RETENTION_KEY, '{"windowDays": 5, "totalPrunedRows": "many"');
    expect(new MentionRetention(opened.sqlite).state()).toEqual({ windowDays: 90, totalPrunedRows: 0, lastPass: null });
    opened.sqlite.prepare(`UPDATE settings SET value = ? WHERE key = ?`).run('{"windowDays": 5, "totalPrunedRows": 12}', RETENTION_KEY);
    expect(new MentionRetention(opened.sqlite).state()).toEqual({ windowDays: 90, totalPrunedRows: 12, lastPass: null });
  });
});

describe('the background pass', () => {
  function context(logger = recordingLogger()): DomainContext {
    return {
      opened,
      engine: () => {
        throw new ApiError('unavailable', 'No platform is connected');
      },
      commandIssued: () => undefined,
      logger: logger as unknown as DomainContext['logger'],
    };
  }

  async function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('lets the event loop run between slices', async () => {
    const { sqlite } = opened;
    seed(sqlite);
    const retention = new MentionRetention(sqlite, 5);
    const running = runRetentionPass(retention, () => false, NOW);
    // Queued after the first slice: it runs in the middle of the pass, not after it.
    let seenMidway = -1;
    setImmediate(() => (seenMidway = sqlite.prepare(`SELECT count(*) FROM mentions`).pluck().get() as number));
    const pass = await running;
    expect(pass).toMatchObject({ rows: 40, slices: 9 });
    expect(seenMidway).toBeLessThan(51);
    expect(seenMidway).toBeGreaterThan(11);
  });

  it('stops between slices once stopped', async () => {
    const { sqlite } = opened;
    seed(sqlite);
    let stopped = false;
    const running = runRetentionPass(new MentionRetention(sqlite, 5), () => stopped, NOW);
    stopped = true;
    expect(await running).toBeNull();
    // Only the first slice ran: the five oldest, of which `zlast` (the newest rowid) stays.
    expect(ids(sqlite, 'mentions')).toHaveLength(47);
    expect(retentionFor(opened).state().lastPass).toBeNull();
  });

  it('runs without a platform, logs a failure and tries again at the next pass', async () => {
    const { sqlite } = opened;
    seed(sqlite);
    const logger = recordingLogger();
    retentionFor(opened);
    // A broken table makes the first pass fail.
    sqlite.exec(`ALTER TABLE mention_scores RENAME TO mention_scores_away`);
    const background = startOpinionMonitoring(context(logger), { tickMs: 10, retentionFirstPassMs: 0, retentionEveryMs: 300 });
    try {
      await until(() => logger.lines.some((line) => line.level === 'error'));
      expect(logger.lines.find((line) => line.level === 'error')?.message).toMatch(/retention pass failed/);
      expect(ids(sqlite, 'mentions')).toHaveLength(51);
      sqlite.exec(`ALTER TABLE mention_scores_away RENAME TO mention_scores`);
      await until(() => retentionFor(opened).state().lastPass !== null);
      expect(retentionFor(opened).state()).toMatchObject({ totalPrunedRows: 40, lastPass: { rows: 40 } });
      expect(ids(sqlite, 'mentions')).toHaveLength(11);
    } finally {
      background.stop();
    }
  });
});

describe('opinion.retention and opinion.setRetention through the core', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  async function call<T>(method: string, input: unknown): Promise<T> {
    const result = await core!.call(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  it('answers the status, validates the window, keeps it, and prunes soon after it changed (no platform)', async () => {
    // Mentions of 40 days ago and a recent one: within 90 days they stay, within 30 days they go.
    opened.sqlite.transaction(() => {
      for (let k = 0; k < 5; k++) insertMention(opened.sqlite, `m${k}`, (Date.now() - NOW) / DAY + 40 + k);
      insertMention(opened.sqlite, 'recent', (Date.now() - NOW) / DAY);
    })();
    opened.close();
    core = createCore({ dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false, platform: { kind: 'none' } });

    const initial = await call<RetentionStatus>('opinion.retention', {});
    expect(initial).toMatchObject({ windowDays: 90, lastPass: null, totalPrunedRows: 0, running: false, waitingForIndex: false });
    expect(initial.databaseBytes).toBeGreaterThan(0);

    for (const windowDays of [29, 3651, 45.5]) {
      const refused = await core.call('opinion.setRetention', { windowDays });
      expect(refused.ok).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('invalid_input');
      expect(refused.error.issues).toEqual([
        { path: 'windowDays', message: Number.isInteger(windowDays) ? 'The retention window is 30 to 3650 days' : 'The retention window is a whole number of days' },
      ]);
    }
    expect((await call<RetentionStatus>('opinion.retention', {})).windowDays).toBe(90);

    const set = await call<RetentionStatus>('opinion.setRetention', { windowDays: 30 });
    expect(set.windowDays).toBe(30);
    let status = set;
    const deadline = Date.now() + 15_000;
    while (status.lastPass === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await call<RetentionStatus>('opinion.retention', {});
    }
    expect(status).toMatchObject({ windowDays: 30, totalPrunedRows: 5, lastPass: { windowDays: 30, rows: 5, keptForAlerts: 0 } });

    await core.close();
    core = createCore({ dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false, platform: { kind: 'none' }, domainBackground: false });
    expect(await call<RetentionStatus>('opinion.retention', {})).toMatchObject({ windowDays: 30, totalPrunedRows: 5 });
  }, 30_000);
});
