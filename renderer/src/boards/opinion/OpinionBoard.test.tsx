import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AlertRow, PlatformInfo } from '../../../../electron/core/api';
import { renderWithCockpit } from '../../testing/render';
import OpinionBoard from './OpinionBoard';

function alert(overrides: Partial<AlertRow>): AlertRow {
  return {
    id: 'al_1', version: 3, title: '差评激增：配送延迟', severity: 'P1', status: 'open', subjectType: 'merchant', subjectId: 'm_1',
    topic: 'logistics', openedAt: '2026-11-11T10:00:00+08:00', slaDueAt: '2099-11-11T12:00:00+08:00', acknowledgedAt: null,
    assigneeId: null, mentionCount: 42, negativeShare: 0.8, escalationLevel: 0, unsyncedCommands: 0, ...overrides,
  };
}

const demo: PlatformInfo = { kind: 'demo', url: null };

describe('OpinionBoard', () => {
  it('lists the alerts with their titles as text, never as markup', async () => {
    const hostile = alert({ id: 'al_2', title: '<img src=x onerror="window.__pwned=1">差评', status: 'acknowledged' });
    const { container } = renderWithCockpit(<OpinionBoard />, {
      handlers: { 'alerts.list': () => [alert({}), hostile], 'platform.get': () => demo },
    });
    expect(await screen.findByText('差评激增：配送延迟')).toBeTruthy();
    expect(await screen.findByText('<img src=x onerror="window.__pwned=1">差评')).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
  });

  it('acknowledges an open alert through the API and refreshes the list', async () => {
    let acknowledged = false;
    const { client } = renderWithCockpit(<OpinionBoard />, {
      handlers: {
        'alerts.list': () => [alert(acknowledged ? { status: 'acknowledged', unsyncedCommands: 1 } : {})],
        'platform.get': () => demo,
        'alerts.acknowledge': ({ id }) => {
          acknowledged = true;
          return { commandId: `cmd-${id}` };
        },
        'status.get': () => ({ online: true, lastSyncAt: null, pendingChanges: 1, syncing: false, platform: 'demo' }),
      },
    });
    // Let the grid settle first: ag-grid re-creates cells while it sizes columns.
    await screen.findByText('差评激增：配送延迟');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // ag-grid may keep a detached copy of a cell it re-created: click the one in the document.
    const buttons = await screen.findAllByTestId('ack-al_1');
    fireEvent.click(buttons.find((button) => button.isConnected && !button.closest('[aria-hidden="true"]')) ?? buttons[0]!);
    await waitFor(() => expect(client.calls.map((c) => c.method)).toContain('alerts.acknowledge'));
    expect(client.calls.find((c) => c.method === 'alerts.acknowledge')?.input).toEqual({ id: 'al_1' });
    // The mutation owns its refresh: the list is fetched again and the row shows it is not yet synced.
    expect(await screen.findByTestId('unsynced-al_1')).toBeTruthy();
    expect(screen.queryByTestId('ack-al_1')).toBeNull();
  });

  it('says so when no platform is configured and there are no alerts', async () => {
    renderWithCockpit(<OpinionBoard />, {
      handlers: { 'alerts.list': () => [], 'platform.get': () => ({ kind: 'none', url: null }) },
      language: 'en',
    });
    await waitFor(() => expect(document.body.textContent).toMatch(/platform/i));
  });
});
