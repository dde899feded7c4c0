/**
 * Review-meeting notes and action items on a real synced database: kept locally, listed per
 * period, and an action item turned into an OKR check-in note or an alert comment through the
 * same outbox commands the boards issue, exactly once; the review pack prints them.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { methods, readMethods } from '../api/contract';
import { ApiError } from '../api/errors';
import { conversionText, meetingsMethods, type MeetingAction } from '../api/meetings';
import type { DomainContext, HandlersOf } from '../domain';
import { commandRegistry } from '../domains';
import { createSilentLogger } from '../runtime/logger';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createHandlers } from './handlers';
import { overviewDomain } from './index';
import { createMeetingHandlers } from './meeting-handlers';
import { meetingRows } from './meeting-pack';
import { checkInFigures } from './meetings-service';
import { buildReviewPack } from './review-pack';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;
let engine: SyncEngine;
let meetings: HandlersOf<typeof meetingsMethods>;
let issued = 0;
/** 2026-11-11 11:00 in Shanghai. */
const now = () => new Date('2026-11-11T03:00:00Z');

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  await createSyncEngine({
    sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token },
    commands: commandRegistry, operatorId: 'me', retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  }).syncOnce();
  // From here on the platform is unreachable: a conversion is queued, as every board's command is.
  engine = createSyncEngine({
    sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: 'http://127.0.0.1:9', token: 'offline' },
    commands: commandRegistry, operatorId: 'me', retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => void issued++, logger: createSilentLogger() };
  meetings = createMeetingHandlers(ctx, now);
}, 120_000);
afterAll(async () => {
  await engine?.stop();
  opened?.close();
  await platform?.close();
  temp?.cleanup();
});

type Sync<T> = T extends Promise<infer U> ? U : T;
/** The handlers answer synchronously; this only drops the `| Promise` of their type. */
function call<K extends keyof typeof meetingsMethods>(method: K, input: Parameters<(typeof meetings)[K]>[0]): Sync<ReturnType<(typeof meetings)[K]>> {
  const parsed = meetingsMethods[method].input.parse(input) as never;
  const answer = (meetings[method] as (input: never) => unknown)(parsed);
  if (answer instanceof Promise) throw new Error('expected a synchronous answer');
  return meetingsMethods[method].output.parse(answer) as never;
}

function outbox(type: string): { id: string; entityId: string; baseVersion: number | null; state: string; payload: Record<string, unknown> }[] {
  const rows = opened.sqlite
    .prepare('SELECT id, entity_id AS entityId, base_version AS baseVersion, state, payload FROM outbox_commands WHERE type = ? ORDER BY seq')
    .all(type) as { id: string; entityId: string; baseVersion: number | null; state: string; payload: string }[];
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

function openKeyResult(): { id: string; value: number; teamId: string } {
  return opened.sqlite
    .prepare(
      `SELECT kr.id, kr.current_value AS value, o.team_id AS teamId FROM key_results kr JOIN objectives o ON o.id = kr.objective_id
       JOIN okr_teams t ON t.id = o.team_id WHERE t.status != 'closed' ORDER BY kr.id LIMIT 1`,
    )
    .get() as { id: string; value: number; teamId: string };
}

describe('meeting notes and action items', () => {
  let fix: MeetingAction;

  it('keeps notes and actions locally and lists them per period, open actions always', () => {
    const note = call('meetings.saveNote', { meetingOn: '2026-11-10', title: '双周复盘 第 22 期', body: '退货率上升 <b>0.4</b> 个百分点' });
    const old = call('meetings.saveNote', { meetingOn: '2026-10-01', title: '上上期', body: '' });
    fix = call('meetings.saveAction', { noteId: note.id, title: '核查美妆退货', owner: '李娜', dueOn: '2026-11-20' });
    const done = call('meetings.saveAction', { noteId: old.id, title: '旧事项', owner: '王强', status: 'done' });
    const open = call('meetings.saveAction', { noteId: old.id, title: '仍未完成', owner: '王强', dueOn: '2026-11-12' });
    const undated = call('meetings.saveAction', { title: '无截止日期', owner: '外部顾问' });
    expect(note.updatedAt).toBe('2026-11-11T11:00:00+08:00');
    expect(fix).toMatchObject({ status: 'open', convertedTo: null, noteId: note.id });

    const period = call('meetings.list', { from: '2026-10-29', to: '2026-11-11' });
    expect(period.notes.map((n) => n.id)).toEqual([note.id]);
    expect(period.notes[0]!.body).toBe('退货率上升 <b>0.4</b> 个百分点');
    // Open ones by due date (none last), then the done one changed within the period.
    expect(period.actions.map((a) => a.id)).toEqual([open.id, fix.id, undated.id, done.id]);
    // A period that saw none of it: only what is still open.
    const september = call('meetings.list', { from: '2026-09-01', to: '2026-09-30' });
    expect(september.notes).toEqual([]);
    expect(september.actions.map((a) => a.id)).toEqual([open.id, fix.id, undated.id]);
    // No bounds: every note, newest meeting first.
    expect(call('meetings.list', {}).notes.map((n) => n.id)).toEqual([note.id, old.id]);

    const edited = call('meetings.saveAction', { id: fix.id, title: '核查美妆退货原因', owner: '李娜', status: 'done' });
    expect(edited).toMatchObject({ title: '核查美妆退货原因', dueOn: '2026-11-20', status: 'done', noteId: note.id });
    const reopened = call('meetings.saveAction', { id: fix.id, title: '核查美妆退货原因', owner: '李娜', status: 'open', dueOn: null });
    expect(reopened).toMatchObject({ status: 'open', dueOn: null });
    fix = reopened;
    expect(call('meetings.saveNote', { id: note.id, meetingOn: '2026-11-09', title: '双周复盘 第 22 期', body: '改' })).toMatchObject({ meetingOn: '2026-11-09', body: '改' });

    expect(call('meetings.deleteNote', { id: old.id })).toEqual({ deleted: true });
    expect(call('meetings.list', {}).actions.find((a) => a.id === open.id)?.noteId).toBeNull();
    expect(call('meetings.deleteAction', { id: done.id })).toEqual({ deleted: true });
    expect(call('meetings.deleteAction', { id: done.id })).toEqual({ deleted: false });
    expect(call('meetings.deleteAction', { id: undated.id })).toEqual({ deleted: true });
  });

  it('answers not_found for what does not exist', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(code(() => call('meetings.saveAction', { noteId: 'nope', title: 'x', owner: 'y' }))).toBe('not_found: No meeting note nope');
    expect(code(() => call('meetings.saveAction', { id: 'nope', title: 'x', owner: 'y' }))).toBe('not_found: No action item nope');
    expect(code(() => call('meetings.saveNote', { id: 'nope', meetingOn: '2026-11-11', title: 'x', body: '' }))).toBe('not_found: No meeting note nope');
    expect(code(() => call('meetings.convertAction', { id: 'nope', kind: 'alert_comment', alertId: 'a' }))).toBe('not_found: No action item nope');
  });

  it('refuses malformed input at the contract', () => {
    const refused = <K extends keyof typeof meetingsMethods>(method: K, input: unknown) => !meetingsMethods[method].input.safeParse(input).success;
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y', dueOn: '2026-02-30' })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y', dueOn: '2026-2-3' })).toBe(true);
    expect(refused('meetings.saveAction', { title: ' ', owner: 'y' })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: '' })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y'.repeat(101) })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y', extra: 1 })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y', status: 'closed' })).toBe(true);
    expect(refused('meetings.saveAction', { title: 'x', owner: 'y', dueOn: '2028-02-29', status: 'done' })).toBe(false);
    expect(refused('meetings.saveNote', { meetingOn: '2026-11-31', title: 'x', body: '' })).toBe(true);
    expect(refused('meetings.saveNote', { meetingOn: '2026-11-11', title: 'x', body: 'b'.repeat(20_001) })).toBe(true);
    expect(refused('meetings.list', { from: '2026-11-12', to: '2026-11-11' })).toBe(true);
    expect(refused('meetings.list', { from: '2026-11-11' })).toBe(false);
    expect(refused('meetings.convertAction', { id: 'a', kind: 'okr_checkin' })).toBe(true);
    expect(refused('meetings.convertAction', { id: 'a', kind: 'okr_checkin', keyResultId: 'k', confidence: 1.5 })).toBe(true);
    expect(refused('meetings.convertAction', { id: 'a', kind: 'alert_comment', alertId: 'x', keyResultId: 'k' })).toBe(true);
    expect(refused('meetings.convertAction', { id: 'a', kind: 'task', alertId: 'x' })).toBe(true);
  });

  it('is part of the contract, every change a write (a read-only token may only list)', () => {
    for (const name of Object.keys(meetingsMethods)) {
      expect(methods).toHaveProperty([name]);
      expect(overviewDomain.methods).toHaveProperty([name]);
    }
    const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => undefined, logger: createSilentLogger() };
    expect(Object.keys(createHandlers(ctx))).toEqual(expect.arrayContaining(Object.keys(meetingsMethods)));
    expect(readMethods.filter((name) => name.startsWith('meetings.'))).toEqual(['meetings.list']);
  });

  it('turns an action into an OKR check-in note once: the KR value and its latest confidence unchanged', () => {
    const kr = openKeyResult();
    const latest = opened.sqlite.prepare('SELECT confidence FROM check_ins WHERE key_result_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1').pluck().get(kr.id) as number | undefined;
    const action = call('meetings.saveAction', { title: '补货 3 万件', owner: '赵敏', dueOn: '2026-11-15' });
    const before = outbox('okr.check_in').length;
    const issuedBefore = issued;

    const converted = call('meetings.convertAction', { id: action.id, kind: 'okr_checkin', keyResultId: kr.id });
    const commands = outbox('okr.check_in');
    expect(commands).toHaveLength(before + 1);
    const command = commands.at(-1)!;
    expect(command).toMatchObject({ baseVersion: null, state: 'pending' });
    expect(command.payload).toEqual({ key_result_id: kr.id, value: kr.value, confidence: latest ?? 0.5, note: '【复盘行动项】补货 3 万件 · 负责人 赵敏 · 截止 2026-11-15' });
    expect(converted.convertedTo).toEqual({ kind: 'okr_checkin', targetId: kr.id, commandId: command.id });
    expect(issued).toBe(issuedBefore + 1);
    // The OKR domain's own local effect ran: the check-in is there at once, the KR value unchanged.
    const checkIn = opened.sqlite.prepare('SELECT value, note FROM check_ins WHERE id = ?').get(command.entityId) as { value: number; note: string };
    expect(checkIn).toEqual({ value: kr.value, note: conversionText(action) });
    expect(opened.sqlite.prepare('SELECT current_value FROM key_results WHERE id = ?').pluck().get(kr.id)).toBe(kr.value);

    expect(() => call('meetings.convertAction', { id: action.id, kind: 'okr_checkin', keyResultId: kr.id })).toThrow(/already turned into an OKR check-in/);
    expect(() => call('meetings.convertAction', { id: action.id, kind: 'alert_comment', alertId: 'x' })).toThrow(/already/);
    expect(outbox('okr.check_in')).toHaveLength(before + 1);
    expect(outbox('alert.comment').some((c) => c.payload.text === conversionText(action))).toBe(false);
    expect(issued).toBe(issuedBefore + 1);
  });

  it('takes the value and confidence given, and refuses a KR of a closed team or an unknown KR without a command', () => {
    const kr = openKeyResult();
    const action = call('meetings.saveAction', { title: '目标上调', owner: '周杰' });
    const converted = call('meetings.convertAction', { id: action.id, kind: 'okr_checkin', keyResultId: kr.id, value: kr.value + 5, confidence: 0.9 });
    expect(outbox('okr.check_in').find((c) => c.id === converted.convertedTo?.commandId)?.payload).toMatchObject({ value: kr.value + 5, confidence: 0.9 });

    const before = outbox('okr.check_in').length;
    const other = call('meetings.saveAction', { title: '另一事项', owner: '周杰' });
    expect(() => call('meetings.convertAction', { id: other.id, kind: 'okr_checkin', keyResultId: 'no-such-kr' })).toThrow(/No key result no-such-kr/);
    // As if the team had closed since (a synced change): the OKR board refuses its check-ins, so do we.
    const status = opened.sqlite.prepare('SELECT status FROM okr_teams WHERE id = ?').pluck().get(kr.teamId) as string;
    opened.sqlite.prepare(`UPDATE okr_teams SET status = 'closed' WHERE id = ?`).run(kr.teamId);
    try {
      expect(() => call('meetings.convertAction', { id: other.id, kind: 'okr_checkin', keyResultId: kr.id })).toThrow(`Team ${kr.teamId} is closed`);
    } finally {
      opened.sqlite.prepare('UPDATE okr_teams SET status = ? WHERE id = ?').run(status, kr.teamId);
    }
    expect(outbox('okr.check_in')).toHaveLength(before);
    expect(call('meetings.list', {}).actions.find((a) => a.id === other.id)?.convertedTo).toBeNull();
  });

  it('defaults a check-in to the KR value and latest confidence, 0.5 when it has none', () => {
    expect(checkInFigures({ value: 12, latestConfidence: null }, {})).toEqual({ value: 12, confidence: 0.5 });
    expect(checkInFigures({ value: 12, latestConfidence: 0.2 }, {})).toEqual({ value: 12, confidence: 0.2 });
    expect(checkInFigures({ value: 12, latestConfidence: 0.2 }, { value: 0, confidence: 0 })).toEqual({ value: 0, confidence: 0 });
    expect(conversionText({ title: '回访', owner: '客服组', dueOn: null })).toBe('【复盘行动项】回访 · 负责人 客服组');
  });

  it('turns an action into an alert comment with the opinion board’s command; an unknown alert issues nothing', () => {
    const alert = opened.sqlite.prepare('SELECT id FROM alerts ORDER BY id LIMIT 1').get() as { id: string };
    const action = call('meetings.saveAction', { title: '回复消费者', owner: '客服组' });
    const before = outbox('alert.comment').length;
    expect(() => call('meetings.convertAction', { id: action.id, kind: 'alert_comment', alertId: 'no-such-alert' })).toThrow(/No alert no-such-alert/);
    expect(outbox('alert.comment')).toHaveLength(before);
    expect(call('meetings.list', {}).actions.find((a) => a.id === action.id)?.convertedTo).toBeNull();

    const converted = call('meetings.convertAction', { id: action.id, kind: 'alert_comment', alertId: alert.id });
    const commands = outbox('alert.comment');
    expect(commands).toHaveLength(before + 1);
    expect(commands.at(-1)).toMatchObject({ id: converted.convertedTo?.commandId, entityId: alert.id, baseVersion: null, payload: { text: '【复盘行动项】回复消费者 · 负责人 客服组' } });
    expect(converted.convertedTo).toMatchObject({ kind: 'alert_comment', targetId: alert.id });
    const comments = JSON.parse(opened.sqlite.prepare('SELECT comments FROM alerts WHERE id = ?').pluck().get(alert.id) as string) as { text: string }[];
    expect(comments.at(-1)?.text).toBe(conversionText(action));
  });

  it('answers unavailable without a platform, and neither queues nor marks', () => {
    const ctx: DomainContext = {
      opened, commandIssued: () => void issued++, logger: createSilentLogger(),
      engine: () => {
        throw new ApiError('unavailable', 'No platform is connected');
      },
    };
    const alert = opened.sqlite.prepare('SELECT id FROM alerts ORDER BY id LIMIT 1').get() as { id: string };
    const action = call('meetings.saveAction', { title: '无平台', owner: '我' });
    const before = outbox('alert.comment').length;
    const issuedBefore = issued;
    expect(() => createMeetingHandlers(ctx, now)['meetings.convertAction']({ id: action.id, kind: 'alert_comment', alertId: alert.id })).toThrow(/No platform/);
    expect(outbox('alert.comment')).toHaveLength(before);
    expect(issued).toBe(issuedBefore);
    expect(call('meetings.list', {}).actions.find((a) => a.id === action.id)?.convertedTo).toBeNull();
    call('meetings.deleteAction', { id: action.id });
  });

  it('goes into the review pack for its period, open actions first by due date', () => {
    const pack = buildReviewPack(opened.sqlite, { from: '2026-10-29', to: '2026-11-11' });
    expect(pack.meeting.notes.map((n) => n.title)).toEqual(['双周复盘 第 22 期']);
    const actions = pack.meeting.actions;
    // Due dates first (11-12, 11-15), then the undated ones, the latest made first.
    expect(actions.map((a) => a.title)).toEqual(['仍未完成', '补货 3 万件', '回复消费者', '另一事项', '目标上调', '核查美妆退货原因']);
    expect(actions.filter((a) => a.convertedTo).map((a) => a.convertedTo!.kind)).toEqual(['okr_checkin', 'alert_comment', 'okr_checkin']);
    // A period long before: no note, the open actions only (all of them are open).
    const earlier = meetingRows(opened.sqlite, { from: '2026-01-01', to: '2026-01-14' });
    expect(earlier.notes).toEqual([]);
    expect(earlier.actions.map((a) => a.title)).toEqual(actions.map((a) => a.title));
    // Done and changed before the period: left out.
    opened.sqlite.prepare(`UPDATE meeting_actions SET status = 'done', updated_at = '2026-10-01T09:00:00+08:00' WHERE title = '另一事项'`).run();
    expect(meetingRows(opened.sqlite, { from: '2026-10-29', to: '2026-11-11' }).actions.map((a) => a.title)).not.toContain('另一事项');
    expect(meetingRows(opened.sqlite, { from: '2026-09-20', to: '2026-10-03' }).actions.map((a) => a.title)).toContain('另一事项');
  });

  it('reads nothing, and fails not, on a database from before the meeting tables (read-only, unmigrated)', () => {
    const file = path.join(temp.dir, 'old.sqlite');
    new Database(file).exec('CREATE TABLE meeting_notes (id TEXT PRIMARY KEY)').close();
    const old = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(meetingRows(old, { from: '2026-10-29', to: '2026-11-11' })).toEqual({ notes: [], actions: [] });
    } finally {
      old.close();
    }
  });
});
