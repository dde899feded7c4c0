/** Picks what a negative text complains about from the topic keywords it contains. */
import type { Analysis, TopicHit } from './analyzer';
import type { Topic } from './types';

/** Ties go to the earlier topic: the more urgent complaint wins. */
const PRIORITY: Topic[] = ['safety', 'fraud', 'false_advertising', 'customer_service', 'logistics', 'quality', 'price'];
const MIN_TOPIC_SCORE = 0.5;

export function classifyTopic(analysis: Analysis): { topic: Topic; topicWords: string[] } {
  // A negative text has a handful of topic hits: arrays indexed by priority beat Maps here.
  const totals = new Array<number>(PRIORITY.length).fill(0);
  for (const hit of analysis.topicHits) totals[PRIORITY.indexOf(hit.topic)] = (totals[PRIORITY.indexOf(hit.topic)] as number) + hitWeight(analysis, hit);
  let best = -1;
  let bestScore = MIN_TOPIC_SCORE;
  totals.forEach((total, index) => {
    if (total > bestScore + 1e-9) {
      best = index;
      bestScore = total;
    }
  });
  if (best < 0) return { topic: 'other', topicWords: [] };
  const topic = PRIORITY[best] as Topic;
  const words: string[] = [];
  const weights: number[] = [];
  for (const hit of analysis.topicHits) {
    if (hit.topic !== topic) continue;
    const at = words.indexOf(hit.word);
    if (at === -1) {
      words.push(hit.word);
      weights.push(hitWeight(analysis, hit));
    } else weights[at] = (weights[at] as number) + hitWeight(analysis, hit);
  }
  const order = words.map((_, index) => index).sort((a, b) => (weights[b] as number) - (weights[a] as number));
  return { topic, topicWords: order.map((index) => words[index] as string) };
}

/** Keywords in a praising clause ("物流很快，但质量太差") say little about the complaint. */
function hitWeight(analysis: Analysis, hit: TopicHit): number {
  const clauseSum = analysis.clauseSums[hit.clause] ?? 0;
  return hit.weight * (clauseSum < 0 ? 1 : clauseSum > 0 ? 0.2 : 0.6);
}
