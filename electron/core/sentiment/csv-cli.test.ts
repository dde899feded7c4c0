import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabelledCsv } from './csv';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir: string;

// A small hand-written set: a BOM, quoted fields with commas, quotes and a newline, and three bad labels.
const SAMPLE =
  '\ufefflabel,review\n' +
  '1,"很好吃，下次还来"\n' +
  '0,"难吃, 而且""超级""慢"\n' +
  '1,"包装很好\n物流也快"\n' +
  '2,这一行的标签不对\n' +
  ',没有标签\n' +
  'x,也不对\n' +
  '0,质量太差了\n';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentiment-test-'));
  fs.writeFileSync(path.join(dir, 'sample.csv'), SAMPLE);
  fs.writeFileSync(path.join(dir, 'other-columns.csv'), 'cat,stars,text\nbooks,1,好书\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readLabelledCsv', () => {
  it('reads a BOM, quotes, embedded commas and newlines, and counts bad labels', () => {
    const set = readLabelledCsv(path.join(dir, 'sample.csv'), { textColumn: 'review', labelColumn: 'label' });
    expect(set.rows).toEqual([
      { text: '很好吃，下次还来', label: 1 },
      { text: '难吃, 而且"超级"慢', label: 0 },
      { text: '包装很好\n物流也快', label: 1 },
      { text: '质量太差了', label: 0 },
    ]);
    expect(set.skipped).toBe(3);
  });

  it('names the columns that exist when one is missing', () => {
    expect(() => readLabelledCsv(path.join(dir, 'other-columns.csv'), { textColumn: 'review', labelColumn: 'label' })).toThrow(
      /column "review" not found .*\(columns: cat, stars, text\)/,
    );
  });

  it('says plainly when the file is missing', () => {
    expect(() => readLabelledCsv(path.join(dir, 'nope.csv'), { textColumn: 'review', labelColumn: 'label' })).toThrow(/file not found/);
  });
});

function cockpit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cockpit sentiment (CLI)', () => {
  it('eval --json prints one JSON line with the metrics and the skipped count', () => {
    const run = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'sample.csv'), '--json');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string) as Record<string, number>;
    expect(report).toMatchObject({ n: 4, skipped: 3 });
    for (const key of ['accuracy', 'macroF1', 'negativeRecall', 'perSecond']) expect(typeof report[key]).toBe('number');
    expect(report.accuracy).toBe(1);
  });

  it('eval without --json prints a readable summary', () => {
    const run = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'sample.csv'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/accuracy=1\b/);
    expect(run.stdout).toMatch(/skipped=3/);
  });

  it('exits non-zero with one line on a missing file', () => {
    const run = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'missing.csv'), '--json');
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/file not found/);
  });

  it('exits non-zero naming the columns on a missing column', () => {
    const run = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'other-columns.csv'), '--json');
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/columns: cat, stars, text/);
  });

  it('reads other column names when asked', () => {
    const run = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'other-columns.csv'), '--text-column', 'text', '--label-column', 'stars', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ n: 1, accuracy: 1 });
  });

  it('calibrate builds a model from CSVs that eval and score then use with --model', () => {
    // 地毯 (carpet) is in no lexicon: only learned words can make it a complaint.
    const rows = ['label,review'];
    for (let i = 0; i < 6; i++) rows.push(`1,房间干净，推荐${i}`, `1,早餐丰富，前台热情${i}`, `0,地毯脏，投诉${i}`, `0,地毯一股味${i}`);
    fs.writeFileSync(path.join(dir, 'train.csv'), rows.join('\n') + '\n');
    const out = path.join(dir, 'model');
    const built = cockpit('sentiment', 'calibrate', '--csv', path.join(dir, 'train.csv'), '--out', out);
    expect(built.status).toBe(0);
    expect(fs.existsSync(path.join(out, 'sentiment', 'calibration.json'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'sentiment', 'learned-words.tsv'), 'utf8')).toContain('地毯');
    const scored = cockpit('sentiment', 'score', '地毯', '--model', out, '--json');
    expect(scored.status).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ label: 'negative' });
    const evaluated = cockpit('sentiment', 'eval', '--csv', path.join(dir, 'train.csv'), '--model', out, '--json');
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ n: 24 });
  });

  it('says plainly when --model holds no model', () => {
    const run = cockpit('sentiment', 'score', '好', '--model', path.join(dir, 'nowhere'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/no sentiment model in .*nowhere/);
  });

  it('score prints the label, topic and drivers, and --json one object', () => {
    const plain = cockpit('sentiment', 'score', '快递太慢了，还压坏了');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^negative/);
    expect(plain.stdout).toMatch(/topic: logistics/);
    expect(plain.stdout).toMatch(/drivers: /);
    const json = cockpit('sentiment', 'score', '👍 很好用', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ label: 'positive', topic: null });
  });
});
