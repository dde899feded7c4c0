/**
 * The desk's way into the boards (issue 15): one card per board with its two figures that need
 * attention, each in large type with a line saying what it counts. The card, its title and each
 * figure lead to the board (a figure to the board's tab for it, where the board keeps its tab in
 * the address). Each card loads and fails on its own: a skeleton while it loads, the error in
 * words if its call fails, and the other cards unaffected.
 */
import type { ComponentType, MouseEvent, ReactNode } from 'react';
import { Card, Col, Row, Skeleton, Typography, theme } from 'antd';
import { AimOutlined, AlertOutlined, ClusterOutlined, RightOutlined, ShopOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatKpiValue } from '../../../../electron/core/api/overview';
import type { CockpitApiError } from '../../api/client';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { ALERT_LIMIT, useActiveAlerts, useMerchantSummary, useSupplyOverview, useTeams } from './api';
import './overview.css';

type Tone = 'danger' | 'warning' | 'neutral';

interface FigureProps {
  testId: string;
  value: number | null;
  /** The figure as shown; default: the count with thousands separators. */
  text?: string;
  label: string;
  hint: string;
  to: string;
  /** The colour of a figure above zero (zero is always plain: nothing to do). */
  tone: Tone;
}

export function BoardCards() {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} role="group" aria-label={t('boards.overview.cards.label')} data-testid="overview-board-cards">
      <Col xs={24} lg={12} xxl={6}>
        <OpinionCard />
      </Col>
      <Col xs={24} lg={12} xxl={6}>
        <MerchantsCard />
      </Col>
      <Col xs={24} lg={12} xxl={6}>
        <SuppliersCard />
      </Col>
      <Col xs={24} lg={12} xxl={6}>
        <OkrCard />
      </Col>
    </Row>
  );
}

function useLanguage(): 'zh-CN' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

function OpinionCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const alerts = useActiveAlerts();
  const rows = alerts.data?.rows;
  const atLimit = (rows?.length ?? 0) >= ALERT_LIMIT;
  const count = (n: number) => (atLimit ? t('boards.overview.cards.more', { value: numberText(n, language) }) : numberText(n, language));
  const p1 = rows?.filter((row) => row.severity === 'P1').length ?? null;
  const breached = rows?.filter((row) => row.slaState === 'breached').length ?? null;
  return (
    <BoardCard id="opinion" path="/opinion" icon={AlertOutlined} title={t('nav.opinion')} query={alerts}>
      <Figure testId="overview-figure-p1" value={p1} text={p1 === null ? undefined : count(p1)} tone="danger" to="/opinion"
        label={t('boards.overview.cards.opinion.p1')} hint={t('boards.overview.cards.opinion.p1Hint')} />
      <Figure testId="overview-figure-breached" value={breached} text={breached === null ? undefined : count(breached)} tone="danger" to="/opinion"
        label={t('boards.overview.cards.opinion.breached')} hint={t('boards.overview.cards.opinion.breachedHint')} />
    </BoardCard>
  );
}

function MerchantsCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = useMerchantSummary();
  const s = summary.data;
  // No metrics synced yet is not a failure: the board says the same.
  const noMetrics = (summary.error as CockpitApiError | null)?.code === 'not_found';
  const n = (value: number) => numberText(value, language);
  const nothingToCompare = s !== undefined && s.withEarlierTier === 0 && s.earlierSource === 'previous_period';
  const changedHint = !s
    ? ''
    : nothingToCompare
      ? t('boards.overview.cards.merchants.changedNone', { days: s.periodDays, newly: n(s.newlyTiered) })
      : (s.earlierSource === 'snapshot' && s.snapshotTakenAt
          ? t('boards.overview.cards.merchants.changedHintSnapshot', { days: s.periodDays, date: s.snapshotTakenAt.slice(0, 16).replace('T', ' '), up: n(s.movedUp), down: n(s.movedDown) })
          : t('boards.overview.cards.merchants.changedHintPrevious', { days: s.periodDays, up: n(s.movedUp), down: n(s.movedDown) })) +
        (s.newlyTiered > 0 ? t('boards.overview.cards.merchants.changedNewly', { newly: n(s.newlyTiered) }) : '');
  return (
    <BoardCard id="merchants" path="/merchants" icon={ShopOutlined} title={t('nav.merchants')} query={summary}
      empty={noMetrics ? t('boards.overview.cards.merchants.noMetrics') : undefined}>
      <Figure testId="overview-figure-tier-changes" value={s && !nothingToCompare ? s.changedTier : null} tone="neutral" to="/merchants"
        label={t('boards.overview.cards.merchants.changed')} hint={changedHint} />
      <Figure testId="overview-figure-mismatches" value={s?.packageMismatches ?? null} tone="warning" to="/merchants?tab=worklist"
        label={t('boards.overview.cards.merchants.mismatches')} hint={t('boards.overview.cards.merchants.mismatchesHint')} />
    </BoardCard>
  );
}

function SuppliersCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useSupplyOverview();
  const o = overview.data;
  return (
    <BoardCard id="suppliers" path="/suppliers" icon={ClusterOutlined} title={t('nav.suppliers')} query={overview}>
      <Figure testId="overview-figure-single-source" value={o?.byCoverage.single_source ?? null} tone="warning" to="/suppliers"
        label={t('boards.overview.cards.suppliers.singleSource')}
        hint={t('boards.overview.cards.suppliers.singleSourceHint', { total: numberText(o?.coreSkus ?? 0, language) })} />
      <Figure testId="overview-figure-revenue-at-risk" value={o?.openRevenueAtRiskFen ?? null} tone="danger" to="/suppliers"
        text={o ? formatKpiValue('gmv_fen', o.openRevenueAtRiskFen, language) : undefined}
        label={t('boards.overview.cards.suppliers.revenueAtRisk')}
        hint={t('boards.overview.cards.suppliers.revenueAtRiskHint', { events: numberText(o?.openEvents ?? 0, language) })} />
    </BoardCard>
  );
}

function OkrCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const teams = useTeams();
  const list = teams.data;
  const countOf = (pace: string) => list?.filter((team) => team.pace === pace).length ?? null;
  const running = list?.filter((team) => team.status === 'active').length ?? 0;
  return (
    <BoardCard id="okr" path="/okr" icon={AimOutlined} title={t('nav.okr')} query={teams}>
      <Figure testId="overview-figure-off-track" value={countOf('off_track')} tone="danger" to="/okr?tab=risk"
        label={t('boards.overview.cards.okr.offTrack')} hint={t('boards.overview.cards.okr.offTrackHint', { active: numberText(running, language) })} />
      <Figure testId="overview-figure-at-risk" value={countOf('at_risk')} tone="warning" to="/okr?tab=risk"
        label={t('boards.overview.cards.okr.atRisk')} hint={t('boards.overview.cards.okr.atRiskHint')} />
    </BoardCard>
  );
}

interface BoardCardProps {
  id: string;
  path: string;
  icon: ComponentType;
  title: string;
  query: { isPending: boolean; error: Error | null; refetch: () => unknown };
  /** Shown instead of the figures (and instead of an error) when set. */
  empty?: string | undefined;
  children: ReactNode;
}

function BoardCard({ id, path, icon: Icon, title, query, empty, children }: BoardCardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The card's empty space leads to the board too; links and buttons inside keep their own target.
  const openBoard = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    void navigate(path);
  };
  return (
    <Card
      size="small"
      hoverable
      className="overview-board-card"
      data-testid={`overview-card-${id}`}
      onClick={openBoard}
      title={
        <Link to={path} className="overview-card-title" data-testid={`overview-card-${id}-title`}>
          <Icon /> {title}
        </Link>
      }
      extra={
        <Link to={path} aria-label={`${t('boards.overview.cards.open')} ${title}`} data-testid={`overview-card-${id}-open`}>
          {t('boards.overview.cards.open')} <RightOutlined />
        </Link>
      }
    >
      {empty !== undefined ? (
        <Typography.Text type="secondary" data-testid={`overview-card-${id}-empty`}>{empty}</Typography.Text>
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <div data-testid={`overview-card-${id}-loading`}>
          <Skeleton active title={false} paragraph={{ rows: 4 }} />
        </div>
      ) : (
        <div className="overview-figures">{children}</div>
      )}
    </Card>
  );
}

function Figure({ testId, value, text, label, hint, to, tone }: FigureProps) {
  const language = useLanguage();
  const { token } = theme.useToken();
  const color = value === null || value <= 0 || tone === 'neutral' ? token.colorText : tone === 'danger' ? token.colorError : token.colorWarning;
  const shown = text ?? (value === null ? '—' : numberText(value, language));
  // A Chinese unit after the number (亿元, 以上) in smaller type, so the number reads first.
  const [, number, unit] = /^(¥?-?[\d.,]+)(.*[\u4e00-\u9fff].*)$/u.exec(shown) ?? [shown, shown, ''];
  return (
    <Link to={to} className="overview-figure" data-testid={testId}>
      <span className="overview-figure-value" style={{ color }} data-testid={`${testId}-value`}>
        {number}
        {unit && <span className="overview-figure-unit">{unit}</span>}
      </span>
      <span className="overview-figure-words">
        <span className="overview-figure-label" style={{ color: token.colorText }}>{label}</span>
        <span className="overview-figure-hint" style={{ color: token.colorTextSecondary }}>{hint}</span>
      </span>
    </Link>
  );
}
