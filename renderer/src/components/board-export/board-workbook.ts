/**
 * A board as it stands, as an .xlsx workbook: one sheet per grid (its rows as the user sees
 * them), one sheet with its charts as pictures, each sheet opening with the board's name and the
 * data's as-of stamp and workspace, which also go into every printed page's header. exceljs is
 * loaded only when the user exports.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { ChartPicture, Exportable, ExportedTable } from './exportables';

export interface BoardStamp {
  board: string;
  /** e.g. "数据截至 2026-12-03 13:45 (Asia/Shanghai) · 工作区 cockpit.db" */
  stamp: string;
  chartsSheet: string;
}

/** Where each grid starts: after the title, the stamp, an optional note and a blank line. */
export const BOARD_HEADER_ROW = 5;
/** Excel's own limits: 31 characters and none of []:*?/\ in a sheet name. */
const SHEET_NAME_MAX = 31;

export async function buildBoardWorkbook(exportables: readonly Exportable[], stamp: BoardStamp): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ops Cockpit';
  const names = new Set<string>();
  for (const exportable of exportables) {
    if (exportable.kind === 'table') addTableSheet(workbook, uniqueSheetName(exportable.title, names), exportable.title, exportable.read(), stamp);
  }
  // A chart with nothing drawn (in a hidden tab, not yet laid out) is left out.
  const charts = exportables.flatMap((e) => {
    const png = e.kind === 'chart' ? e.read() : null;
    return png ? [{ title: e.title, png }] : [];
  });
  if (charts.length > 0) addChartsSheet(workbook, uniqueSheetName(stamp.chartsSheet, names), charts, stamp);
  if (workbook.worksheets.length === 0) addTableSheet(workbook, uniqueSheetName(stamp.board, names), stamp.board, { headers: [], body: [] }, stamp);
  return workbook;
}

export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, SHEET_NAME_MAX);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, SHEET_NAME_MAX - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function stampedSheet(workbook: Workbook, name: string, title: string, stamp: BoardStamp, note?: string): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: BOARD_HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    headerFooter: { oddHeader: `&L${escapeHeader(`${stamp.board} · ${title}`)}&R${escapeHeader(stamp.stamp)}`, oddFooter: '&C&P / &N' },
  });
  sheet.getCell('A1').value = `${stamp.board} · ${title}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = stamp.stamp;
  if (note) sheet.getCell('A3').value = note;
  return sheet;
}

function addTableSheet(workbook: Workbook, name: string, title: string, table: ExportedTable, stamp: BoardStamp): void {
  const sheet = stampedSheet(workbook, name, title, stamp, table.note);
  const header = sheet.getRow(BOARD_HEADER_ROW);
  table.headers.forEach((text, i) => {
    header.getCell(i + 1).value = text;
    sheet.getColumn(i + 1).width = Math.min(48, Math.max(10, text.length * 2 + 2));
  });
  header.font = { bold: true };
  table.body.forEach((cells, r) => {
    const row = sheet.getRow(BOARD_HEADER_ROW + 1 + r);
    // Text stays text: a cell never becomes a formula, whatever it starts with.
    cells.forEach((value, i) => {
      row.getCell(i + 1).value = value === undefined ? null : value;
    });
  });
  if (table.headers.length > 0) sheet.autoFilter = { from: { row: BOARD_HEADER_ROW, column: 1 }, to: { row: BOARD_HEADER_ROW, column: table.headers.length } };
}

/** Pictures go in at this width, whatever the window's size was. */
const CHART_WIDTH_PX = 900;
/** Excel's default row height in pixels: how many rows a picture covers. */
const ROW_PX = 20;

function addChartsSheet(workbook: Workbook, name: string, charts: { title: string; png: ChartPicture }[], stamp: BoardStamp): void {
  const sheet = stampedSheet(workbook, name, stamp.chartsSheet, stamp);
  let top = BOARD_HEADER_ROW;
  for (const chart of charts) {
    sheet.getCell(top, 1).value = chart.title;
    sheet.getCell(top, 1).font = { bold: true };
    const height = Math.round((CHART_WIDTH_PX * chart.png.height) / Math.max(1, chart.png.width));
    const image = workbook.addImage({ base64: chart.png.dataUrl, extension: 'png' });
    // tl counts from 0: row `top` (1-based) is the caption, the picture starts under it.
    sheet.addImage(image, { tl: { col: 0, row: top }, ext: { width: CHART_WIDTH_PX, height } });
    top += Math.ceil(height / ROW_PX) + 3;
  }
}

/** `&` starts a code in Excel headers: doubled, it is a literal ampersand. */
function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}
