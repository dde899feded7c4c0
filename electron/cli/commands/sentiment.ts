import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import {
  createAnalyzer,
  createSentimentEngine,
  defaultResourcesDir,
  evaluate,
  DEFAULT_CALIBRATION_FILE,
  fitSentimentModel,
  LEARNED_WORDS_FILE,
  readLabelledCsv,
  writeSentimentModel,
  type EngineOptions,
  type LabelledSet,
  type SentimentEngine,
  type SentimentResult,
} from '../../core/sentiment';

/** At least this many texts are scored to warm up, and again to time: a small set is repeated. */
const THROUGHPUT_TEXTS = 5000;

/**
 * Texts per second of the one thread that scores, in steady state: a warm-up first (the JIT and
 * the segmenter's caches would otherwise be timed), then wall-clock time of whole passes over the
 * set. Process CPU time would count V8's compiler and GC helper threads as well; it is given for
 * comparison.
 */
function measureThroughput(engine: SentimentEngine, texts: readonly string[]): { perSecond: number; cpuPerSecond: number } {
  const passes = Math.max(1, Math.ceil(THROUGHPUT_TEXTS / Math.max(texts.length, 1)));
  for (let pass = 0; pass < passes; pass++) engine.scoreMany(texts);
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) engine.scoreMany(texts);
  const seconds = Math.max((performance.now() - started) / 1000, 1e-9);
  const cpu = process.cpuUsage(cpuStarted);
  const scored = passes * texts.length;
  return { perSecond: Math.round(scored / seconds), cpuPerSecond: Math.round(scored / Math.max((cpu.user + cpu.system) / 1e6, 1e-9)) };
}

interface ColumnOptions {
  textColumn: string;
  labelColumn: string;
}

/** `cockpit sentiment …`: score a text, evaluate on a labelled CSV, refit the calibration. */
export function registerSentiment(program: Command): void {
  const sentiment = program.command('sentiment').description('score Chinese text for sentiment (offline)');

  sentiment
    .command('score')
    .description('score one text: score, label, topic and the words behind them')
    .argument('<text>', 'the text to score')
    .option('--json', 'print one JSON line')
    .option('--model <dir>', MODEL_HELP)
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--resources <dir>', 'resources folder', defaultResourcesDir())
    .action((text: string, options: ModelOptions & { json?: boolean }) => {
      const engine = createSentimentEngine(engineOptions(options));
      const result = engine.score(text);
      process.stdout.write(options.json ? JSON.stringify(result) + '\n' : describe(result));
    });

  sentiment
    .command('eval')
    .description('measure accuracy on a labelled CSV (label 1 = positive, 0 = negative; neutral counts as wrong)')
    .requiredOption('--csv <file>', 'labelled CSV file')
    .option('--text-column <name>', 'column holding the text', 'review')
    .option('--label-column <name>', 'column holding the 0/1 label', 'label')
    .option('--model <dir>', MODEL_HELP)
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--resources <dir>', 'resources folder', defaultResourcesDir())
    .option('--json', 'print one JSON line')
    .action((options: ColumnOptions & ModelOptions & { csv: string; json?: boolean }) => {
      const set = readSet(options.csv, options);
      const engine = createSentimentEngine(engineOptions(options));
      const texts = set.rows.map((row) => row.text);
      const results = engine.scoreMany(texts);
      const { perSecond, cpuPerSecond } = measureThroughput(engine, texts);
      const metrics = evaluate(
        set.rows.map((row) => row.label),
        results.map((result) => result.label),
      );
      const report = { ...metrics, perSecond, skipped: set.skipped };
      if (options.json) {
        process.stdout.write(JSON.stringify(report) + '\n');
      } else {
        const neutral = results.filter((result) => result.label === 'neutral').length;
        process.stdout.write(
          `n=${report.n} accuracy=${report.accuracy} macroF1=${report.macroF1} negativeRecall=${report.negativeRecall} ` +
            `perSecond=${report.perSecond} (by process CPU time ${cpuPerSecond}/s) neutral=${neutral} skipped=${report.skipped} calibration=${engine.calibrated ? 'shipped' : 'none'}\n`,
        );
      }
    });

  sentiment
    .command('calibrate')
    .description('rebuild the learned words and the calibration from labelled CSVs (each file one set of reviews)')
    .requiredOption('--csv <file...>', 'labelled CSV file(s)')
    .requiredOption('--out <dir>', 'resources folder to write sentiment/calibration.json and sentiment/learned-words.tsv into')
    .option('--text-column <name>', 'column holding the text', 'review')
    .option('--label-column <name>', 'column holding the 0/1 label', 'label')
    .option('--resources <dir>', 'resources folder whose lexicon the rules use', defaultResourcesDir())
    .action((options: ColumnOptions & { csv: string[]; out: string; resources: string }) => {
      const sets = options.csv.map((file) => readSet(file, options));
      const analyze = createAnalyzer(options.resources);
      const model = fitSentimentModel(
        sets.map((set) => ({ analyses: set.rows.map((row) => analyze(row.text)), labels: set.rows.map((row) => row.label) })),
        options.csv.map((file, i) => `${path.basename(file)} (${sets[i]?.rows.length ?? 0} rows)`),
      );
      const written = writeSentimentModel(model, options.out, 'cockpit sentiment calibrate');
      process.stderr.write(`wrote ${written.join(' and ')} from ${sets.reduce((sum, set) => sum + set.rows.length, 0)} rows\n`);
    });
}

const MODEL_HELP = 'a folder written by `sentiment calibrate --out` (its sentiment/calibration.json and sentiment/learned-words.tsv); default: the shipped model';
const CALIBRATION_HELP = '"none" for the plain rule score, or a calibration JSON to use without learned words';

interface ModelOptions {
  model?: string;
  calibration?: string;
  resources: string;
}

/** The lexicon always comes from --resources; the model from --model, --calibration or the shipped files. */
function engineOptions(options: ModelOptions): EngineOptions {
  if (options.model !== undefined && options.calibration !== undefined) throw new Error('give --model or --calibration, not both');
  if (options.model !== undefined) {
    const calibrationFile = path.join(options.model, DEFAULT_CALIBRATION_FILE);
    if (!fs.existsSync(calibrationFile)) throw new Error(`no sentiment model in ${options.model}: ${calibrationFile} not found`);
    const learnedWordsFile = path.join(options.model, LEARNED_WORDS_FILE);
    return { resourcesDir: options.resources, calibrationFile, learnedWordsFile: fs.existsSync(learnedWordsFile) ? learnedWordsFile : null };
  }
  if (options.calibration === undefined) return { resourcesDir: options.resources };
  if (options.calibration === 'none') return { resourcesDir: options.resources, calibrationFile: null };
  return { resourcesDir: options.resources, calibrationFile: options.calibration, learnedWordsFile: null };
}

function readSet(file: string, columns: ColumnOptions): LabelledSet {
  const set = readLabelledCsv(file, columns);
  if (set.skipped > 0) {
    process.stderr.write(
      `cockpit: skipped ${set.skipped} row(s) of ${file} whose ${columns.labelColumn} is not 0 or 1 (first: data row ${set.firstSkippedLine})\n`,
    );
  }
  if (set.rows.length === 0) throw new Error(`no rows with a 0/1 ${columns.labelColumn} in ${file}`);
  return set;
}

function describe(result: SentimentResult): string {
  const lines = [`${result.label} (score ${result.score.toFixed(3)})`];
  if (result.topic) lines.push(`topic: ${result.topic}${result.topicWords.length ? ` (${result.topicWords.join(', ')})` : ''}`);
  if (result.drivers.length > 0) {
    lines.push('drivers: ' + result.drivers.map((driver) => `${driver.text} ${driver.weight > 0 ? '+' : ''}${driver.weight}`).join(', '));
  }
  return lines.join('\n') + '\n';
}
