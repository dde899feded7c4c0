/**
 * The mentions explorer: search the text, filter by source, label, topic and subject, relabel a
 * mention (the label goes through the outbox; copies of the same text take it at once).
 */
import { useMemo, useState } from 'react';
import { App, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { MENTION_LABELS, MENTION_SOURCES, OPINION_TOPICS, type MentionLabel, type MethodInput, type ScoredMention } from '../../../../electron/core/api';
import { DataGrid } from '../../components/DataGrid';
import { dateColumn, numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import { QueryError } from '../../components/QueryError';
import type { RowAction } from '../../components/row-actions';
import { isolatedText } from '../../components/untrusted-text';
import { useMentionSearch, useOpinionAction } from './api';
import './messages';

const LABEL_COLORS: Record<string, string> = { negative: 'red', positive: 'green', neutral: 'default' };
const mentionId = (row: ScoredMention) => row.id;
/** The explorer lists the newest mentions up to this many; the search and filters reach the rest. */
const MENTIONS_SHOWN = 500;

export function MentionsExplorer() {
  const { t } = useTranslation('opinion');
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Omit<MethodInput<'mentions.search'>, 'text'>>({ limit: MENTIONS_SHOWN });
  const search = useMentionSearch({ ...filters, text: text.trim() || undefined });
  const [relabelling, setRelabelling] = useState<ScoredMention | null>(null);
  const [form] = Form.useForm<{ label: MentionLabel; topic: string | null }>();
  const relabel = useOpinionAction('mentions.relabel', {
    onSuccess: () => {
      void message.success(t('done.relabel'));
      setRelabelling(null);
    },
    onError: (error) => void message.error(t('failed', { message: isolatedText(error.message) })),
  });
  const actions = useMemo<RowAction<ScoredMention>[]>(
    () => [{ id: 'relabel', label: t('actions.relabel'), shortcut: 'l', available: () => true, run: (row) => setRelabelling(row) }],
    [t],
  );
  const columns = useMemo<ColDef<ScoredMention>[]>(
    () => [
      dateColumn<ScoredMention>({ field: 'publishedAt', headerName: t('mentions.published'), width: 130, format: 'MM-DD HH:mm', sort: 'desc' }),
      {
        field: 'source',
        headerName: t('mentions.source'),
        width: 90,
        valueFormatter: ({ value }) => t(`sources.${String(value)}` as 'sources.review', { defaultValue: String(value ?? '') }),
      },
      {
        field: 'label',
        headerName: t('mentions.label'),
        width: 90,
        valueFormatter: ({ value }) => (value ? t(`labels.${value as MentionLabel}`) : ''),
        cellRenderer: ({ value, valueFormatted }: ICellRendererParams<ScoredMention>) => (value ? <Tag color={LABEL_COLORS[String(value)]}>{valueFormatted}</Tag> : null),
      },
      {
        field: 'topic',
        headerName: t('mentions.topic'),
        width: 100,
        valueFormatter: ({ value }) => (value ? t(`topics.${String(value)}` as 'topics.other', { defaultValue: String(value) }) : ''),
      },
      rowActionColumn<ScoredMention>({ headerName: t('grid.actions'), width: 90, actions }),
      numberColumn<ScoredMention>({ field: 'score', headerName: t('mentions.score'), width: 80, fractionDigits: 2 }),
      numberColumn<ScoredMention>({ field: 'reach', headerName: t('detail.reach'), width: 100 }),
      untrustedTextColumn<ScoredMention>({ field: 'author', headerName: t('mentions.author'), width: 120 }),
      untrustedTextColumn<ScoredMention>({ field: 'text', headerName: t('mentions.text'), flex: 3, minWidth: 300 }),
      {
        field: 'labelSource',
        headerName: t('mentions.labelSource'),
        width: 100,
        valueFormatter: ({ value }) => (value === 'operator' ? t('mentions.operator') : value === 'model' ? t('mentions.model') : ''),
      },
    ],
    [t, actions],
  );
  const options = <T extends string>(values: readonly T[], prefix: 'sources' | 'labels' | 'topics') =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as 'sources.review') }));
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('mentions.search')} style={{ width: 280 }} onSearch={setText} data-testid="mention-search" maxLength={200} />
        <Select mode="multiple" allowClear placeholder={t('mentions.source')} style={{ minWidth: 160 }} options={options(MENTION_SOURCES, 'sources')}
          onChange={(sources: MethodInput<'mentions.search'>['sources']) => setFilters((f) => ({ ...f, sources }))} />
        <Select mode="multiple" allowClear placeholder={t('mentions.label')} style={{ minWidth: 140 }} options={options(MENTION_LABELS, 'labels')}
          onChange={(labels: MentionLabel[]) => setFilters((f) => ({ ...f, labels }))} data-testid="mention-label-filter" />
        <Select mode="multiple" allowClear placeholder={t('mentions.topic')} style={{ minWidth: 160 }} options={options(OPINION_TOPICS, 'topics')}
          onChange={(topics: string[]) => setFilters((f) => ({ ...f, topics }))} />
      </Flex>
      {search.error ? (
        <QueryError error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <DataGrid
          gridId="opinion-mentions"
          exportName="mentions"
          rows={search.data}
          columns={columns}
          loading={search.isPending}
          rowId={mentionId}
          // The grid counts what it holds; when that is the cap, older mentions exist beyond it.
          toolbar={search.data?.length === MENTIONS_SHOWN && (
            <Typography.Text type="secondary" data-testid="mentions-capped">{t('mentions.capped', { count: MENTIONS_SHOWN })}</Typography.Text>
          )}
        />
      )}
      <Modal
        open={relabelling !== null}
        title={t('actions.relabel')}
        okText={t('form.submit')}
        cancelText={t('form.cancel')}
        onCancel={() => setRelabelling(null)}
        onOk={() => form.submit()}
        confirmLoading={relabel.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ label: relabelling?.label ?? 'neutral', topic: relabelling?.topic ?? null }}
          onFinish={(values) => relabelling && relabel.mutate({ id: relabelling.id, label: values.label, topic: values.label === 'negative' ? ((values.topic as (typeof OPINION_TOPICS)[number] | null) ?? 'other') : null })}
        >
          <Form.Item name="label" label={t('form.label')} rules={[{ required: true }]}>
            <Select options={options(MENTION_LABELS, 'labels')} data-testid="relabel-label" />
          </Form.Item>
          <Form.Item name="topic" label={t('form.topic')}>
            <Select allowClear options={options(OPINION_TOPICS, 'topics')} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
