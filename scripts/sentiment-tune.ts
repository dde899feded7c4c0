/**
 * Measures the engine on the shared labelled sets in both directions and writes the calibration:
 * `npx tsx scripts/sentiment-tune.ts WAIMAI.csv HOTEL.csv [--write resources/sentiment/calibration.json]`.
 * For each set it prints the plain rule score, the calibration fitted on the OTHER set (the
 * generalisation estimate) and the calibration fitted on both (what is shipped).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createAnalyzer,
  defaultResourcesDir,
  evaluate,
  fitCalibration,
  labelOf,
  readLabelledCsv,
  scoreAnalysis,
  toCalibration,
  type Analysis,
  type Calibration,
} from '../electron/core/sentiment';

const files = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--write' && all[i - 1] !== '--exclude');
const writeAt = process.argv.indexOf('--write');
const out = writeAt >= 0 ? process.argv[writeAt + 1] : undefined;
if (files.length !== 2) throw new Error('usage: tsx scripts/sentiment-tune.ts A.csv B.csv [--write FILE]');

const analyze = createAnalyzer(defaultResourcesDir());
const sets = files.map((file) => {
  const rows = readLabelledCsv(file, { textColumn: 'review', labelColumn: 'label' }).rows;
  return { name: path.basename(file), labels: rows.map((row) => row.label), analyses: rows.map((row) => analyze(row.text)) };
});

function measure(analyses: Analysis[], labels: (0 | 1)[], calibration: Calibration | null): string {
  const predicted = analyses.map((analysis) => labelOf(scoreAnalysis(analysis, calibration)));
  const m = evaluate(labels, predicted);
  const neutral = predicted.filter((label) => label === 'neutral').length;
  return `acc=${m.accuracy} macroF1=${m.macroF1} negRecall=${m.negativeRecall} neutral=${neutral}`;
}

const excludeAt = process.argv.indexOf('--exclude');
const exclude = excludeAt >= 0 ? (process.argv[excludeAt + 1] ?? '').split(',') : [];
const fits = sets.map((set) => fitCalibration(set.analyses, set.labels, { trainedOn: [set.name], exclude }));
const both = fitCalibration(
  sets.flatMap((set) => set.analyses),
  sets.flatMap((set) => set.labels),
  { trainedOn: sets.map((set) => `${set.name} (${set.labels.length} rows)`), exclude },
);
sets.forEach((set, i) => {
  const other = 1 - i;
  process.stdout.write(`${set.name}\n`);
  process.stdout.write(`  rules only                 ${measure(set.analyses, set.labels, null)}\n`);
  process.stdout.write(`  tuned on ${sets[other]?.name.padEnd(17)} ${measure(set.analyses, set.labels, toCalibration(fits[other]!))}\n`);
  process.stdout.write(`  tuned on itself            ${measure(set.analyses, set.labels, toCalibration(fits[i]!))}\n`);
  process.stdout.write(`  tuned on both (shipped)    ${measure(set.analyses, set.labels, toCalibration(both))}\n`);
});
process.stdout.write(JSON.stringify(both) + '\n');
if (out) fs.writeFileSync(out, JSON.stringify(both, null, 1) + '\n');

// The hand-written product reviews of the unit tests: categories the shared sets do not cover.
const { PRODUCT_REVIEWS } = await import('../electron/core/sentiment/product-reviews.fixture');
const productAnalyses = PRODUCT_REVIEWS.map((review) => analyze(review.text));
const productLabels = PRODUCT_REVIEWS.map((review) => review.label);
process.stdout.write(`product reviews (hand-written, ${PRODUCT_REVIEWS.length})\n`);
process.stdout.write(`  rules only                 ${measure(productAnalyses, productLabels, null)}\n`);
process.stdout.write(`  tuned on both (shipped)    ${measure(productAnalyses, productLabels, toCalibration(both))}\n`);
if (process.argv.includes('--show')) {
  PRODUCT_REVIEWS.forEach((review, i) => {
    const score = scoreAnalysis(productAnalyses[i]!, toCalibration(both));
    const ok = (score > 0) === (review.label === 1);
    if (!ok) process.stdout.write(`  MISS ${review.label} ${score} ${review.text} | ${productAnalyses[i]!.contributions.map((c) => c.text + c.value.toFixed(2)).join(' ')}\n`);
  });
}
