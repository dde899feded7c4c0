/** Public types of the sentiment engine. */

export const TOPICS = [
  'quality',
  'logistics',
  'customer_service',
  'false_advertising',
  'safety',
  'price',
  'fraud',
  'other',
] as const;

export type Topic = (typeof TOPICS)[number];

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A word or phrase that moved the score; weight > 0 pushes positive, < 0 negative. */
export interface Driver {
  text: string;
  weight: number;
}

export interface SentimentResult {
  /** In [-1, 1]; 0 for empty text or text with no sentiment evidence. */
  score: number;
  label: SentimentLabel;
  /** Set for negative texts only: what the complaint is about ('other' when no keyword decided). */
  topic: Topic | null;
  /** The strongest drivers first. */
  drivers: Driver[];
  /** The keywords that decided the topic (empty when topic is null or 'other'). */
  topicWords: string[];
}

export interface SentimentEngine {
  score(text: string): SentimentResult;
  scoreMany(texts: readonly string[]): SentimentResult[];
  /** Whether the calibration weights are in use (false: the plain rule score). */
  readonly calibrated: boolean;
}
