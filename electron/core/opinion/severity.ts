/** Severity of a detected burst: points for volume, reach, negative share, topic and subject, summed. */
import type { SeverityThresholds } from './thresholds';

export type Severity = 'P1' | 'P2' | 'P3';

export interface BurstMeasures {
  negativeMentions: number;
  reach: number;
  negativeShare: number;
  topic: string;
  subjectType: string;
}

function stepPoints(value: number, steps: readonly (readonly [number, number])[]): number {
  for (const [minimum, points] of steps) if (value >= minimum) return points;
  return 0;
}

export function severityPoints(burst: BurstMeasures, t: SeverityThresholds): number {
  return (
    stepPoints(burst.negativeMentions, t.volumePoints) +
    stepPoints(burst.reach, t.reachPoints) +
    stepPoints(burst.negativeShare, t.negativeSharePoints) +
    (t.topicPoints[burst.topic] ?? 0) +
    (t.subjectPoints[burst.subjectType] ?? 0)
  );
}

export function severityOf(burst: BurstMeasures, t: SeverityThresholds): Severity {
  const points = severityPoints(burst, t);
  return points >= t.p1Points ? 'P1' : points >= t.p2Points ? 'P2' : 'P3';
}
