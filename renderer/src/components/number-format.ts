/**
 * Numbers as the desk reads them: grouped thousands (28,000), a fixed number of decimals, and a
 * percent sign for shares. Money and piece counts carry their unit in the column header
 * ("GMV（万元）"), so cells stay short and line up; a share carries its % in the cell.
 */

export type NumberUnit = 'yuan' | 'wanYuan' | 'pieces' | 'percent';

export interface NumberStyle {
  /** `percent` takes a fraction (0.35) and shows 35%. */
  unit?: NumberUnit;
  /** Decimals shown; default 0 (percent) or as many as the value has, up to 2. */
  fractionDigits?: number;
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, minimum: number, maximum: number): Intl.NumberFormat {
  const key = `${language}/${minimum}/${maximum}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', { minimumFractionDigits: minimum, maximumFractionDigits: maximum, useGrouping: true });
    formats.set(key, format);
  }
  return format;
}

/** '' for a missing value; otherwise the grouped number, with % for a share. */
export function numberText(value: unknown, language: string, style: NumberStyle = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  if (style.unit === 'percent') {
    const digits = style.fractionDigits ?? 0;
    return `${numberFormat(language, digits, digits).format(number * 100)}%`;
  }
  const digits = style.fractionDigits;
  return numberFormat(language, digits ?? 0, digits ?? 2).format(number);
}
