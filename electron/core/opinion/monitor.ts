/**
 * One step of public-opinion monitoring, meant to run after each sync pass that applied mentions
 * (and on a timer, for the SLA): score what is new, detect bursts, queue `alert.open` for them,
 * escalate breached SLAs once. Runs on whichever connection and thread it is given; each step is
 * bounded (`maxScoringBatches`) so a first sync of a million mentions is scored over many steps.
 */
import type Database from 'better-sqlite3';
import type { DomainContext, SyncThreadWork } from '../domain';
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

  /** Where scoring by the shipped model stands (what the board's progress shows). */
  scoringProgress(): ScoringProgress {
    return this.scoring.progress();
  }

  /** `maxScoringBatches` 0: the sync thread scores (opinionScoringOnSyncThread); this step only detects once it has caught up. */
  step(nowMs: number, { maxScoringBatches = 10 } = {}): MonitorStep {
    const scoring = maxScoringBatches > 0 ? this.scoring.scorePending({ maxBatches: maxScoringBatches }) : this.scoring.progress();
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
    monitor = new OpinionMonitor(ctx.opened.sqlite, lazyScorer(), ctx.engine);
    monitors.set(ctx.opened, monitor);
  }
  return monitor;
}

/**
 * The shipped model, its engine loaded on the first text it scores: the core thread needs it only
 * for "detect now" or when no sync thread scores, and loading it costs a second and tens of MB.
 */
function lazyScorer(resourcesDir = defaultResourcesDir()): Scorer {
  let engine: ReturnType<typeof createSentimentEngine> | null = null;
  return {
    modelVersion: sentimentModelVersion(resourcesDir),
    score: (text) => (engine ??= createSentimentEngine({ resourcesDir })).score(text),
  };
}

/**
 * Scoring as mentions sync, on the sync thread (domain.ts `syncThreadWork`): a batch after each
 * page of mentions and until it has caught up, so the thread that answers board calls never scores.
 */
export function opinionScoringOnSyncThread(sqlite: Database.Database): SyncThreadWork {
  const scoring = new MentionScoringService(sqlite, lazyScorer());
  return { after: ['mentions'], step: () => scoring.scoreBatch() };
}
