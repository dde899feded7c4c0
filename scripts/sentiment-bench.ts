/**
 * Throughput benchmark for the sentiment engine: `npx tsx scripts/sentiment-bench.ts FILE.csv [--text-column review]`.
 * Prints texts/s on one core for segmentation alone and for the full engine, and the engine's cost
 * relative to jieba. Time is this process's CPU time (user + system), best of ten alternating
 * rounds, so other work on a busy machine disturbs the figure less than wall-clock time would.
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
const ROUNDS = 10;

/** CPU seconds (user + system) of one run, and its wall-clock seconds. */
function measure(run: () => void): { cpu: number; wall: number } {
  const started = process.cpuUsage();
  const wallStarted = performance.now();
  run();
  const used = process.cpuUsage(started);
  return { cpu: Math.max((used.user + used.system) / 1e6, 1e-6), wall: (performance.now() - wallStarted) / 1000 };
}

const jieba = Jieba.withDict(dict);
const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
const cutAll = (): void => texts.forEach((text) => jieba.cut(text, false));
const scoreAll = (): void => void engine.scoreMany(texts);
cutAll(); // warm-up
scoreAll();
// The two alternate, so a burst of load elsewhere on the machine hits both alike.
const best = { cut: { cpu: Infinity, wall: Infinity }, engine: { cpu: Infinity, wall: Infinity } };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of [['cut', cutAll], ['engine', scoreAll]] as const) {
    const took = measure(run);
    best[name].cpu = Math.min(best[name].cpu, took.cpu);
    best[name].wall = Math.min(best[name].wall, took.wall);
  }
}
const perSecond = (seconds: number): number => Math.round(texts.length / seconds);
const describe = `${texts.length} texts, mean ${Math.round(chars / texts.length)} chars, best of ${ROUNDS}`;
process.stdout.write(`jieba cut only: ${perSecond(best.cut.cpu)} texts/s (${describe}; wall clock ${perSecond(best.cut.wall)}/s)\n`);
process.stdout.write(`engine: ${perSecond(best.engine.cpu)} texts/s (${describe}; wall clock ${perSecond(best.engine.wall)}/s)\n`);
process.stdout.write(`engine time / jieba time: ${(best.engine.cpu / best.cut.cpu).toFixed(2)}\n`);
