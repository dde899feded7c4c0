/**
 * The offline Chinese sentiment engine: rules from the hand-written lexicon and, when shipped, the
 * learned words, weighed by the calibration; all loaded from the resources folder (no network).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Analyzer, DENSE_FEATURE_NAMES, LEARNED_SCALE, type Analysis } from './analyzer';
import { LEARNED_WORDS_FILE, loadLearnedWords, type LearnedEvidence, type LearnedWords } from './learned-words';
import { loadLexicon, type Lexicon } from './lexicon';
import { calibratedLogit, loadCalibration, type Calibration } from './model';
import { normalizeText } from './normalize';
import { classifyTopic } from './topic';
import type { Driver, SentimentEngine, SentimentLabel, SentimentResult } from './types';

export const DEFAULT_CALIBRATION_FILE = path.join('sentiment', 'calibration.json');
/** Scores closer to 0 than this are neutral: the evidence does not lean either way. */
export const NEUTRAL_BAND = 0.02;
const MAX_DRIVERS = 8;
/** A text without sentiment words leans at most this far, and only when it has this many Chinese words. */
const NO_EVIDENCE_CAP = 0.15;
const MIN_WORDS_TO_LEAN = 2;
/** The driver shown for a text that leans without any sentiment word. */
export const NO_EVIDENCE_DRIVER = '（无情感词：按陈述语气判断）';
/** Frequency given to lexicon phrases added to jieba: enough to keep them whole, low enough not to swallow neighbours. */
const PHRASE_FREQUENCY = 500;

export interface EngineOptions {
  resourcesDir: string;
  /**
   * The calibration: a path, null for the plain rule score, or undefined for the shipped
   * `resources/sentiment/calibration.json` when it exists.
   */
  calibrationFile?: string | null;
  /**
   * The learned words: a path, null for none, or undefined for the shipped
   * `resources/sentiment/learned-words.tsv` when it exists. Used only with a calibration, which
   * says how much they count.
   */
  learnedWordsFile?: string | null;
}

export function createSentimentEngine(options: EngineOptions): SentimentEngine {
  const lexicon = loadLexicon(options.resourcesDir);
  const jieba = createSegmenter(lexicon);
  const calibration = resolveCalibration(options);
  const analyzer = new Analyzer(lexicon, jieba, calibration ? resolveLearnedWords(options) : null);

  const score = (text: string): SentimentResult => {
    const normalized = normalizeText(text);
    if (normalized === '') return neutralResult();
    return decide(analyzer.analyze(normalized), calibration);
  };
  return {
    score,
    scoreMany: (texts) => texts.map(score),
    calibrated: calibration !== null,
  };
}

/** The analysis step alone (by default without learned words), for fitting the model on the same features. */
export function createAnalyzer(resourcesDir: string, learnedWords: LearnedWords | null = null): (text: string) => Analysis {
  const lexicon = loadLexicon(resourcesDir);
  const analyzer = new Analyzer(lexicon, createSegmenter(lexicon), learnedWords);
  return (text) => analyzer.analyze(normalizeText(text));
}

function createSegmenter(lexicon: Lexicon): Jieba {
  const jieba = Jieba.withDict(dict);
  // Only phrases jieba would split are added, so its own word frequencies stay as they are.
  const missing = lexicon.phrases.filter((phrase) => jieba.cut(phrase, false).length > 1);
  if (missing.length > 0) jieba.loadDict(Buffer.from(missing.map((phrase) => `${phrase} ${PHRASE_FREQUENCY}`).join('\n') + '\n'));
  return jieba;
}

function resolveCalibration(options: EngineOptions): Calibration | null {
  const file = resolveFile(options.calibrationFile, path.join(options.resourcesDir, DEFAULT_CALIBRATION_FILE));
  return file === null ? null : loadCalibration(file);
}

function resolveLearnedWords(options: EngineOptions): LearnedWords | null {
  const file = resolveFile(options.learnedWordsFile, path.join(options.resourcesDir, LEARNED_WORDS_FILE));
  return file === null ? null : loadLearnedWords(file);
}

/** An explicit path, null for none, or the shipped file when it exists. */
function resolveFile(option: string | null | undefined, shipped: string): string | null {
  if (option !== undefined) return option;
  return fs.existsSync(shipped) ? shipped : null;
}

/** The score of one analysed text: calibrated log-odds when a calibration is loaded, else the plain rule sum. */
export function scoreAnalysis(analysis: Analysis, calibration: Calibration | null): number {
  if (analysis.contributions.length === 0 && !hasLearnedEvidence(analysis)) {
    // No sentiment word at all. Reviews that only narrate ("等了两个小时", "勺子没给") are mostly
    // complaints; the calibration knows how much to lean, and the lean stays small.
    if (!calibration || analysis.hanWords < MIN_WORDS_TO_LEAN) return 0;
    const lean = Math.tanh(calibratedLogit(calibration, analysis) / 2);
    return Math.round(Math.max(-NO_EVIDENCE_CAP, Math.min(NO_EVIDENCE_CAP, lean)) * 1000) / 1000;
  }
  const score = calibration ? Math.tanh(calibratedLogit(calibration, analysis) / 2) : Math.tanh(analysis.lexScore / 3);
  return Math.round(score * 1000) / 1000;
}

/** A learned word this strong (e^1: 2.7 times likelier in one class) usually decides a review on its own. */
const DECISIVE_LEARNED_WEIGHT = 1;

/** Whether a decisive learned word speaks where no lexicon word does (蟑螂, 投诉). */
function hasLearnedEvidence(analysis: Analysis): boolean {
  return analysis.learned !== null && Math.abs(analysis.learned.strongestWeight) >= DECISIVE_LEARNED_WEIGHT;
}

export function labelOf(score: number): SentimentLabel {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

function decide(analysis: Analysis, calibration: Calibration | null): SentimentResult {
  const score = scoreAnalysis(analysis, calibration);
  const label = labelOf(score);
  const drivers = collectDrivers(analysis);
  const learned = calibration ? learnedDriver(analysis, calibration) : null;
  if (learned) insertDriver(drivers, learned);
  // Without lexicon words, say that the verdict leans on the text's manner, unless a learned word explains it.
  const explained = learned !== null && Math.sign(learned.weight) === Math.sign(score);
  if (analysis.contributions.length === 0 && score !== 0 && !explained) drivers.push({ text: NO_EVIDENCE_DRIVER, weight: score });
  if (label !== 'negative') return { score, label, topic: null, drivers, topicWords: [] };
  const { topic, topicWords } = classifyTopic(analysis);
  return { score, label, topic, drivers, topicWords };
}

function collectDrivers(analysis: Analysis): Driver[] {
  // A text has a handful of contributions: merging by linear search beats a Map and its entries.
  const texts: string[] = [];
  const weights: number[] = [];
  for (const item of analysis.contributions) {
    const at = texts.indexOf(item.text);
    if (at === -1) {
      texts.push(item.text);
      weights.push(item.value);
    } else weights[at] = (weights[at] as number) + item.value;
  }
  const drivers: Driver[] = [];
  for (let k = 0; k < texts.length; k++) {
    const weight = weights[k] as number;
    if (weight !== 0) drivers.push({ text: texts[k] as string, weight });
  }
  drivers.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  if (drivers.length > MAX_DRIVERS) drivers.length = MAX_DRIVERS;
  for (const driver of drivers) driver.weight = Math.round(driver.weight * 100) / 100;
  return drivers;
}

const LEARNED_WEIGHT_INDEX = DENSE_FEATURE_NAMES.indexOf('learnedWords');

/**
 * The learned word or pair that moved the score most, when it counts (|ratio| ≥ 1), with its
 * share of the calibrated log-odds (its ratio × the calibration's trust ÷ the tanh scale; exact
 * while the learned score is small, an upper bound after).
 */
function learnedDriver(analysis: Analysis, calibration: Calibration): Driver | null {
  if (!hasLearnedEvidence(analysis)) return null;
  const learned = analysis.learned as LearnedEvidence;
  const trust = calibration.weights[LEARNED_WEIGHT_INDEX] ?? 0;
  const weight = Math.round(((learned.strongestWeight * trust) / LEARNED_SCALE) * 100) / 100;
  return weight === 0 ? null : { text: displayFeature(learned.strongest), weight };
}

/** 很|满意 → 很满意, ^|差评 → 差评, ¬推荐 → （否定）推荐. */
function displayFeature(feature: string): string {
  if (feature.indexOf('|') === -1) return feature.startsWith('¬') ? `（否定）${feature.slice(1)}` : feature;
  const [first = '', second = ''] = feature.split('|');
  return (first === '^' ? '' : displayFeature(first)) + displayFeature(second);
}

/** Adds a driver in strength order, unless a lexicon driver already names the same words. */
function insertDriver(drivers: Driver[], driver: Driver): void {
  if (drivers.some((existing) => existing.text === driver.text)) return;
  const at = drivers.findIndex((existing) => Math.abs(existing.weight) < Math.abs(driver.weight));
  drivers.splice(at === -1 ? drivers.length : at, 0, driver);
  if (drivers.length > MAX_DRIVERS) drivers.length = MAX_DRIVERS;
}

function neutralResult(): SentimentResult {
  return { score: 0, label: 'neutral', topic: null, drivers: [], topicWords: [] };
}
