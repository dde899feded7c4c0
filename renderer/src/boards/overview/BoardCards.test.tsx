import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { AlertQueueRow } from '../../../../electron/core/api';
import type { TeamCard } from '../../../../electron/core/api/okr';
import type { MerchantSummary } from '../../../../electron/core/api/merchants';
import type { SupplyOverview } from '../../../../electron/core/api/suppliers';
import { CockpitApiError } from '../../api/client';
import type { FakeHandlers } from '../../testing/fake-client';
import { renderWithCockpit } from '../../testing/render';
import { ALERT_LIMIT } from './api';
import { BoardCards } from './BoardCards';

function alert(id: string, severity: AlertQueueRow['severity'], slaState: AlertQueueRow['slaState']): AlertQueueRow {
  return {
    id, version: 1, title: id, severity, status: slaState === 'responded' ? 'responding' : 'open', subjectType: 'merchant', subjectId: 'm_1',
    topic: 'logistics', openedAt: '2026-11-11T10:00:00+08:00', slaDueAt: '2026-11-11T12:00:00+08:00', acknowledgedAt: null, assigneeId: null,
    mentionCount: 3, negativeShare: 0.8, escalationLevel: 0, unsyncedCommands: 0, slaState, slaMsLeft: slaState === 'breached' ? -60_000 : 60_000,
    slaWarningAt: '2026-11-11T11:30:00+08:00', local: false,
  };
}

function team(id: string, pace: TeamCard['pace']): TeamCard {
  return {
    id, version: 1, name: id, mission: '', status: pace === 'not_started' ? 'forming' : pace === 'closed' ? 'closed' : 'active', pace, expected: 0.5,
    score: 0.4, shortfall: 0.1, startsOn: '2026-11-01', endsOn: '2026-12-01', daysLeft: 10, categoryId: null, categoryName: null, leadId: 'p1',
    leadName: null, sponsorId: 'p2', sponsorName: null, retrospective: null, memberCount: 3, departments: [], overloadedMembers: 0, keyResultCount: 2,
    worstKeyResult: null, unsyncedCommands: 0,
  };
}

const summary: MerchantSummary = {
  asOf: '2026-11-30', periodDays: 30, merchants: 200_000, changedTier: 12_345, movedUp: 7_000, movedDown: 5_345,
  newlyTiered: 0, withEarlierTier: 190_000, earlierSource: 'previous_period', snapshotTakenAt: null, packageMismatches: 1_234,
};

const supply: SupplyOverview = {
  asOf: '2026-11-30', coreSkus: 2_400, byCoverage: { no_primary: 3, single_source: 1_520, covered: 877 }, capacityShort: 4,
  expiringWithin: { d30: 1, d60: 2, d90: 3 }, gradeCounts: { A: 1, B: 2, C: 3, D: 4 }, openEvents: 3,
  openRevenueAtRiskFen: 12_345_678_900, singleSourceTrend: [],
};

function handlers(extra: FakeHandlers = {}): FakeHandlers {
  return {
    'alerts.queue': () => ({
      nowMs: Date.now(),
      rows: [alert('a1', 'P1', 'breached'), alert('a2', 'P1', 'on_track'), alert('a3', 'P2', 'breached'), alert('a4', 'P3', 'responded'), alert('a5', 'P1', 'responded')],
    }),
    'merchants.summary': () => summary,
    'suppliers.overview': () => supply,
    'okr.teams': () => [team('t1', 'off_track'), team('t2', 'off_track'), team('t3', 'at_risk'), team('t4', 'on_track'), team('t5', 'closed'), team('t6', 'not_started')],
    ...extra,
  };
}

function Where() {
  const location = useLocation();
  return <div data-testid="where">{`${location.pathname}${location.search}`}</div>;
}

function renderCards(extra: FakeHandlers = {}, language: 'zh-CN' | 'en' = 'zh-CN') {
  return renderWithCockpit(
    <MemoryRouter initialEntries={['/']}>
      <Routes>
        <Route path="/" element={<BoardCards />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
    { handlers: handlers(extra), language },
  );
}

const value = (testId: string) => screen.findByTestId(`${testId}-value`, undefined, WAIT);

// antd under jsdom on a shared 2-core machine: slow, not stuck.
const SLOW = { timeout: 60_000 };
const WAIT = { timeout: 20_000 };

afterEach(cleanup);

describe('BoardCards', () => {
  it('shows each board\'s two figures with thousands separators and money in 亿元, with what they count', SLOW, async () => {
    const { client } = renderCards();
    expect((await value('overview-figure-p1')).textContent).toBe('3');
    expect((await value('overview-figure-breached')).textContent).toBe('2');
    expect((await value('overview-figure-tier-changes')).textContent).toBe('12,345');
    expect((await value('overview-figure-mismatches')).textContent).toBe('1,234');
    expect((await value('overview-figure-single-source')).textContent).toBe('1,520');
    expect((await value('overview-figure-revenue-at-risk')).textContent).toBe('1.23亿元');
    expect((await value('overview-figure-off-track')).textContent).toBe('2');
    expect((await value('overview-figure-at-risk')).textContent).toBe('1');
    expect(screen.getByTestId('overview-figure-tier-changes').textContent).toContain('近 30 天的层级与上一个 30 天不同：升层 7,000，降层 5,345');
    expect(screen.getByTestId('overview-figure-single-source').textContent).toContain('共 2,400 个核心 SKU');
    expect(screen.getByTestId('overview-figure-revenue-at-risk').textContent).toContain('3 个进行中风险事件所涉 SKU 的月收入');
    expect(screen.getByTestId('overview-figure-off-track').textContent).toContain('进行中 4 个');
    expect(within(screen.getByTestId('overview-card-opinion')).getByText('舆情监测')).toBeTruthy();
    // Each figure is one call, made once; the alerts are the ones still waiting for their end.
    const methods = client.calls.map((call) => call.method);
    for (const method of ['alerts.queue', 'merchants.summary', 'suppliers.overview', 'okr.teams'] as const) expect(methods.filter((m) => m === method)).toHaveLength(1);
    expect(client.calls.find((call) => call.method === 'alerts.queue')?.input).toMatchObject({ statuses: ['open', 'acknowledged', 'responding'], limit: ALERT_LIMIT });
  });

  it('says a snapshot is the baseline when there is one, in English too', SLOW, async () => {
    renderCards({ 'merchants.summary': () => ({ ...summary, earlierSource: 'snapshot', snapshotTakenAt: '2026-11-20T09:30:00+08:00' }) }, 'en');
    await value('overview-figure-tier-changes');
    expect(screen.getByTestId('overview-figure-tier-changes').textContent).toContain('differs from the snapshot of 2026-11-20 09:30: 7,000 up, 5,345 down');
    expect(screen.getByTestId('overview-figure-tier-changes').textContent).not.toContain('newly');
    expect((await value('overview-figure-revenue-at-risk')).textContent).toBe('¥123.46M');
    expect(screen.getByTestId('overview-card-okr').textContent).toContain('Teams off track');
  });

  it('a failing card shows its error in words and a loading one a skeleton; the others still show their figures', SLOW, async () => {
    renderCards({
      'suppliers.overview': () => {
        throw new CockpitApiError('unavailable', 'core worker restarting');
      },
      'okr.teams': () => new Promise<never>(() => undefined),
    });
    const failed = screen.getByTestId('overview-card-suppliers');
    expect(await within(failed).findByTestId('error-message', undefined, WAIT)).toBeTruthy();
    expect(within(failed).getByRole('button', { name: /重\s?试/ })).toBeTruthy();
    expect(within(failed).queryByTestId('overview-figure-single-source')).toBeNull();
    expect(screen.getByTestId('overview-card-okr-loading')).toBeTruthy();
    expect((await value('overview-figure-p1')).textContent).toBe('3');
    expect((await value('overview-figure-mismatches')).textContent).toBe('1,234');
  });

  it('says so when the previous period has no tiers to compare with, and counts the newly tiered apart', SLOW, async () => {
    renderCards({ 'merchants.summary': () => ({ ...summary, changedTier: 0, movedUp: 0, movedDown: 0, newlyTiered: 1_726, withEarlierTier: 0 }) });
    expect((await value('overview-figure-tier-changes')).textContent).toBe('—');
    expect(screen.getByTestId('overview-figure-tier-changes').textContent).toContain('上一个 30 天没有经营数据，无可比较的层级；本期已分层 1,726 家');
    cleanup();
    renderCards({ 'merchants.summary': () => ({ ...summary, newlyTiered: 42 }) });
    await value('overview-figure-tier-changes');
    expect(screen.getByTestId('overview-figure-tier-changes').textContent).toContain('降层 5,345；另有 42 家新进入分层');
  });

  it('no merchant metrics yet is said as such, not as an error', SLOW, async () => {
    renderCards({
      'merchants.summary': () => {
        throw new CockpitApiError('not_found', 'No merchant metrics');
      },
    });
    expect((await screen.findByTestId('overview-card-merchants-empty', undefined, WAIT)).textContent).toBe('暂无商家经营数据：同步完成后显示');
    expect(within(screen.getByTestId('overview-card-merchants')).queryByTestId('error-message')).toBeNull();
  });

  it('shows a capped alert count as "or more"', SLOW, async () => {
    renderCards({ 'alerts.queue': () => ({ nowMs: Date.now(), rows: Array.from({ length: ALERT_LIMIT }, (_, k) => alert(`a${k}`, 'P1', 'breached')) }) });
    expect((await value('overview-figure-p1')).textContent).toBe('5,000 以上');
  });

  it('leads to the board: a figure to its tab, the title and the card\'s empty space to the board', SLOW, async () => {
    renderCards();
    fireEvent.click(await screen.findByTestId('overview-figure-mismatches', undefined, WAIT));
    expect((await screen.findByTestId('where')).textContent).toBe('/merchants?tab=worklist');
    cleanup();

    renderCards();
    fireEvent.click(await screen.findByTestId('overview-figure-off-track', undefined, WAIT));
    expect((await screen.findByTestId('where')).textContent).toBe('/okr?tab=risk');
    cleanup();

    renderCards();
    fireEvent.click(await screen.findByTestId('overview-card-suppliers-title', undefined, WAIT));
    expect((await screen.findByTestId('where')).textContent).toBe('/suppliers');
    cleanup();

    renderCards();
    await value('overview-figure-p1');
    fireEvent.click(screen.getByTestId('overview-card-opinion').querySelector('.ant-card-body')!);
    expect((await screen.findByTestId('where')).textContent).toBe('/opinion');
  });
});
