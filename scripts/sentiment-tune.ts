/**
 * Measures the engine on the shared labelled sets and builds what it ships:
 * `npx tsx scripts/sentiment-tune.ts WAIMAI.csv HOTEL.csv [--write resources]`.
 * For each set it prints the plain rule score; the model (learned words + calibration) built from
 * the OTHER set only (the cross-set figure); the model built from both sets, tested on folds it was
 * not built from (5-fold: the honest in-domain figure); and, for reference, the shipped model on
 * the texts it was built from (optimistic: the learned words have seen them).
 * `--write DIR` writes DIR/sentiment/calibration.json and DIR/sentiment/learned-words.tsv.
 */
import path from 'node:path';
import {
  createAnalyzer,
  defaultResourcesDir,
  evaluate,
  fitSentimentModel,
  labelOf,
  readLabelledCsv,
  scoreAnalysis,
  toCalibration,
  withLearnedWords,
  writeSentimentModel,
  type Analysis,
  type SentimentModel,
} from '../electron/core/sentiment';

const writeAt = process.argv.indexOf('--write');
const out = writeAt >= 0 ? process.argv[writeAt + 1] : undefined;
const files = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--write');
if (files.length !== 2) throw new Error('usage: tsx scripts/sentiment-tune.ts A.csv B.csv [--write RESOURCES_DIR]');
const FOLDS = 5;

const analyze = createAnalyzer(defaultResourcesDir());
const sets = files.map((file) => {
  const rows = readLabelledCsv(file, { textColumn: 'review', labelColumn: 'label' }).rows;
  return { name: path.basename(file), labels: rows.map((row) => row.label), analyses: rows.map((row) => analyze(row.text)) };
});

function predict(analysis: Analysis, model: SentimentModel | null): number {
  if (!model) return scoreAnalysis(analysis, null);
  return scoreAnalysis(withLearnedWords(analysis, model.learnedWords), toCalibration(model.calibration));
}

function report(labels: (0 | 1)[], scores: number[]): string {
  const predicted = scores.map(labelOf);
  const m = evaluate(labels, predicted);
  // Accuracy as on a set with as many positive as negative texts (the mean of the two recalls).
  const positives = labels.filter((label) => label === 1).length;
  const positiveRecall = predicted.filter((label, i) => label === 'positive' && labels[i] === 1).length / Math.max(positives, 1);
  const balanced = Math.round(((m.negativeRecall + positiveRecall) / 2) * 10000) / 10000;
  return `acc=${m.accuracy} balanced=${balanced} macroF1=${m.macroF1} negRecall=${m.negativeRecall} neutral=${predicted.filter((label) => label === 'neutral').length}`;
}

const alone = sets.map((set) => fitSentimentModel([set], [set.name]));
const both = fitSentimentModel(
  sets,
  sets.map((set) => `${set.name} (${set.labels.length} rows)`),
);
const folded = sets.map((set) => new Array<number>(set.labels.length));
for (let fold = 0; fold < FOLDS; fold++) {
  const keep = (i: number): boolean => i % FOLDS !== fold;
  const model = fitSentimentModel(
    sets.map((set) => ({ analyses: set.analyses.filter((_, i) => keep(i)), labels: set.labels.filter((_, i) => keep(i)) })),
    [],
  );
  sets.forEach((set, s) => set.analyses.forEach((analysis, i) => !keep(i) && ((folded[s] as number[])[i] = predict(analysis, model))));
}
sets.forEach((set, s) => {
  const other = sets[1 - s]!;
  process.stdout.write(`${set.name}\n`);
  process.stdout.write(`  rules only                       ${report(set.labels, set.analyses.map((a) => predict(a, null)))}\n`);
  process.stdout.write(`  built from ${other.name.padEnd(22)}${report(set.labels, set.analyses.map((a) => predict(a, alone[1 - s]!)))}\n`);
  process.stdout.write(`  built from both, ${FOLDS}-fold          ${report(set.labels, folded[s]!)}\n`);
  process.stdout.write(`  shipped (has seen these texts)   ${report(set.labels, set.analyses.map((a) => predict(a, both)))}\n`);
});
process.stdout.write(JSON.stringify(both.calibration) + '\n');
if (out) writeSentimentModel(both, out, 'scripts/sentiment-tune.ts');

// The hand-written product reviews of the unit tests: categories the shared sets do not cover.
const { PRODUCT_REVIEWS } = await import('../electron/core/sentiment/product-reviews.fixture');
const productAnalyses = PRODUCT_REVIEWS.map((review) => analyze(review.text));
const productLabels = PRODUCT_REVIEWS.map((review) => review.label);
process.stdout.write(`product reviews (hand-written, ${PRODUCT_REVIEWS.length})\n`);
process.stdout.write(`  rules only                       ${report(productLabels, productAnalyses.map((a) => predict(a, null)))}\n`);
process.stdout.write(`  shipped                          ${report(productLabels, productAnalyses.map((a) => predict(a, both)))}\n`);
if (process.argv.includes('--show')) {
  PRODUCT_REVIEWS.forEach((review, i) => {
    const score = predict(productAnalyses[i]!, both);
    if ((score > 0) !== (review.label === 1)) process.stdout.write(`  MISS ${review.label} ${score} ${review.text}\n`);
  });
}
