/** Picks what a negative text complains about from the topic keywords it contains. */
import type { Analysis } from './analyzer';
import type { Topic } from './types';

/** Ties go to the earlier topic: the more urgent complaint wins. */
const PRIORITY: Topic[] = ['safety', 'fraud', 'false_advertising', 'customer_service', 'logistics', 'quality', 'price'];
const MIN_TOPIC_SCORE = 0.5;

export function classifyTopic(analysis: Analysis): { topic: Topic; topicWords: string[] } {
  const totals = new Map<Topic, number>();
  const wordsByTopic = new Map<Topic, Map<string, number>>();
  for (const hit of analysis.topicHits) {
    // Keywords in a praising clause ("物流很快，但质量太差") say little about the complaint.
    const clauseSum = analysis.clauseSums[hit.clause] ?? 0;
    const weight = hit.weight * (clauseSum < 0 ? 1 : clauseSum > 0 ? 0.2 : 0.6);
    totals.set(hit.topic, (totals.get(hit.topic) ?? 0) + weight);
    let words = wordsByTopic.get(hit.topic);
    if (!words) wordsByTopic.set(hit.topic, (words = new Map()));
    words.set(hit.word, (words.get(hit.word) ?? 0) + weight);
  }
  let best: Topic | null = null;
  let bestScore = MIN_TOPIC_SCORE;
  for (const topic of PRIORITY) {
    const total = totals.get(topic) ?? 0;
    if (total > bestScore + 1e-9) {
      best = topic;
      bestScore = total;
    }
  }
  if (!best) return { topic: 'other', topicWords: [] };
  const words = [...(wordsByTopic.get(best) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  return { topic: best, topicWords: words };
}
