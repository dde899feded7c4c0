/** Reads a labelled CSV (label 1 = positive, 0 = negative) for evaluation and training. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface LabelledRow {
  text: string;
  label: 0 | 1;
}

export interface LabelledSet {
  rows: LabelledRow[];
  /** Rows whose label was not 0 or 1: skipped, with the first one's line number for the report. */
  skipped: number;
  firstSkippedLine: number | null;
}

export interface CsvColumns {
  textColumn: string;
  labelColumn: string;
}

export function readLabelledCsv(file: string, columns: CsvColumns): LabelledSet {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${code ?? String(error)}`, { cause: error });
  }
  let records: string[][];
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new Error(`${file} is not valid CSV: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const header = (records[0] ?? []).map((name) => name.trim());
  const textIndex = header.indexOf(columns.textColumn);
  const labelIndex = header.indexOf(columns.labelColumn);
  for (const [wanted, at] of [
    [columns.textColumn, textIndex],
    [columns.labelColumn, labelIndex],
  ] as const) {
    if (at < 0) throw new Error(`column "${wanted}" not found in ${file} (columns: ${header.join(', ') || 'none'})`);
  }

  const rows: LabelledRow[] = [];
  let skipped = 0;
  let firstSkippedLine: number | null = null;
  for (let r = 1; r < records.length; r++) {
    const record = records[r] as string[];
    const label = (record[labelIndex] ?? '').trim();
    if (label !== '0' && label !== '1') {
      skipped++;
      firstSkippedLine ??= r + 1;
      continue;
    }
    rows.push({ text: record[textIndex] ?? '', label: label === '1' ? 1 : 0 });
  }
  return { rows, skipped, firstSkippedLine };
}
