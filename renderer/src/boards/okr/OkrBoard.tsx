import { useState, type ReactNode } from 'react';
import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BoardHeader } from '../../components/BoardHeader';
import { QueryError } from '../../components/QueryError';
import { useTeams } from './api';
import { CreateTeamModal } from './forms';
import { TeamCards } from './TeamCards';
import { TeamPage } from './TeamPage';
import { PeopleGrid, RetrospectiveLibrary, RiskGrid } from './views';
import './messages';

const TABS = ['cards', 'risk', 'people', 'library'] as const;
type Tab = (typeof TABS)[number];

/**
 * OKR strike teams: cards grouped by pace, active teams by risk, people's load, the library of
 * retrospectives; a team's page opens in place (`?team=<id>`, so the back button works).
 */
export default function OkrBoard() {
  const { t } = useTranslation('okr');
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team');
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'cards';
  const [creating, setCreating] = useState(false);
  const open = (id: string) => setParams({ team: id, tab });
  if (teamId) return <TeamPage id={teamId} onBack={() => setParams({ tab })} />;
  return (
    <>
      <BoardHeader title={t('title')} description={t('description')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        tabBarExtraContent={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="okr-new-team">
            {t('newTeam')}
          </Button>
        }
        items={TABS.map((key) => ({ key, label: <span data-testid={`okr-tab-${key}`}>{t(`tabs.${key}`)}</span> }))}
      />
      {tab === 'cards' && <TeamsPane render={(teams) => <TeamCards teams={teams} onOpen={open} />} />}
      {tab === 'risk' && <TeamsPane render={(teams) => <RiskGrid teams={teams} onOpen={open} />} />}
      {tab === 'people' && <PeopleGrid />}
      {tab === 'library' && <RetrospectiveLibrary onOpen={open} />}
      <CreateTeamModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          open(id);
        }}
      />
    </>
  );
}

function TeamsPane({ render }: { render: (teams: NonNullable<ReturnType<typeof useTeams>['data']>) => ReactNode }) {
  const teams = useTeams();
  if (teams.error) return <QueryError error={teams.error} onRetry={() => void teams.refetch()} />;
  if (!teams.data) return <Card loading />;
  return render(teams.data);
}
