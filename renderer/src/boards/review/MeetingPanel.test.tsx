import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AlertQueueRow } from '../../../../electron/core/api';
import type { MeetingAction, MeetingList } from '../../../../electron/core/api/meetings';
import type { FakeHandlers } from '../../testing/fake-client';
import { renderWithCockpit } from '../../testing/render';
import { MeetingPanel } from './MeetingPanel';

const SLOW = { timeout: 10_000 };

function action(id: string, extra: Partial<MeetingAction> = {}): MeetingAction {
  return { id, noteId: 'n1', title: `事项 ${id}`, owner: '李娜', dueOn: '2026-11-20', status: 'open', convertedTo: null, updatedAt: '2026-11-11T10:00:00+08:00', ...extra };
}

const alert = {
  id: 'al_1', version: 1, title: '物流延迟集中投诉', severity: 'P1', status: 'open', subjectType: 'merchant', subjectId: 'm_1', topic: 'logistics',
  openedAt: '2026-11-11T10:00:00+08:00', slaDueAt: '2026-11-11T12:00:00+08:00', acknowledgedAt: null, assigneeId: null, mentionCount: 3, negativeShare: 0.8,
  escalationLevel: 0, unsyncedCommands: 0, slaState: 'on_track', slaMsLeft: 60_000, slaWarningAt: '2026-11-11T11:30:00+08:00', local: false,
} satisfies AlertQueueRow;

function handlers(list: MeetingList, extra: FakeHandlers = {}): FakeHandlers {
  return {
    'meetings.list': () => list,
    'meetings.saveAction': (input) => ({ ...action(input.id ?? 'new'), ...input, dueOn: input.dueOn ?? null, noteId: input.noteId ?? null, status: input.status ?? 'open' }),
    'meetings.convertAction': (input) => ({ ...action(input.id), convertedTo: { kind: input.kind, targetId: 'al_1', commandId: 'c1' } }),
    'alerts.queue': () => ({ nowMs: Date.now(), rows: [alert] }),
    ...extra,
  };
}

const list: MeetingList = {
  notes: [{ id: 'n1', meetingOn: '2026-11-10', title: '双周复盘 第 22 期', body: '退货率 <b>上升</b>\n第二行', updatedAt: '2026-11-11T10:00:00+08:00' }],
  actions: [action('a1'), action('a2', { convertedTo: { kind: 'okr_checkin', targetId: 'kr1', commandId: 'c0' } })],
};

describe('MeetingPanel', () => {
  afterEach(cleanup);

  it('shows the period’s notes as text and its action items', async () => {
    const view = renderWithCockpit(<MeetingPanel from="2026-10-29" to="2026-11-11" />, { handlers: handlers(list) });
    expect((await screen.findByTestId('meeting-note-body', {}, SLOW)).textContent).toBe('退货率 <b>上升</b>\n第二行');
    expect(view.container.querySelector('b')).toBeNull();
    expect(view.client.calls[0]).toEqual({ method: 'meetings.list', input: { from: '2026-10-29', to: '2026-11-11' } });
    const table = screen.getByTestId('meeting-actions');
    expect(within(table).getByText('事项 a1')).toBeTruthy();
    // Already converted: no second conversion offered.
    expect(screen.getByTestId('meeting-to-comment-a1')).toBeTruthy();
    expect(screen.queryByTestId('meeting-to-comment-a2')).toBeNull();
    expect(within(table).getByText('已转为 OKR 签到')).toBeTruthy();
  });

  it('toggles an action done and turns one into an alert comment', async () => {
    const view = renderWithCockpit(<MeetingPanel from="2026-10-29" to="2026-11-11" />, { handlers: handlers(list) });
    fireEvent.click(await screen.findByTestId('meeting-status-a1', {}, SLOW));
    await waitFor(() => expect(view.client.calls).toContainEqual({ method: 'meetings.saveAction', input: { id: 'a1', title: '事项 a1', owner: '李娜', status: 'done' } }));

    fireEvent.click(screen.getByTestId('meeting-to-comment-a1'));
    expect((await screen.findByTestId('meeting-convert-text', {}, SLOW)).textContent).toBe('【复盘行动项】事项 a1 · 负责人 李娜 · 截止 2026-11-20');
    const select = await screen.findByTestId('meeting-convert-alert');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    fireEvent.click(await screen.findByTitle('P1 · 物流延迟集中投诉', {}, SLOW));
    fireEvent.click(screen.getByTestId('meeting-convert-ok'));
    await waitFor(() => expect(view.client.calls).toContainEqual({ method: 'meetings.convertAction', input: { id: 'a1', kind: 'alert_comment', alertId: 'al_1' } }));
  });
});
