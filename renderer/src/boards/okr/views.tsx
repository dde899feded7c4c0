/** The board's list views: active teams by risk, people's load, the retrospective library. */
import { useMemo, useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { MAX_ACTIVE_TEAMS, type PersonLoad, type TeamCard, type TeamPaceName } from '../../../../electron/core/api/okr';
import { DataGrid } from '../../components/DataGrid';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { usePeopleLoad, useRetrospectives } from './api';
import { PaceTag, useShare } from './labels';
import { riskOrder } from './risk';

export function RiskGrid({ teams, onOpen }: { teams: TeamCard[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation('okr');
  const share = useShare();
  const rows = useMemo(() => riskOrder(teams), [teams]);
  const columns = useMemo<ColDef<TeamCard>[]>(
    () => [
      {
        field: 'name',
        headerName: t('grid.team'),
        flex: 2,
        minWidth: 200,
        cellRenderer: ({ data }: ICellRendererParams<TeamCard>) =>
          data ? (
            <Typography.Link onClick={() => onOpen(data.id)} data-testid={`okr-risk-${data.id}`}>
              <UntrustedText text={data.name} />
            </Typography.Link>
          ) : null,
      },
      {
        field: 'pace',
        headerName: t('grid.pace'),
        width: 110,
        valueFormatter: ({ value }: ValueFormatterParams<TeamCard, TeamPaceName>) => (value ? t(`pace.${value}`) : ''),
        cellRenderer: ({ value }: ICellRendererParams<TeamCard, TeamPaceName>) => (value ? <PaceTag pace={value} /> : null),
      },
      { field: 'shortfall', headerName: t('grid.shortfall'), width: 110, type: 'rightAligned', valueFormatter: ({ value }) => share(value as number | null) },
      { field: 'expected', headerName: t('grid.expected'), width: 110, type: 'rightAligned', valueFormatter: ({ value }) => share(value as number) },
      { field: 'score', headerName: t('grid.score'), width: 120, type: 'rightAligned', valueFormatter: ({ value }) => share(value as number | null) },
      { field: 'daysLeft', headerName: t('grid.daysLeft'), width: 100, type: 'rightAligned' },
      { colId: 'worstKr', headerName: t('grid.worstKr'), flex: 1, minWidth: 160, valueGetter: ({ data }) => data?.worstKeyResult?.title ?? '' },
      { field: 'leadName', headerName: t('grid.lead'), width: 110 },
      { field: 'memberCount', headerName: t('grid.members'), width: 90, type: 'rightAligned' },
      {
        colId: 'departments',
        headerName: t('grid.departments'),
        flex: 1,
        minWidth: 160,
        valueGetter: ({ data }) => data?.departments.map((d) => `${t(`departments.${d.department}`)} ${d.members}`).join(' · ') ?? '',
      },
    ],
    [t, share, onOpen],
  );
  return <DataGrid gridId="okr-risk" exportName="okr-risk" rows={rows} columns={columns} rowId={(row) => row.id} searchable />;
}

export function PeopleGrid({ asOf }: { asOf?: string }) {
  const { t } = useTranslation('okr');
  const people = usePeopleLoad(asOf);
  const rows = useMemo(() => people.data?.filter((p) => p.load > 0), [people.data]);
  const columns = useMemo<ColDef<PersonLoad>[]>(
    () => [
      { field: 'name', headerName: t('grid.person'), width: 120 },
      { field: 'department', headerName: t('grid.department'), width: 110, valueFormatter: ({ value }) => (value ? t(`departments.${value as 'operations'}`, { defaultValue: String(value) }) : '') },
      { field: 'title', headerName: t('grid.title'), width: 140 },
      {
        field: 'load',
        headerName: t('grid.load'),
        width: 130,
        type: 'rightAligned',
        filter: 'agNumberColumnFilter',
        cellRenderer: ({ data }: ICellRendererParams<PersonLoad>) =>
          data ? (
            <Tag color={data.overloaded ? 'error' : data.load === MAX_ACTIVE_TEAMS ? 'warning' : 'default'} title={data.overloaded ? t('overloadedHint', { max: MAX_ACTIVE_TEAMS }) : undefined}>
              {data.load}
            </Tag>
          ) : null,
      },
      { colId: 'teams', headerName: t('grid.teams'), flex: 1, minWidth: 240, valueGetter: ({ data }) => data?.teams.map((team) => `${team.name}（${team.role}）`).join('、') ?? '' },
    ],
    [t],
  );
  if (people.error) return <QueryError error={people.error} onRetry={() => void people.refetch()} />;
  return (
    <DataGrid
      gridId="okr-people"
      exportName="okr-people"
      rows={rows}
      columns={columns}
      loading={people.isPending}
      rowId={(row) => row.personId}
      searchable
      toolbar={<Typography.Text type="secondary">{t('overloadedHint', { max: MAX_ACTIVE_TEAMS })}</Typography.Text>}
    />
  );
}

export function RetrospectiveLibrary({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('okr');
  const share = useShare();
  const [search, setSearch] = useState('');
  const library = useRetrospectives(search.trim());
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear placeholder={t('library.search')} onSearch={setSearch} onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: 420 }} data-testid="okr-library-search" />
      {library.error ? (
        <QueryError error={library.error} onRetry={() => void library.refetch()} />
      ) : (
        <List
          loading={library.isPending}
          dataSource={library.data ?? []}
          locale={{ emptyText: <Empty description={t('library.empty')} /> }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid={`okr-retro-${row.teamId}`}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Link onClick={() => onOpen(row.teamId)} data-testid={`okr-retro-open-${row.teamId}`}>
                  <UntrustedText text={row.name} />
                </Typography.Link>
                <Space size={12}>
                  <Typography.Text type="secondary">
                    {t('library.period')} {row.startsOn} ~ {row.endsOn}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('library.keyResults', { count: row.keyResultCount })}</Typography.Text>
                  <Tag color="blue">
                    {t('library.score')} {share(row.score)}
                  </Tag>
                </Space>
              </Space>
              <Typography.Paragraph style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap' }}>
                <UntrustedText text={row.retrospective} ellipsis={false} />
              </Typography.Paragraph>
            </Card>
          )}
        />
      )}
    </Space>
  );
}
