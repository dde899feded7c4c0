/** Team cards grouped by pace, worst group first: mission, days left, lead, department mix, the slowest KR. */
import { Card, Empty, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { CloudSyncOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TEAM_PACES, type TeamCard } from '../../../../electron/core/api/okr';
import { UntrustedText } from '../../components/UntrustedText';
import { PaceProgress, PaceTag, useShare } from './labels';

export function TeamCards({ teams, onOpen }: { teams: TeamCard[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation('okr');
  if (teams.length === 0) return <Empty description={t('empty')} />;
  return (
    <Flex vertical gap={20}>
      {TEAM_PACES.map((pace) => {
        const group = teams.filter((team) => team.pace === pace);
        if (group.length === 0) return null;
        return (
          <section key={pace} aria-label={t(`pace.${pace}`)} data-testid={`okr-group-${pace}`}>
            <Typography.Title level={2} style={{ fontSize: 15, margin: '0 0 8px' }}>
              <PaceTag pace={pace} /> <Typography.Text type="secondary">{group.length}</Typography.Text>
            </Typography.Title>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 12 }}>
              {group.map((team) => <TeamCardView key={team.id} team={team} onOpen={onOpen} />)}
            </div>
          </section>
        );
      })}
    </Flex>
  );
}

function TeamCardView({ team, onOpen }: { team: TeamCard; onOpen: (id: string) => void }) {
  const { t } = useTranslation('okr');
  const share = useShare();
  const worst = team.worstKeyResult;
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      data-testid={`okr-card-${team.id}`}
      aria-label={team.name}
      onClick={() => onOpen(team.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(team.id);
        }
      }}
      title={<UntrustedText text={team.name} />}
      extra={
        <Space size={4}>
          {team.unsyncedCommands > 0 && (
            <Tooltip title={t('card.unsynced', { count: team.unsyncedCommands })}>
              <CloudSyncOutlined aria-label={t('card.unsynced', { count: team.unsyncedCommands })} />
            </Tooltip>
          )}
          <Tag>{t(`status.${team.status}`)}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8, minHeight: 40 }}>
        <UntrustedText text={team.mission} ellipsis={false} />
      </Typography.Paragraph>
      <Flex justify="space-between" style={{ fontSize: 12 }}>
        <span>
          {t('card.lead')}: <UntrustedText text={team.leadName ?? team.leadId} />
        </span>
        <span>{team.status === 'closed' ? t('status.closed') : team.daysLeft > 0 ? t('card.daysLeft', { count: team.daysLeft }) : t('card.ended')}</span>
      </Flex>
      <Flex wrap gap={4} style={{ margin: '8px 0' }}>
        {team.departments.map((d) => (
          <Tag key={d.department} bordered={false}>
            {t(`departments.${d.department}`)} {d.members}
          </Tag>
        ))}
        {team.overloadedMembers > 0 && (
          <Tag color="warning" icon={<WarningOutlined />}>
            {t('card.overloaded', { count: team.overloadedMembers })}
          </Tag>
        )}
      </Flex>
      <Flex justify="space-between" style={{ fontSize: 12 }}>
        <span>
          {t('card.expected')} {share(team.expected)}
        </span>
        <span>
          {t('card.score')} {share(team.score)}
        </span>
      </Flex>
      {worst ? (
        <div style={{ marginTop: 6 }}>
          <Flex justify="space-between" align="center" style={{ fontSize: 12 }}>
            <span style={{ minWidth: 0, overflow: 'hidden' }}>
              {t('card.worstKr')}: <UntrustedText text={worst.title} />
            </span>
            <PaceTag pace={worst.pace} />
          </Flex>
          <PaceProgress progress={worst.progress} pace={worst.pace} />
        </div>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('card.noKr')}
        </Typography.Text>
      )}
    </Card>
  );
}
