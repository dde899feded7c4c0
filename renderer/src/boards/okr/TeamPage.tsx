/**
 * One team: the objectives tree with its KRs and a burn-up per KR, the check-in form, members and
 * the timeline, the retrospective. Names, titles and notes come from other people: text only.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Space, Table, Tag, Timeline, Typography, theme } from 'antd';
import { ArrowLeftOutlined, CloudSyncOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { useTranslation } from 'react-i18next';
import { MAX_ACTIVE_TEAMS, type KeyResultRow, type MemberRow, type ObjectiveRow, type TeamDetail, type TimelineEvent } from '../../../../electron/core/api/okr';
import { EChart } from '../../components/EChart';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { useOkrMutation, useTeam } from './api';
import { burnUpOption } from './burnup';
import { AddMemberForm, CheckInForm, CloseTeamModal, EditTeamModal, KeyResultModal, ObjectiveModal } from './forms';
import { PaceProgress, PaceTag, useNumber, useShare } from './labels';

// The shared wrapper registers bar charts; burn-ups are lines with a legend.
echarts.use([LineChart, LegendComponent]);

export function TeamPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation('okr');
  const team = useTeam(id);
  if (team.error) {
    return (
      <>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 12 }}>
          {t('team.back')}
        </Button>
        {team.error.code === 'not_found' ? <Empty description={t('team.notFound')} /> : <QueryError error={team.error} onRetry={() => void team.refetch()} />}
      </>
    );
  }
  if (!team.data) return <Card loading />;
  return <TeamView detail={team.data} onBack={onBack} />;
}

function TeamView({ detail, onBack }: { detail: TeamDetail; onBack: () => void }) {
  const { t } = useTranslation('okr');
  const { message } = App.useApp();
  const share = useShare();
  const { team, objectives } = detail;
  const closed = team.status === 'closed';
  const [closing, setClosing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [addingObjective, setAddingObjective] = useState(false);
  const [krObjective, setKrObjective] = useState<string | null>(null);
  const update = useOkrMutation('okr.team.update');
  const keyResults = useMemo(() => objectives.flatMap((o) => o.keyResults), [objectives]);
  return (
    <div data-testid="okr-team-page">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="okr-back">
            {t('team.back')}
          </Button>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            <UntrustedText text={team.name} />
          </Typography.Title>
          <Tag>{t(`status.${team.status}`)}</Tag>
          {team.status === 'active' && <PaceTag pace={team.pace} />}
          {team.unsyncedCommands > 0 && (
            <Tag icon={<CloudSyncOutlined />} color="processing">
              {t('card.unsynced', { count: team.unsyncedCommands })}
            </Tag>
          )}
        </Space>
        <Space>
          {team.status === 'forming' && (
            <Button
              type="primary"
              loading={update.isPending}
              data-testid="okr-activate"
              onClick={() => update.mutate({ id: team.id, status: 'active' }, { onSuccess: () => void message.success(t('team.activated')) })}
            >
              {t('team.activate')}
            </Button>
          )}
          {!closed && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="okr-edit">
              {t('team.edit')}
            </Button>
          )}
          {!closed && (
            <Button danger onClick={() => setClosing(true)} data-testid="okr-close">
              {t('team.close')}
            </Button>
          )}
        </Space>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('team.mission')} span={2}>
          <UntrustedText text={team.mission} ellipsis={false} />
        </Descriptions.Item>
        <Descriptions.Item label={t('team.period')}>
          {team.startsOn} ~ {team.endsOn} {!closed && `（${t('card.daysLeft', { count: team.daysLeft })}）`}
        </Descriptions.Item>
        <Descriptions.Item label={t('card.expected')}>{share(team.expected)}</Descriptions.Item>
        <Descriptions.Item label={t('card.lead')}>
          <UntrustedText text={team.leadName ?? team.leadId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('team.sponsor')}>
          <UntrustedText text={team.sponsorName ?? team.sponsorId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('grid.departments')}>
          {team.departments.map((d) => `${t(`departments.${d.department}`)} ${d.members}`).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={closed ? t('team.score') : t('grid.score')}>{share(team.score)}</Descriptions.Item>
      </Descriptions>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('team.objectives')}
            extra={
              !closed && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingObjective(true)}>
                  {t('team.addObjective')}
                </Button>
              )
            }
          >
            {objectives.length === 0 ? (
              <Empty description={t('card.noKr')} />
            ) : (
              <ObjectiveTree objectives={objectives} detail={detail} onAddKr={closed ? null : setKrObjective} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={12}>
            {!closed && (
              <Card size="small" title={t('team.checkIn')}>
                <CheckInForm keyResults={keyResults} />
              </Card>
            )}
            <Card size="small" title={t('team.retrospective')}>
              {team.retrospective ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="okr-retrospective">
                  <UntrustedText text={team.retrospective} ellipsis={false} />
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('team.noRetrospective')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('team.members')}>
              <Members members={detail.members} closed={closed} />
              {!closed && <AddMemberForm teamId={team.id} disabled={closed} />}
            </Card>
            <Card size="small" title={t('team.timeline')}>
              <TeamTimeline events={detail.timeline} />
            </Card>
          </Flex>
        </Col>
      </Row>
      <CloseTeamModal teamId={team.id} open={closing} onClose={() => setClosing(false)} />
      <EditTeamModal team={team} open={editing} onClose={() => setEditing(false)} />
      <ObjectiveModal teamId={team.id} objectives={objectives} open={addingObjective} onClose={() => setAddingObjective(false)} />
      <KeyResultModal objectives={objectives} objectiveId={krObjective} onClose={() => setKrObjective(null)} />
    </div>
  );
}

function depthOf(objective: ObjectiveRow, byId: Map<string, ObjectiveRow>): number {
  let depth = 0;
  let parent = objective.parentObjectiveId ? byId.get(objective.parentObjectiveId) : undefined;
  while (parent && depth < 5) {
    depth++;
    parent = parent.parentObjectiveId ? byId.get(parent.parentObjectiveId) : undefined;
  }
  return depth;
}

function ObjectiveTree({ objectives, detail, onAddKr }: { objectives: ObjectiveRow[]; detail: TeamDetail; onAddKr: ((id: string) => void) | null }) {
  const { t } = useTranslation('okr');
  const byId = useMemo(() => new Map(objectives.map((o) => [o.id, o])), [objectives]);
  return (
    <Flex vertical gap={12} role="tree" aria-label={t('team.objectives')}>
      {objectives.map((objective) => (
        <div key={objective.id} role="treeitem" aria-level={depthOf(objective, byId) + 1} style={{ marginLeft: depthOf(objective, byId) * 24 }} data-testid={`okr-objective-${objective.id}`}>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>
              {objective.parentObjectiveId && '↳ '}
              <UntrustedText text={objective.title} />
            </Typography.Text>
            <Space size={8}>
              {objective.parentTitle && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('team.alignedTo', { title: objective.parentTitle })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('team.owner')}: <UntrustedText text={objective.ownerName ?? objective.ownerId} />
              </Typography.Text>
              {onAddKr && (
                <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => onAddKr(objective.id)} data-testid={`okr-add-kr-${objective.id}`}>
                  {t('team.addKr')}
                </Button>
              )}
            </Space>
          </Flex>
          <Row gutter={[8, 8]} style={{ marginTop: 6 }}>
            {objective.keyResults.map((kr) => (
              <Col key={kr.id} xs={24} lg={12}>
                <KeyResultCard kr={kr} startsOn={detail.team.startsOn} endsOn={detail.team.endsOn} />
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </Flex>
  );
}

function KeyResultCard({ kr, startsOn, endsOn }: { kr: KeyResultRow; startsOn: string; endsOn: string }) {
  const { t } = useTranslation('okr');
  const number = useNumber();
  const { token } = theme.useToken();
  const option = useMemo(
    () =>
      burnUpOption(kr, startsOn, endsOn, { actual: t('chart.actual'), ideal: t('chart.ideal') }, {
        actual: token.colorPrimary,
        ideal: token.colorTextTertiary,
        text: token.colorTextSecondary,
      }),
    [kr, startsOn, endsOn, t, token.colorPrimary, token.colorTextTertiary, token.colorTextSecondary],
  );
  return (
    <Card size="small" type="inner" data-testid={`okr-kr-${kr.id}`} styles={{ body: { padding: 8 } }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text style={{ minWidth: 0 }}>
          <UntrustedText text={kr.title} />
        </Typography.Text>
        <PaceTag pace={kr.pace} />
      </Flex>
      <Flex justify="space-between" style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">
          {number(kr.startValue)} → <b>{number(kr.currentValue)}</b> / {number(kr.targetValue)} <UntrustedText text={kr.unit} />
        </Typography.Text>
        <Typography.Text type="secondary">{t(`direction.${kr.direction}`)}</Typography.Text>
      </Flex>
      <PaceProgress progress={kr.progress} pace={kr.pace} testId={`okr-kr-progress-${kr.id}`} />
      <EChart option={option} ariaLabel={t('chart.aria', { title: kr.title })} height={150} />
    </Card>
  );
}

function Members({ members, closed }: { members: MemberRow[]; closed: boolean }) {
  const { t } = useTranslation('okr');
  const leave = useOkrMutation('okr.member.leave');
  return (
    <Table<MemberRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={members}
      columns={[
        { title: t('grid.person'), dataIndex: 'name', render: (name: string | null, m) => <UntrustedText text={name ?? m.personId} /> },
        { title: t('form.role'), dataIndex: 'role', render: (role: string) => <UntrustedText text={role} /> },
        { title: t('grid.department'), dataIndex: 'homeDepartment', render: (d: MemberRow['homeDepartment']) => t(`departments.${d}`) },
        {
          title: t('team.load'),
          dataIndex: 'load',
          align: 'right',
          render: (load: number) => <Tag color={load > MAX_ACTIVE_TEAMS ? 'error' : 'default'}>{load}</Tag>,
        },
        {
          key: 'actions',
          align: 'right',
          render: (_: unknown, m) =>
            m.leftOn ? (
              <Typography.Text type="secondary">
                {t('team.left')} {m.leftOn}
              </Typography.Text>
            ) : closed ? null : (
              <Popconfirm title={t('team.leave')} onConfirm={() => leave.mutate({ id: m.id })}>
                <Button size="small" type="link">
                  {t('team.leave')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}

function TeamTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation('okr');
  const number = useNumber();
  const text = (e: TimelineEvent) => {
    switch (e.kind) {
      case 'check_in':
        return t('timeline.check_in', { name: e.personName ?? '', kr: e.keyResultTitle ?? '', value: number(e.value), unit: e.unit ?? '' });
      case 'joined':
      case 'left':
        return t(`timeline.${e.kind}`, { name: e.personName ?? '' });
      default:
        return t(`timeline.${e.kind}`);
    }
  };
  return (
    <div style={{ maxHeight: 320, overflow: 'auto', paddingTop: 8 }}>
      <Timeline
        items={events.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: e.kind === 'check_in' ? 'blue' : e.kind === 'left' ? 'gray' : 'green',
          children: (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.at.slice(0, 16).replace('T', ' ')}
              </Typography.Text>{' '}
              <UntrustedText text={text(e)} ellipsis={false} />
            </>
          ),
        }))}
      />
    </div>
  );
}
