import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { csvCell, csvDate, csvFileName, toCsv } from './csv-export';

const words = { yes: '是', no: '否' };

describe('csvCell', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","点我")', words)).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(csvCell('+1', words)).toBe('"\'+1"');
    expect(csvCell('-2+3', words)).toBe('"\'-2+3"');
    expect(csvCell('@SUM(A1)', words)).toBe('"\'@SUM(A1)"');
    expect(csvCell('\t=1', words)).toBe('"\'\\t=1"');
    expect(csvCell('\r=1', words)).toBe('"\'\\r=1"');
    expect(csvCell('a=1', words)).toBe('"a=1"');
  });

  it('writes numbers as numbers, negative ones too, and blanks for nothing', () => {
    expect(csvCell(-12.5, words)).toBe('-12.5');
    expect(csvCell(28000, words)).toBe('28000');
    expect(csvCell(Number.NaN, words)).toBe('');
    expect(csvCell(null, words)).toBe('');
    expect(csvCell(undefined, words)).toBe('');
  });

  it('writes flags as words', () => {
    expect(csvCell(true, words)).toBe('"是"');
    expect(csvCell(false, words)).toBe('"否"');
  });

  it('keeps a record on one line: controls and line separators become visible escapes', () => {
    expect(csvCell('第一行\n第二行\u2028第三行\u001b[31m', words)).toBe('"第一行\\n第二行\\u2028第三行\\x1B[31m"');
    expect(csvCell('说 "好"', words)).toBe('"说 ""好"""');
  });
});

describe('toCsv', () => {
  it('writes a BOM, quoted headers and CRLF line ends', () => {
    expect(toCsv(['标题', '数量'], [['=1', 3], ['ok', null]], words)).toBe('\uFEFF"标题","数量"\r\n"\'=1",3\r\n"ok",\r\n');
  });
});

describe('csvDate', () => {
  it('gives an instant its year, in local time', () => {
    expect(csvDate('2026-11-11T10:05:00+08:00')).toBe(dayjs('2026-11-11T10:05:00+08:00').format('YYYY-MM-DD HH:mm:ss'));
    expect(csvDate('2026-11-11T10:05:00+08:00')).toMatch(/^2026-11-1\d \d\d:05:00$/);
    expect(csvDate('不是日期')).toBe('不是日期');
  });
});

describe('csvFileName', () => {
  it('ends in .csv and has no characters Windows forbids', () => {
    expect(csvFileName('舆情 预警/P1', dayjs('2026-11-11T10:05:00'))).toBe('舆情-预警-P1-20261111-1005.csv');
  });
});
