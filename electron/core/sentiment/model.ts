/**
 * The calibration layer: a logistic regression over the rule layer's dozen text-level features
 * (lexicon score, clause balance, punctuation cues) and the learned words' score. It learns how
 * much to trust each, not which words are good or bad (that is the lexicon's and the learned
 * words' business). The file is a few lines of JSON.
 */
import fs from 'node:fs';
import { DENSE_FEATURE_NAMES, type Analysis } from './analyzer';

export const CALIBRATION_FORMAT = 'ops-cockpit-sentiment-calibration/1';

export interface CalibrationFile {
  format: typeof CALIBRATION_FORMAT;
  description: string;
  trainedOn: string[];
  bias: number;
  weights: Record<string, number>;
}

export interface Calibration {
  bias: number;
  weights: number[];
}

export function loadCalibration(file: string): Calibration {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    throw new Error(`cannot load sentiment calibration ${file}: ${reason}`, { cause: error });
  }
  const model = parsed as Partial<CalibrationFile>;
  if (model.format !== CALIBRATION_FORMAT || typeof model.bias !== 'number' || typeof model.weights !== 'object' || model.weights === null) {
    throw new Error(`cannot load sentiment calibration ${file}: not a ${CALIBRATION_FORMAT} file`);
  }
  return toCalibration(model as CalibrationFile);
}

export function toCalibration(file: CalibrationFile): Calibration {
  const weights = file.weights;
  return { bias: file.bias, weights: DENSE_FEATURE_NAMES.map((name) => (typeof weights[name] === 'number' ? weights[name] : 0)) };
}

/** Log-odds of "positive" for one analysed text. */
export function calibratedLogit(calibration: Calibration, analysis: Analysis): number {
  let logit = calibration.bias;
  for (let f = 0; f < calibration.weights.length; f++) logit += (calibration.weights[f] as number) * (analysis.dense[f] as number);
  return logit;
}

export interface CalibrationOptions {
  iterations?: number;
  l2?: number;
  /** Features left out (their weight stays 0). */
  exclude?: readonly string[];
  /** A stronger L2 prior for some features than `l2`. */
  l2ByFeature?: Partial<Record<(typeof DENSE_FEATURE_NAMES)[number], number>>;
  trainedOn: string[];
}

/**
 * Fits the dozen weights by full-batch Adam on class-balanced log loss (each class weighs half,
 * so the set's positive/negative ratio does not become the bias). Deterministic.
 */
export function fitCalibration(analyses: readonly Pick<Analysis, 'dense'>[], labels: readonly (0 | 1)[], options: CalibrationOptions): CalibrationFile {
  const iterations = options.iterations ?? 400;
  const l2 = options.l2 ?? 1e-3;
  const count = DENSE_FEATURE_NAMES.length + 1;
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('calibration needs both positive and negative examples');
  const classWeight = [labels.length / (2 * negatives), labels.length / (2 * positives)];
  const w = new Float64Array(count);
  const m = new Float64Array(count);
  const v = new Float64Array(count);
  const g = new Float64Array(count);
  const used = [true, ...DENSE_FEATURE_NAMES.map((name) => !(options.exclude ?? []).includes(name))];
  const priors = [0, ...DENSE_FEATURE_NAMES.map((name) => options.l2ByFeature?.[name] ?? l2)];
  for (let step = 1; step <= iterations; step++) {
    g.fill(0);
    for (let d = 0; d < analyses.length; d++) {
      const x = (analyses[d] as Analysis).dense;
      const label = labels[d] as 0 | 1;
      let z = w[0] as number;
      for (let f = 1; f < count; f++) z += (w[f] as number) * (x[f - 1] as number);
      const error = (1 / (1 + Math.exp(-z)) - label) * (classWeight[label] as number);
      g[0] = (g[0] as number) + error;
      for (let f = 1; f < count; f++) g[f] = (g[f] as number) + error * (x[f - 1] as number);
    }
    for (let p = 0; p < count; p++) {
      if (!used[p]) continue;
      const grad = (g[p] as number) / analyses.length + (priors[p] as number) * (w[p] as number);
      m[p] = 0.9 * (m[p] as number) + 0.1 * grad;
      v[p] = 0.999 * (v[p] as number) + 0.001 * grad * grad;
      const mHat = (m[p] as number) / (1 - 0.9 ** step);
      const vHat = (v[p] as number) / (1 - 0.999 ** step);
      w[p] = (w[p] as number) - (0.05 * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  const weights: Record<string, number> = {};
  DENSE_FEATURE_NAMES.forEach((name, f) => (weights[name] = round(w[f + 1] as number)));
  return {
    format: CALIBRATION_FORMAT,
    description:
      'Logistic calibration of the lexicon rules and the learned words: one weight per text-level feature. Built by `cockpit sentiment calibrate`.',
    trainedOn: options.trainedOn,
    bias: round(w[0] as number),
    weights,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
