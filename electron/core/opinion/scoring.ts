/**
 * Scoring mentions as they sync: pure functions over rows (no database), so the same code runs in
 * the core worker, in a pool of worker threads (bench) or in a test.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SentimentEngine, SentimentLabel, SentimentResult } from '../sentiment';

/** What scoring reads of a mention. */
export interface MentionToScore {
  id: string;
  version: number;
  text: string;
  /** A label the platform holds for the mention (an operator's `mention.label`, ours or a colleague's). */
  label?: string | null;
  topic?: string | null;
}

/** An operator's label for a text, found by its text key. */
export interface OperatorLabel {
  label: SentimentLabel;
  topic: string | null;
}

/** One row of mention_scores (db/schema/opinion-local.ts), before it is written. */
export interface MentionScore {
  mentionId: string;
  mentionVersion: number;
  modelVersion: string;
  score: number;
  label: SentimentLabel;
  topic: string | null;
  labelSource: 'model' | 'operator';
  drivers: { text: string; weight: number }[];
  topicWords: string[];
  textKey: string;
}

/** The engine says `safety`; the platform's alerts say `food_safety`. */
const PLATFORM_TOPIC: Readonly<Record<string, string>> = { safety: 'food_safety' };
const LABELS: ReadonlySet<string> = new Set(['positive', 'neutral', 'negative']);
/** Only this much of a text decides its key: copies of a long post differ at the end, if at all. */
const TEXT_KEY_CHARS = 200;

export function platformTopicOf(engineTopic: string | null): string | null {
  return engineTopic === null ? null : (PLATFORM_TOPIC[engineTopic] ?? engineTopic);
}

/**
 * The near-duplicate key of a text: NFKC, lower case, only letters and digits (Han included), at
 * most TEXT_KEY_CHARS of them. Reposts that add a space, an emoji, a hashtag mark or punctuation
 * share it, and so take an operator's relabel of any of them.
 */
export function textKeyOf(text: string): string {
  const letters = text.slice(0, TEXT_KEY_CHARS * 4).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]/gu);
  return letters ? letters.slice(0, TEXT_KEY_CHARS).join('') : '';
}

function operatorLabelOf(mention: MentionToScore, key: string, labelsByKey: ReadonlyMap<string, OperatorLabel>): OperatorLabel | null {
  if (typeof mention.label === 'string' && LABELS.has(mention.label)) return { label: mention.label as SentimentLabel, topic: mention.topic ?? null };
  return key === '' ? null : (labelsByKey.get(key) ?? null);
}

/** Scores a batch: the model's verdict, with an operator's label (same or near-duplicate text) winning. */
export function scoreMentions(
  mentions: readonly MentionToScore[],
  score: SentimentEngine['score'],
  modelVersion: string,
  labelsByKey: ReadonlyMap<string, OperatorLabel> = new Map(),
): MentionScore[] {
  return mentions.map((mention) => {
    const result: SentimentResult = score(mention.text);
    const textKey = textKeyOf(mention.text);
    const operator = operatorLabelOf(mention, textKey, labelsByKey);
    const modelTopic = platformTopicOf(result.topic);
    return {
      mentionId: mention.id,
      mentionVersion: mention.version,
      modelVersion,
      score: result.score,
      label: operator?.label ?? result.label,
      topic: operator ? (operator.label === 'negative' ? (operator.topic ?? modelTopic ?? 'other') : null) : modelTopic,
      labelSource: operator ? 'operator' : 'model',
      drivers: result.drivers,
      topicWords: result.topicWords,
      textKey,
    };
  });
}

const MODEL_FILES = /\.(tsv|txt|json)$/;

/**
 * The version of the sentiment model in a resources folder: a digest of the lexicon, learned
 * words and calibration files. Any change to them rescores every mention in the background.
 */
export function sentimentModelVersion(resourcesDir: string): string {
  const dir = path.join(resourcesDir, 'sentiment');
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dir).filter((file) => MODEL_FILES.test(file)).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, name))).update('\0');
  }
  return `sentiment-${hash.digest('hex').slice(0, 12)}`;
}
