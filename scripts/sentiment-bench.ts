/**
 * Throughput benchmark for the sentiment engine:
 * `npx tsx scripts/sentiment-bench.ts FILE.csv [MORE.csv …] [--text-column review]` (several files are pooled).
 * Prints texts/s on one core for segmentation alone, for the engine without its learned words and
 * for the full engine: the best and the median of ten alternating rounds, by wall-clock time of
 * the scoring thread (process CPU time would add V8's helper threads). The median is the figure
 * to quote; the best shows what a quiet machine does.
 */
import { performance } from 'node:perf_hooks';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { createSentimentEngine, defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';

const textColumnAt = process.argv.indexOf('--text-column');
const textColumn = textColumnAt >= 0 ? (process.argv[textColumnAt + 1] ?? 'review') : 'review';
const files = process.argv.slice(2).filter((arg, i) => !arg.startsWith('--') && i + 2 !== textColumnAt + 1);
if (files.length === 0) {
  process.stderr.write('usage: tsx scripts/sentiment-bench.ts FILE.csv [MORE.csv …] [--text-column review]\n');
  process.exit(1);
}
const texts = files.flatMap((file) => readLabelledCsv(file, { textColumn, labelColumn: 'label' }).rows.map((row) => row.text));
const chars = texts.reduce((sum, text) => sum + text.length, 0);
const ROUNDS = 10;

const jieba = Jieba.withDict(dict);
const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
const rulesEngine = createSentimentEngine({ resourcesDir: defaultResourcesDir(), learnedWordsFile: null });
const runs = {
  'jieba cut only': (): void => texts.forEach((text) => jieba.cut(text, false)),
  'engine without the learned words': (): void => void rulesEngine.scoreMany(texts),
  engine: (): void => void engine.scoreMany(texts),
};
for (const run of Object.values(runs)) run(); // warm-up
const seconds: Record<string, number[]> = {};
// The variants alternate, so a burst of load elsewhere on the machine hits them alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(runs)) {
    const started = performance.now();
    run();
    (seconds[name] ??= []).push((performance.now() - started) / 1000);
  }
}
const perSecond = (time: number): number => Math.round(texts.length / time);
process.stdout.write(`${texts.length} texts, mean ${Math.round(chars / texts.length)} chars, ${ROUNDS} rounds\n`);
for (const [name, times] of Object.entries(seconds)) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = ((sorted[(ROUNDS - 1) >> 1] as number) + (sorted[ROUNDS >> 1] as number)) / 2;
  process.stdout.write(`${name}: median ${perSecond(median)} texts/s, best ${perSecond(sorted[0] as number)} texts/s\n`);
}
