import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import type { AttentionAlert, CockpitBridge, OpinionAttention } from '../../../electron/core/api';
import type { FakeHandlers } from '../testing/fake-client';
import { renderWithCockpit } from '../testing/render';
import { AttentionWatcher, OpinionNavBadge, OpinionNavIcon } from './AttentionWatcher';

const HOSTILE = '<img src=x onerror="window.__pwned=1">食品安全\u202Egnp.exe\n投诉';
const WAIT = { timeout: 30_000 };

function alert(id: string, title = `牛肉干发霉投诉激增 ${id}`): AttentionAlert {
  return { id, title, severity: 'P1', subjectType: 'merchant', subjectId: 'm_1', openedAt: '2026-12-02T12:00:00+08:00' };
}

/** A core that hands each pending alert out once, like opinion.claimNotifications. */
function core(pending: AttentionAlert[], counts: Partial<OpinionAttention> = {}) {
  const claimed = new Set<string>();
  const claims: string[][] = [];
  const handlers: FakeHandlers = {
    'opinion.attention': () => ({
      openP1: 2, breached: 1, attention: 3, ...counts,
      pendingNotifications: pending.filter((a) => !claimed.has(a.id)),
    }),
    'opinion.claimNotifications': ({ ids }) => {
      claims.push(ids);
      const fresh = pending.filter((a) => ids.includes(a.id) && !claimed.has(a.id));
      for (const a of fresh) claimed.add(a.id);
      return fresh;
    },
  };
  return { handlers, claims };
}

function Where() {
  const location = useLocation();
  return <div data-testid="where">{`${location.pathname}${location.search}`}</div>;
}

function renderShellParts(handlers: FakeHandlers, language: 'zh-CN' | 'en' = 'zh-CN') {
  return renderWithCockpit(
    <MemoryRouter initialEntries={['/merchants']}>
      <OpinionNavBadge />
      <AttentionWatcher />
      <Where />
    </MemoryRouter>,
    { handlers, language },
  );
}

class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static created: RecordingNotification[] = [];
  static requestPermission = () => Promise.resolve(RecordingNotification.permission);
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    RecordingNotification.created.push(this);
  }
  close() {
    this.closed = true;
  }
}

const globals = globalThis as unknown as { Notification?: unknown };
const win = window as unknown as { cockpit?: CockpitBridge };

beforeEach(() => {
  RecordingNotification.created = [];
  RecordingNotification.permission = 'granted';
  globals.Notification = RecordingNotification;
});
afterEach(() => {
  cleanup();
  delete globals.Notification;
  delete win.cockpit;
  document.body.innerHTML = '';
});

describe('the opinion badge', () => {
  it('shows the alerts needing attention, with the open P1 and breached counts in words', async () => {
    renderShellParts(core([]).handlers);
    const badge = await screen.findByTestId('nav-opinion-badge', undefined, WAIT);
    expect(badge.getAttribute('data-count')).toBe('3');
    expect(badge.getAttribute('aria-label')).toBe('舆情监测：3 条待关注（2 条 P1 未关闭 · 1 条响应超时）');
    expect(badge.textContent).toContain('3');
    fireEvent.mouseEnter(badge);
    expect((await screen.findByRole('tooltip', undefined, WAIT)).textContent).toBe('2 条 P1 未关闭 · 1 条响应超时');
  });

  it('says it in English, leaves out a zero part, and is gone when nothing needs attention', async () => {
    renderShellParts(core([], { openP1: 0, breached: 4, attention: 4 }).handlers, 'en');
    expect((await screen.findByTestId('nav-opinion-badge', undefined, WAIT)).getAttribute('aria-label')).toBe('Public opinion: 4 need attention (4 SLA breached)');
    cleanup();
    const { client } = renderWithCockpit(
      <MemoryRouter>
        <OpinionNavBadge />
        <OpinionNavIcon icon={<span data-testid="icon" />} className="ant-menu-item-icon" />
      </MemoryRouter>,
      { handlers: core([], { openP1: 0, breached: 0, attention: 0 }).handlers },
    );
    await waitFor(() => expect(client.calls.some((c) => c.method === 'opinion.attention')).toBe(true), WAIT);
    expect(screen.getByTestId('icon').parentElement?.className).toBe('ant-menu-item-icon');
    expect(screen.queryByTestId('nav-opinion-badge')).toBeNull();
  });
});

describe('notifications of new P1s', () => {
  it('claims the new P1s and shows one desktop notification each, as plain text; a click opens the alert', async () => {
    const { handlers, claims } = core([alert('al_1'), alert('al_2', HOSTILE)]);
    renderShellParts(handlers);
    await waitFor(() => expect(RecordingNotification.created).toHaveLength(2), WAIT);
    expect(claims).toEqual([['al_1', 'al_2']]);
    expect(RecordingNotification.created.map((n) => [n.title, n.options.body, n.options.tag])).toEqual([
      ['P1 舆情预警', '牛肉干发霉投诉激增 al_1', 'opinion-alert-al_1'],
      ['P1 舆情预警', '<img src=x onerror="window.__pwned=1">食品安全gnp.exe 投诉', 'opinion-alert-al_2'],
    ]);
    act(() => RecordingNotification.created[1]!.onclick!());
    expect(screen.getByTestId('where').textContent).toBe('/opinion?alert=al_2');
    expect(RecordingNotification.created[1]!.closed).toBe(true);
    // Refetched since: nothing is pending any more, nothing is shown twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(RecordingNotification.created).toHaveLength(2);
    expect(claims).toHaveLength(1);
  });

  it('shows only what the core claimed (another window may have been first)', async () => {
    const { handlers } = core([alert('al_1'), alert('al_2')]);
    const original = handlers['opinion.claimNotifications']!;
    handlers['opinion.claimNotifications'] = (input) => original({ ids: input.ids.filter((id) => id !== 'al_1') });
    renderShellParts(handlers);
    await waitFor(() => expect(RecordingNotification.created).toHaveLength(1), WAIT);
    expect(RecordingNotification.created[0]!.options.tag).toBe('opinion-alert-al_2');
  });

  it('without the permission, shows an in-page notification (text, not markup) that can ask for it and opens the alert', async () => {
    RecordingNotification.permission = 'default';
    const { container } = renderShellParts(core([alert('al_9', HOSTILE)]).handlers);
    const body = await screen.findByTestId('attention-notification-body', undefined, WAIT);
    expect(body.textContent).toBe('<img src=x onerror="window.__pwned=1">食品安全gnp.exe 投诉');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(container.ownerDocument.body.textContent).toContain('P1 舆情预警');
    expect(RecordingNotification.created).toHaveLength(0);
    expect(screen.getByRole('button', { name: '允许桌面通知' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '查看告警' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/opinion?alert=al_9'), WAIT);
  });

  it('where the browser has no Notification API, the in-page notification has no permission button', async () => {
    delete globals.Notification;
    renderShellParts(core([alert('al_3')]).handlers, 'en');
    expect((await screen.findByTestId('attention-notification-body', undefined, WAIT)).textContent).toBe('牛肉干发霉投诉激增 al_3');
    expect(screen.queryByRole('button', { name: 'Allow desktop notifications' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Open alert' })).toBeTruthy();
  });

  it('under Electron, claims (the main process shows them from the core’s event) but shows nothing itself', async () => {
    win.cockpit = { call: () => Promise.reject(new Error('unused')), onEvent: () => () => undefined } as unknown as CockpitBridge;
    const { handlers, claims } = core([alert('al_1')]);
    renderShellParts(handlers);
    await waitFor(() => expect(claims).toEqual([['al_1']]), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(RecordingNotification.created).toHaveLength(0);
    expect(screen.queryByTestId('attention-notification-body')).toBeNull();
  });
});
