/** Binary evaluation where a neutral prediction is simply wrong. */
import type { SentimentLabel } from './types';

export interface EvalMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  negativeRecall: number;
}

export function evaluate(truth: readonly (0 | 1)[], predicted: readonly SentimentLabel[]): EvalMetrics {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  let correct = 0;
  const counts = { negative: { tp: 0, fp: 0, fn: 0 }, positive: { tp: 0, fp: 0, fn: 0 } };
  for (let i = 0; i < truth.length; i++) {
    const actual = truth[i] === 1 ? 'positive' : 'negative';
    const guess = predicted[i];
    if (guess === actual) {
      correct++;
      counts[actual].tp++;
      continue;
    }
    counts[actual].fn++;
    if (guess === 'positive' || guess === 'negative') counts[guess].fp++;
  }
  const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const negatives = counts.negative.tp + counts.negative.fn;
  return {
    n: truth.length,
    accuracy: round(truth.length === 0 ? 0 : correct / truth.length),
    macroF1: round((f1(counts.negative) + f1(counts.positive)) / 2),
    negativeRecall: round(negatives === 0 ? 0 : counts.negative.tp / negatives),
  };
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
