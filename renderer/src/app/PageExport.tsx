/**
 * "Export this page" in the header: any board as it stands, as a PDF (Electron's printToPDF with a
 * save dialog; in a browser, its print dialog, where "Save as PDF" is one choice) or as an .xlsx
 * workbook of its grids and charts. Also the stamp that every printed page carries: the data's
 * as-of time and the workspace, in the page's top margin (@page margin boxes) and over the content.
 */
import { App, Button, Dropdown } from 'antd';
import { DownOutlined, ExportOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCockpitQuery } from '../api/hooks';
import { buildBoardWorkbook } from '../components/board-export/board-workbook';
import { currentExportables } from '../components/board-export/exportables';
import { shanghaiMinute } from '../../../electron/core/api/time';
import { cssString, safeFileName } from '../components/board-export/stamp';
import { downloadBlob, XLSX_TYPE } from '../components/download';
import { useErrorMessage } from '../components/ErrorText';

/** The stamp's words for the current data: shared by the printed pages and the exported sheets. */
export function useStampText(): string | null {
  const { t } = useTranslation();
  const stamp = useCockpitQuery('overview.dataStamp', {});
  if (!stamp.data) return null;
  const { asOfMs, workspace } = stamp.data;
  return asOfMs === null ? t('header.stampNoData', { workspace }) : t('header.stamp', { asOf: shanghaiMinute(asOfMs), workspace });
}

/** The board's name as its h1 says it. */
function boardTitle(): string {
  return document.querySelector('#main-content h1')?.textContent?.trim() || document.title;
}

function exportName(board: string): string {
  return safeFileName(`${board}-${shanghaiMinute(Date.now()).replace(/[-: ]/g, '')}`);
}

/** Saves the page as PDF in Electron; prints (the browser offers "Save as PDF") elsewhere. */
export async function printPage(fileName: string): Promise<string | null> {
  if (window.cockpit?.exportPdf) {
    const answer = await window.cockpit.exportPdf(fileName);
    if (!answer.ok) throw new Error(answer.message);
    return answer.saved;
  }
  window.print();
  return null;
}

export function PageExport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stamp = useStampText();
  const errorMessage = useErrorMessage();
  const failed = (error: unknown) => void message.error(t('header.exportFailed', { message: errorMessage(error) }));

  const exportPdf = () => {
    printPage(`${exportName(boardTitle())}.pdf`)
      .then((saved) => saved && void message.success(t('header.exportedPdf', { file: saved })))
      .catch(failed);
  };
  const exportXlsx = () => {
    const board = boardTitle();
    buildBoardWorkbook(currentExportables(), { board, stamp: stamp ?? '', chartsSheet: t('header.chartsSheet') })
      .then((workbook) => workbook.xlsx.writeBuffer())
      .then((bytes) => {
        const file = `${exportName(board)}.xlsx`;
        downloadBlob(file, new Blob([bytes], { type: XLSX_TYPE }));
        void message.success(t('header.exportedXlsx', { file }));
      })
      .catch(failed);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'pdf', icon: <PrinterOutlined />, label: t('header.printPdf'), onClick: exportPdf, 'data-testid': 'page-export-pdf' },
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('header.exportXlsx'), onClick: exportXlsx, 'data-testid': 'page-export-xlsx' },
        ],
      }}
    >
      <Button size="small" icon={<ExportOutlined />} data-testid="page-export">
        {t('header.export')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/**
 * On paper only: the stamp over the content of the first page and, through the @page margin
 * boxes, in the top margin of every page with the page number at the bottom. The stamp is data
 * (a workspace is a file name): it goes into the stylesheet as an escaped CSS string.
 */
export function PrintStamp() {
  const stamp = useStampText();
  if (stamp === null) return null;
  const css = `@page { @top-left { content: ${cssString(stamp)}; font-size: 9pt; color: #555; } @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }`;
  return (
    <>
      <style>{css}</style>
      <div className="print-only print-stamp" data-testid="print-stamp">
        {stamp}
      </div>
    </>
  );
}

