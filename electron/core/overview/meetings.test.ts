/**
 * Review-meeting notes and action items on a real synced database: kept locally, listed per
 * period, and an action item turned into an OKR check-in note or an alert comment through the
 * same outbox commands the boards issue, exactly once.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { meetingsMethods } from '../api/meetings';
import { commandRegistry } from '../domains';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { meetingRows } from './meeting-pack';
import { conversionText, MeetingsService } from './meetings-service';
import { buildReviewPack } from './review-pack';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;
let engine: SyncEngine;
let meetings: MeetingsService;

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  engine = createSyncEngine({ sqlite: opened.sqlite, logger: recordingLogger(), platform: { url: platform.url, token: platform.tokens.operators[0]!.token }, commands: commandRegistry, operatorId: 'me' });
  await engine.syncOnce();
  meetings = new MeetingsService(opened.sqlite, () => engine, () => new Date('2026-11-11T03:00:00Z'));
}, 120_000);
afterAll(async () => {
  await engine.stop();
  opened.close();
  await platform.close();
  temp.cleanup();
});

const commands = (type: string) =>
  (opened.sqlite.prepare('SELECT id, entity_id AS entityId, payload FROM outbox_commands WHERE type = ?').all(type) as { id: string; entityId: string; payload: string }[]).map((c) => ({
    ...c,
    payload: JSON.parse(c.payload) as Record<string, unknown>,
  }));

describe('meeting notes and action items', () => {
  it('keeps notes and actions locally and lists them per period, open actions always', () => {
    const note = meetings.saveNote({ meetingOn: '2026-11-10', title: '双周复盘 第 22 期', body: '退货率上升 <b>0.4</b> 个百分点' });
    const old = meetings.saveNote({ meetingOn: '2026-10-01', title: '上上期', body: '' });
    const fix = meetings.saveAction({ noteId: note.id, title: '核查美妆退货', owner: '李娜', dueOn: '2026-11-20' });
    const done = meetings.saveAction({ noteId: old.id, title: '旧事项', owner: '王强', status: 'done' });
    const open = meetings.saveAction({ noteId: old.id, title: '仍未完成', owner: '王强', dueOn: '2026-11-12' });

    const list = meetings.list('2026-10-29', '2026-11-11');
    expect(list.notes.map((n) => n.id)).toEqual([note.id]);
    expect(list.notes[0]!.body).toBe('退货率上升 <b>0.4</b> 个百分点');
    // Open ones (soonest due first), then the period's done ones; the older note's done action was updated in the period too.
    expect(list.actions.map((a) => a.id)).toEqual([open.id, fix.id, done.id]);
    expect(meetings.list('2026-09-01', '2026-09-30').actions.map((a) => a.id)).toEqual([open.id, fix.id]);

    const edited = meetings.saveAction({ id: fix.id, title: '核查美妆退货原因', owner: '李娜', status: 'done' });
    expect(edited).toMatchObject({ title: '核查美妆退货原因', dueOn: '2026-11-20', status: 'done', noteId: note.id });
    expect(meetings.deleteNote(old.id)).toEqual({ deleted: true });
    expect(meetings.list('2026-01-01', '2026-12-31').actions.find((a) => a.id === open.id)?.noteId).toBeNull();
    expect(() => meetings.saveAction({ noteId: 'nope', title: 'x', owner: 'y' })).toThrow(/No meeting note nope/);
    expect(meetings.deleteAction(done.id)).toEqual({ deleted: true });
    expect(meetings.deleteAction(done.id)).toEqual({ deleted: false });
  });

  it('refuses malformed input at the contract', () => {
    const save = meetingsMethods['meetings.saveAction'].input;
    expect(save.safeParse({ title: 'x', owner: 'y', dueOn: '2026-02-30' }).success).toBe(false);
    expect(save.safeParse({ title: ' ', owner: 'y' }).success).toBe(false);
    expect(save.safeParse({ title: 'x', owner: 'y', extra: 1 }).success).toBe(false);
    expect(meetingsMethods['meetings.convertAction'].input.safeParse({ id: 'a', kind: 'okr_checkin' }).success).toBe(false);
  });

  it('turns an action into an OKR check-in note once, with the KR value unchanged', () => {
    const kr = opened.sqlite.prepare('SELECT id, current_value AS value FROM key_results ORDER BY id LIMIT 1').get() as { id: string; value: number };
    const action = meetings.saveAction({ title: '补货 3 万件', owner: '赵敏', dueOn: '2026-11-15' });
    const before = commands('okr.check_in').length;
    const converted = meetings.convertToCheckIn(action.id, kr.id, {});
    const issued = commands('okr.check_in');
    expect(issued).toHaveLength(before + 1);
    const command = issued.find((c) => c.id === converted.convertedTo?.commandId)!;
    expect(command.payload).toMatchObject({ key_result_id: kr.id, value: kr.value, note: conversionText(action) });
    expect(converted.convertedTo).toEqual({ kind: 'okr_checkin', targetId: kr.id, commandId: command.id });
    expect(() => meetings.convertToCheckIn(action.id, kr.id, {})).toThrow(/already turned into an OKR check-in/);
    expect(() => meetings.convertToAlertComment(action.id, 'x')).toThrow(/already/);
    expect(commands('okr.check_in')).toHaveLength(before + 1);
  });

  it('turns an action into an alert comment, and an unknown alert into not_found without a command', () => {
    const alert = opened.sqlite.prepare('SELECT id FROM alerts ORDER BY id LIMIT 1').get() as { id: string };
    const action = meetings.saveAction({ title: '回复消费者', owner: '客服组' });
    const before = commands('alert.comment').length;
    expect(() => meetings.convertToAlertComment(action.id, 'no-such-alert')).toThrow(/No alert/);
    expect(commands('alert.comment')).toHaveLength(before);
    const converted = meetings.convertToAlertComment(action.id, alert.id);
    const comment = commands('alert.comment').find((c) => c.id === converted.convertedTo?.commandId)!;
    expect(comment).toMatchObject({ entityId: alert.id, payload: { text: conversionText(action) } });
  });

  it('goes into the review pack with the period, and reads nothing on a database without the tables', () => {
    const pack = buildReviewPack(opened.sqlite, { from: '2026-10-29', to: '2026-11-11' });
    expect(pack.meeting.notes.map((n) => n.title)).toEqual(['双周复盘 第 22 期']);
    expect(pack.meeting.actions.some((a) => a.convertedTo?.kind === 'alert_comment')).toBe(true);
    const bare = new (opened.sqlite.constructor as new (file: string) => typeof opened.sqlite)(':memory:');
    expect(meetingRows(bare, { from: '2026-10-29', to: '2026-11-11' })).toEqual({ notes: [], actions: [] });
    bare.close();
  });
});
