import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { AlertDetail, AlertQueueRow, PlatformInfo } from '../../../../electron/core/api';
import type { FakeHandlers } from '../../testing/fake-client';
import { renderWithCockpit } from '../../testing/render';
import { MentionLink, MentionText, markDrivers, safeHttpUrl } from './mention-text';
import { NotificationPrompt, PROMPT_DISMISSED_KEY } from './NotificationPrompt';
import { MentionsExplorer } from './MentionsExplorer';
import OpinionBoardPage from './OpinionBoard';

/** The board reads the open alert from the URL: rendered inside a router, as in the shell. */
function OpinionBoard({ path = '/opinion' }: { path?: string }) {
  return (
    <MemoryRouter initialEntries={[path]}>
      <OpinionBoardPage />
    </MemoryRouter>
  );
}

function alert(overrides: Partial<AlertQueueRow>): AlertQueueRow {
  return {
    id: 'al_1', version: 3, title: '差评激增：配送延迟', severity: 'P1', status: 'open', subjectType: 'merchant', subjectId: 'm_1',
    topic: 'logistics', openedAt: '2026-11-11T10:00:00+08:00', slaDueAt: '2099-11-11T12:00:00+08:00', acknowledgedAt: null,
    assigneeId: null, mentionCount: 42, negativeShare: 0.8, escalationLevel: 0, unsyncedCommands: 0,
    slaState: 'on_track', slaMsLeft: 3_600_000, slaWarningAt: '2099-11-11T11:30:00+08:00', local: false, ...overrides,
  };
}

const demo: PlatformInfo = { kind: 'demo', url: null };
const HOSTILE = '<img src=x onerror="window.__pwned=1">差评\u202Egpj.exe';

function handlers(rows: () => AlertQueueRow[], extra: FakeHandlers = {}): FakeHandlers {
  return {
    'alerts.queue': () => ({ nowMs: Date.now(), rows: rows() }),
    'alerts.assignees': () => [{ id: 'p_1', name: '王运营', department: 'operations' }],
    'opinion.scoring': () => ({ modelVersion: 'v', scored: 10, total: 10, caughtUp: true }),
    'platform.get': () => demo,
    'status.get': () => ({ online: true, lastSyncAt: null, pendingChanges: 1, syncing: false, platform: 'demo' }),
    ...extra,
  };
}

function detail(row: AlertQueueRow): AlertDetail {
  return {
    alert: { ...row, dedupKey: 'logistics:merchant:m_1', acknowledgedBy: null, resolvedAt: null, resolution: null, comments: [{ author_id: 'p_2', text: HOSTILE, at: '2026-11-11T10:05:00+08:00' }] },
    timeline: [{ at: '2026-11-11T10:00:00+08:00', negative: 5, total: 7 }],
    sentimentTrend: [{ day: '2026-11-11', score: -0.4, mentions: 7 }],
    topics: [{ topic: 'logistics', mentions: 5 }],
    samples: [{
      id: 'mn_1', source: 'weibo', author: HOSTILE, url: 'javascript:alert(1)', text: `物流太慢了${HOSTILE}`, textTruncated: false, publishedAt: '2026-11-11T09:50:00+08:00',
      reach: 1200, merchantId: 'm_1', skuId: null, categoryId: null, score: -0.8, label: 'negative', topic: 'logistics', labelSource: 'model',
      drivers: [{ text: '物流太慢', weight: -1.6 }],
    }],
    audit: [{ at: row.openedAt, who: null, action: 'open', detail: HOSTILE, state: 'synced' }],
    children: [],
  };
}

// antd, ag-grid and echarts under jsdom on a shared 2-core machine: slow, not stuck.
const SLOW = { timeout: 120_000 };
const WAIT = { timeout: 30_000 };

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

describe('OpinionBoard', () => {
  it('lists the queue with titles as text, never as markup, and the SLA countdown', SLOW, async () => {
    const hostile = alert({ id: 'al_2', title: HOSTILE, status: 'acknowledged', slaDueAt: '2000-01-01T00:00:00+08:00', slaState: 'breached' });
    const { container } = renderWithCockpit(<OpinionBoard />, { handlers: handlers(() => [hostile, alert({})]) });
    expect(await screen.findByText('差评激增：配送延迟', undefined, WAIT)).toBeTruthy();
    // The bidi override is shown as a visible escape, the markup as characters.
    expect(await screen.findByText('<img src=x onerror="window.__pwned=1">差评\\u202Egpj.exe', undefined, WAIT)).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect((await screen.findByTestId('sla-al_2', undefined, WAIT)).getAttribute('data-sla-state')).toBe('breached');
    expect((await screen.findByTestId('sla-al_1', undefined, WAIT)).getAttribute('data-sla-state')).toBe('on_track');
    // One count, the grid's, which follows the search: not a second one beside it.
    expect(screen.getByTestId('opinion-alerts-count').textContent).toBe('共 2 条');
    expect(container.textContent).not.toMatch(/\d+ 条告警/);
  });

  it('says when the mentions explorer holds only the newest of more mentions than it lists', SLOW, async () => {
    const sample = detail(alert({})).samples[0]!;
    let answered = 2;
    const { client } = renderWithCockpit(<MentionsExplorer />, {
      handlers: handlers(() => [], { 'mentions.search': ({ limit = 1000 }) => Array.from({ length: Math.min(answered, limit) }, (_, i) => ({ ...sample, id: `mn_${i}` })) }),
    });
    expect((await screen.findByTestId('opinion-mentions-count', undefined, WAIT)).textContent).toBe('共 2 条');
    expect(screen.queryByTestId('mentions-capped')).toBeNull();

    answered = 10_000;
    const box = screen.getByTestId('mention-search');
    const input = box.tagName === 'INPUT' ? box : box.querySelector('input')!;
    fireEvent.change(input, { target: { value: '物流' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect((await screen.findByTestId('mentions-capped', undefined, WAIT)).textContent).toContain('500');
    const asked = client.calls.filter((c) => c.method === 'mentions.search').at(-1)!.input as { limit: number; text: string };
    expect(asked).toMatchObject({ limit: 500, text: '物流' });
  });

  it('acknowledges an open alert through the API and refreshes the queue', SLOW, async () => {
    let acknowledged = false;
    const { client } = renderWithCockpit(<OpinionBoard />, {
      handlers: handlers(() => [alert(acknowledged ? { status: 'acknowledged', unsyncedCommands: 1 } : {})], {
        'alerts.acknowledge': ({ id }) => {
          acknowledged = true;
          return { commandId: `cmd-${id}` };
        },
      }),
    });
    fireEvent.click(await screen.findByTestId('ack-al_1', undefined, WAIT));
    await waitFor(() => expect(client.calls.some((c) => c.method === 'alerts.acknowledge')).toBe(true), WAIT);
    expect(client.calls.find((c) => c.method === 'alerts.acknowledge')?.input).toEqual({ id: 'al_1' });
    // The mutation owns its refresh: the queue is fetched again and the row shows it is not yet synced.
    expect(await screen.findByTestId('unsynced-al_1', undefined, WAIT)).toBeTruthy();
    expect(screen.queryByTestId('ack-al_1')).toBeNull();
  });

  it('shows hostile mention text as inert text with its driving words marked, and no link for javascript:', SLOW, async () => {
    // The drawer's charts need a canvas, which jsdom lacks: the drawer is covered by e2e/opinion.spec.ts.
    const sample = detail(alert({})).samples[0]!;
    const { container } = renderWithCockpit(
      <div data-testid="sample">
        <MentionText mention={sample} />
        <MentionLink url={sample.url} />
        <MentionLink url="https://weibo.com/1" />
      </div>,
      { handlers: handlers(() => []) },
    );
    const box = await screen.findByTestId('sample', undefined, WAIT);
    expect(within(box).getByText('物流太慢').tagName).toBe('MARK');
    expect(box.textContent).toContain('\\u202E');
    expect(container.querySelector('img[src="x"]')).toBeNull();
    // Only the https link gets a button.
    expect(within(box).getAllByRole('button')).toHaveLength(1);
  });

  it('filters to "mine" through the core, which knows the operator; says so while it does not', SLOW, async () => {
    let operatorId: string | null = null;
    const { client } = renderWithCockpit(<OpinionBoard />, {
      handlers: handlers(() => [alert({ assigneeId: 'p_1' })], {
        'alerts.queue': (input) => ({ nowMs: Date.now(), rows: [alert({ assigneeId: 'p_1' })], ...(input.mine ? { operatorId } : {}) }),
      }),
    });
    fireEvent.click(await screen.findByText('只看我的', undefined, WAIT));
    await waitFor(() => expect(client.calls.some((c) => c.method === 'alerts.queue' && (c.input as { mine?: boolean }).mine === true)).toBe(true), WAIT);
    const mineCall = client.calls.filter((c) => c.method === 'alerts.queue').at(-1)!;
    expect(mineCall.input).not.toHaveProperty('assigneeId');
    expect(await screen.findByTestId('mine-unknown', undefined, WAIT)).toBeTruthy();
    operatorId = 'p_1';
    fireEvent.click(screen.getByText('只看我的'));
    fireEvent.click(screen.getByText('只看我的'));
    await waitFor(() => expect(screen.queryByTestId('mine-unknown')).toBeNull(), WAIT);
  });

  it('opens the alert named in the URL (where a notification leads)', SLOW, async () => {
    const row = alert({});
    const { client } = renderWithCockpit(<OpinionBoard path="/opinion?alert=al_1" />, {
      // The detail never arrives: its charts need a canvas, which jsdom lacks (the drawer is covered by e2e).
      handlers: handlers(() => [row], { 'alerts.detail': () => new Promise<AlertDetail>(() => undefined) }),
    });
    await waitFor(() => expect(client.calls.some((c) => c.method === 'alerts.detail' && (c.input as { id: string }).id === 'al_1')).toBe(true), WAIT);
    expect(await screen.findByTestId('alert-drawer', undefined, WAIT)).toBeTruthy();
  });

  it('says so when no platform is configured and there are no alerts', SLOW, async () => {
    renderWithCockpit(<OpinionBoard />, { handlers: handlers(() => [], { 'platform.get': () => ({ kind: 'none', url: null }) }), language: 'en' });
    await waitFor(() => expect(document.body.textContent).toMatch(/No platform connected/), WAIT);
  });
});

describe('the notification prompt', () => {
  it('offers desktop notifications in browser mode until decided or dismissed, asking only on a click', async () => {
    let asked = 0;
    const globals = globalThis as unknown as { Notification?: unknown };
    globals.Notification = { permission: 'default', requestPermission: () => { asked += 1; return Promise.resolve('denied'); } };
    localStorage.removeItem(PROMPT_DISMISSED_KEY);
    try {
      renderWithCockpit(<NotificationPrompt />, { handlers: {} });
      const prompt = await screen.findByTestId('notification-prompt', undefined, WAIT);
      expect(prompt.textContent).toContain('允许桌面通知，新的 P1 舆情预警会立即提醒你');
      expect(asked).toBe(0);
      fireEvent.click(screen.getByTestId('allow-notifications'));
      await waitFor(() => expect(screen.queryByTestId('notification-prompt')).toBeNull(), WAIT);
      expect(asked).toBe(1);
      expect(await screen.findByText(/浏览器未允许桌面通知/, undefined, WAIT)).toBeTruthy();
      cleanup();
      // Dismissed: not shown again.
      (globals.Notification as { permission: string }).permission = 'default';
      renderWithCockpit(<NotificationPrompt />, { handlers: {} });
      fireEvent.click(within(await screen.findByTestId('notification-prompt', undefined, WAIT)).getByRole('button', { name: /close|关闭/i }));
      expect(localStorage.getItem(PROMPT_DISMISSED_KEY)).toBe('1');
      cleanup();
      const { container } = renderWithCockpit(<NotificationPrompt />, { handlers: {} });
      expect(container.querySelector('[data-testid="notification-prompt"]')).toBeNull();
      cleanup();
      // Under Electron the main process notifies: no prompt either.
      localStorage.removeItem(PROMPT_DISMISSED_KEY);
      (window as unknown as { cockpit?: unknown }).cockpit = {};
      const electron = renderWithCockpit(<NotificationPrompt />, { handlers: {} });
      expect(electron.container.querySelector('[data-testid="notification-prompt"]')).toBeNull();
    } finally {
      delete globals.Notification;
      delete (window as unknown as { cockpit?: unknown }).cockpit;
      localStorage.removeItem(PROMPT_DISMISSED_KEY);
    }
  });
});

describe('mention text helpers', () => {
  it('marks driver words and allows only http(s) links', () => {
    expect(markDrivers('物流太慢了，太慢', [{ text: '物流太慢', weight: -1.6 }, { text: '太慢', weight: -1 }])).toEqual([
      { text: '物流太慢', weight: -1.6 }, { text: '了，', weight: null }, { text: '太慢', weight: -1 },
    ]);
    expect(safeHttpUrl('https://weibo.com/1')).toBe('https://weibo.com/1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});
