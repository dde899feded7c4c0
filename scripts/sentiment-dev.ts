/**
 * Development aid (not used by the app or the tests): prints misread texts with their drivers.
 * `npx tsx scripts/sentiment-dev.ts FILE.csv [limit] [neutral|wrong] [seed]`
 */
import { createSentimentEngine, defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/sentiment-dev.ts FILE.csv [limit] [neutral|wrong] [seed]');
const limit = Number(process.argv[3] ?? 60);
const mode = process.argv[4] ?? 'wrong';
const seed = Number(process.argv[5] ?? 1);
const rows = readLabelledCsv(file, { textColumn: 'review', labelColumn: 'label' }).rows;
const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir(), calibrationFile: process.env.RULES ? null : undefined });
const shown: string[] = [];
rows.forEach((row, i) => {
  const result = engine.score(row.text);
  const ok = (row.label === 1 && result.label === 'positive') || (row.label === 0 && result.label === 'negative');
  const pick = mode === 'neutral' ? result.label === 'neutral' : !ok && result.label !== 'neutral';
  if (pick && (i * 7919 + seed) % 7 === 0) {
    shown.push(`${row.label} ${result.score} | ${row.text.slice(0, 100).replace(/\s+/g, ' ')} | ${result.drivers.map((d) => `${d.text}${d.weight}`).join(' ')}`);
  }
});
process.stdout.write(shown.slice(0, limit).join('\n') + '\n');
