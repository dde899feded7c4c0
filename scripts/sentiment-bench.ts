/**
 * Throughput benchmark for the sentiment engine: `npx tsx scripts/sentiment-bench.ts FILE.csv [--text-column review]`.
 * Prints texts/s on one core for segmentation alone and for the full engine, and the engine's cost
 * relative to jieba. Time is this process's CPU time (user + system), best of five rounds, so
 * other work on a busy machine disturbs the figure less than wall-clock time would.
 */
import { performance } from 'node:perf_hooks';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { createSentimentEngine, defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx scripts/sentiment-bench.ts FILE.csv [--text-column review]\n');
  process.exit(1);
}
const textColumn = process.argv.includes('--text-column') ? (process.argv[process.argv.indexOf('--text-column') + 1] ?? 'review') : 'review';
const texts = readLabelledCsv(file, { textColumn, labelColumn: 'label' }).rows.map((row) => row.text);
const chars = texts.reduce((sum, text) => sum + text.length, 0);
const ROUNDS = 5;

function rate(label: string, run: () => void): number {
  run(); // warm-up
  let best = 0;
  let wall = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.cpuUsage();
    const wallStarted = performance.now();
    run();
    const used = process.cpuUsage(started);
    const seconds = Math.max((used.user + used.system) / 1e6, 1e-6);
    wall = Math.max(wall, texts.length / ((performance.now() - wallStarted) / 1000));
    best = Math.max(best, texts.length / seconds);
  }
  process.stdout.write(`${label}: ${Math.round(best)} texts/s (${texts.length} texts, mean ${Math.round(chars / texts.length)} chars, best of ${ROUNDS}; wall clock ${Math.round(wall)}/s)\n`);
  return best;
}

const jieba = Jieba.withDict(dict);
const cut = rate('jieba cut only', () => texts.forEach((text) => jieba.cut(text, false)));
const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
const full = rate('engine', () => engine.scoreMany(texts));
process.stdout.write(`engine time / jieba time: ${(cut / full).toFixed(2)}\n`);
