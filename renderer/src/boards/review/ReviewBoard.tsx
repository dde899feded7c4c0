/**
 * The bi-weekly review pack (双周战略复盘) on screen and on paper: this period against the
 * previous one, section by section, as the core computes it (`overview.reviewPack`), with the
 * meeting's notes and action items. "Export to Excel" is the core's workbook (grids as sheets,
 * charts as pictures); "Print / save as PDF" prints this page through the print stylesheet.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Space, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReviewPackView } from '../../../../electron/core/api/overview';
import { useCockpitClient, useCockpitQuery } from '../../api/hooks';
import { printPage, useStampText } from '../../app/PageExport';
import { BoardHeader } from '../../components/BoardHeader';
import { blobFromBase64, downloadBlob, XLSX_TYPE } from '../../components/download';
import { useErrorMessage } from '../../components/ErrorText';
import { QueryError } from '../../components/QueryError';
import { safeFileName } from '../../components/board-export/stamp';
import { MeetingPanel } from './MeetingPanel';
import { CoverageSection, MerchantsSection, NorthStarSection, OkrSection, SlaSection } from './sections';
import './messages';

type Period = { from: string; to: string } | null;

export default function ReviewBoard() {
  const { t } = useTranslation('review');
  const [period, setPeriod] = useState<Period>(null);
  const pack = useCockpitQuery('overview.reviewPack', period ?? {}, { placeholderData: (previous) => previous });
  const stamp = useStampText();
  return (
    <>
      <BoardHeader title={t('title')} description={t('description')} />
      <PackToolbar pack={pack.data} period={period} onPeriod={setPeriod} />
      {pack.error && (pack.error.code === 'invalid_input' && !pack.data ? <Empty description={t('noData')} /> : <QueryError error={pack.error} onRetry={() => void pack.refetch()} />)}
      {pack.data && (
        <Flex vertical gap={16} data-testid="review-pack">
          <Typography.Text type="secondary" data-testid="review-periods">
            {t('periods', {
              from: pack.data.periods.current.from,
              to: pack.data.periods.current.to,
              prevFrom: pack.data.periods.previous.from,
              prevTo: pack.data.periods.previous.to,
            })}
            {stamp && ` · ${stamp}`}
          </Typography.Text>
          <NorthStarSection pack={pack.data} />
          <MerchantsSection pack={pack.data} />
          <SlaSection pack={pack.data} />
          <CoverageSection pack={pack.data} />
          <OkrSection pack={pack.data} />
          <Card title={t('meeting')} size="small" data-testid="review-meeting">
            <MeetingPanel from={pack.data.periods.current.from} to={pack.data.periods.current.to} />
          </Card>
        </Flex>
      )}
    </>
  );
}

function PackToolbar({ pack, period, onPeriod }: { pack: ReviewPackView | undefined; period: Period; onPeriod: (period: Period) => void }) {
  const { t } = useTranslation('review');
  const client = useCockpitClient();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [exporting, setExporting] = useState(false);
  const shown = period ?? pack?.periods.current ?? null;
  const value: [Dayjs, Dayjs] | null = shown ? [dayjs(shown.from), dayjs(shown.to)] : null;
  const failed = (error: unknown) => void message.error(t('exportFailed', { message: errorMessage(error) }));

  const exportXlsx = () => {
    setExporting(true);
    client
      .call('overview.reviewPackWorkbook', period ?? {})
      .then(({ fileName, base64 }) => {
        downloadBlob(fileName, blobFromBase64(base64, XLSX_TYPE));
        void message.success(t('exported', { file: fileName }));
      })
      .catch(failed)
      .finally(() => setExporting(false));
  };
  const printPdf = () => {
    const name = pack ? `review-pack_${pack.workspace}_${pack.periods.current.from}_${pack.periods.current.to}` : 'review-pack';
    printPage(`${safeFileName(name)}.pdf`)
      .then((saved) => saved && void message.success(t('exported', { file: saved })))
      .catch(failed);
  };
  return (
    <Flex gap={8} wrap align="center" className="no-print" style={{ marginBottom: 12 }}>
      <Space.Compact>
        <DatePicker.RangePicker
          aria-label={t('period')}
          value={value}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) onPeriod({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
          }}
          data-testid="review-period"
        />
        <Button icon={<UndoOutlined />} disabled={period === null} onClick={() => onPeriod(null)} title={t('periodDefault')} aria-label={t('resetPeriod')} />
      </Space.Compact>
      <Typography.Text type="secondary">{period === null ? t('periodDefault') : ''}</Typography.Text>
      <Flex flex={1} />
      <Button icon={<FileExcelOutlined />} onClick={exportXlsx} loading={exporting} disabled={!pack} data-testid="review-export-xlsx">
        {t('exportXlsx')}
      </Button>
      <Button type="primary" icon={<PrinterOutlined />} onClick={printPdf} disabled={!pack} data-testid="review-print">
        {t('printPdf')}
      </Button>
    </Flex>
  );
}
