/**
 * The one CSV writer of the cockpit: every grid exports through it (DataGrid calls it), so every
 * file follows the same rules:
 * - UTF-8 with a BOM and CRLF line ends, so Excel opens Chinese text correctly;
 * - every text cell quoted; a record is always one line: control characters and line
 *   separators become visible escapes (\n, \x1B, \u2028), never raw bytes that split a row;
 * - a text cell starting with = + - @ tab or CR is prefixed with ' so a spreadsheet never runs it
 *   as a formula (CSV injection); numbers are written as numbers;
 * - dates carry their year (YYYY-MM-DD HH:mm:ss, local time).
 */
import dayjs from 'dayjs';
import { downloadBlob } from './download';
import { visibleText } from './untrusted-text';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvWords {
  yes: string;
  no: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** One cell, ready to be joined with commas. */
export function csvCell(value: CsvValue, words: CsvWords): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return quote(value ? words.yes : words.no);
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return quote(visibleText(defused));
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The whole file: a header line, then one line per row. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[], words: CsvWords): string {
  const lines = [headers, ...rows].map((cells) => cells.map((cell) => csvCell(cell, words)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An instant as the file should show it: with its year, in local time. Other text is kept. */
export function csvDate(value: string): string {
  return ISO_INSTANT.test(value) ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : value;
}

/** Ends in .csv (Excel opens it as CSV) and holds no character Windows forbids in file names. */
export function csvFileName(exportName: string, at = dayjs()): string {
  const safeName = exportName.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${safeName}-${at.format('YYYYMMDD-HHmm')}.csv`;
}

/** Hands the file to the browser (or Electron) as a download. */
export function downloadCsv(fileName: string, csv: string): void {
  downloadBlob(fileName, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}
