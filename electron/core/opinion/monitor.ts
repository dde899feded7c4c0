/**
 * One step of public-opinion monitoring, meant to run after each sync pass that applied mentions
 * (and on a timer, for the SLA): score what is new, detect bursts, queue `alert.open` for them,
 * escalate breached SLAs once. Runs on whichever connection and thread it is given; each step is
 * bounded (`maxScoringBatches`) so a first sync of a million mentions is scored over many steps.
 */
import type Database from 'better-sqlite3';
import type { DomainContext } from '../domain';
import { createSentimentEngine, defaultResourcesDir } from '../sentiment';
import type { SyncHandle } from '../sync';
import { sentimentModelVersion } from './scoring';
import { OpinionActionsService } from './actions-service';
import { DetectionService } from './detection-service';
import type { DetectionResult } from './detection';
import { MentionScoringService, type Scorer, type ScoringProgress } from './scoring-service';

export interface MonitorStep {
  scoring: ScoringProgress;
  /** Null while scoring has not caught up: detection on half-scored data would miss or invent bursts. */
  detection: DetectionResult | null;
  openCommandIds: string[];
  escalationCommandIds: string[];
}

export class OpinionMonitor {
  private readonly scoring: MentionScoringService;
  private readonly detection: DetectionService;
  private readonly actions: OpinionActionsService;

  constructor(sqlite: Database.Database, scorer: Scorer, private readonly engine: () => SyncHandle) {
    this.scoring = new MentionScoringService(sqlite, scorer);
    this.detection = new DetectionService(sqlite);
    this.actions = new OpinionActionsService(sqlite, engine, () => this.detection.thresholds());
  }

  step(nowMs: number, { maxScoringBatches = 10 } = {}): MonitorStep {
    const scoring = this.scoring.scorePending({ maxBatches: maxScoringBatches });
    const escalationCommandIds = this.actions.escalateBreaches(nowMs);
    if (!scoring.caughtUp) return { scoring, detection: null, openCommandIds: [], escalationCommandIds };
    const detection = this.detection.detect(nowMs);
    const openCommandIds = this.detection.open(this.engine(), detection.opened);
    return { scoring, detection, openCommandIds, escalationCommandIds };
  }
}

const monitors = new WeakMap<object, OpinionMonitor>();

/**
 * The one monitor of an open database, shared by the board's "detect now" and the background
 * loop, so the sentiment engine (lexicon, segmenter, learned words) is loaded once, on first use.
 */
export function monitorFor(ctx: DomainContext): OpinionMonitor {
  let monitor = monitors.get(ctx.opened);
  if (!monitor) {
    const resourcesDir = defaultResourcesDir();
    const scorer = { score: createSentimentEngine({ resourcesDir }).score, modelVersion: sentimentModelVersion(resourcesDir) };
    monitor = new OpinionMonitor(ctx.opened.sqlite, scorer, ctx.engine);
    monitors.set(ctx.opened, monitor);
  }
  return monitor;
}
