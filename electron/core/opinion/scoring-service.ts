/**
 * The scoring pass: mentions the sync has stored but the current model has not scored, in batches,
 * each batch and the pass's cursor written in one transaction (a crash resumes, never skips).
 * Needs only a better-sqlite3 connection, so whichever thread the core picks can run it.
 *
 * Where it stands is kept in settings (`opinion.scoring`): the model version and the highest
 * mentions rowid scored. The sync's upserts keep a mention's rowid, and new mentions get higher
 * ones, so the cursor finds every new mention without scanning the table. A new model version
 * resets the cursor: every mention is scored again in the background, with progress.
 */
import type Database from 'better-sqlite3';
import { scoreMentions, type MentionScore, type MentionToScore, type OperatorLabel } from './scoring';
import type { SentimentEngine } from '../sentiment';
import { shanghaiTimestamp } from '../time';

const CURSOR_KEY = 'opinion.scoring';
export const DEFAULT_SCORING_BATCH = 2_000;

interface ScoringCursor {
  modelVersion: string;
  rowid: number;
}

export interface ScoringProgress {
  modelVersion: string;
  /** Mentions scored by the current model. */
  scored: number;
  total: number;
  /** Whether the pass has reached the newest mention. */
  caughtUp: boolean;
}

export interface Scorer {
  score: SentimentEngine['score'];
  modelVersion: string;
}

interface MentionRow extends MentionToScore {
  rowid: number;
}

function formatShanghai(date: Date): string {
  return shanghaiTimestamp(date.getTime());
}

/** The stored cursor, or the start when the model changed (everything is scored again). */
function cursorOf(sqlite: Database.Database, modelVersion: string): ScoringCursor {
  const raw = sqlite.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(CURSOR_KEY) as string | undefined;
  const stored = raw ? (JSON.parse(raw) as Partial<ScoringCursor>) : null;
  if (stored?.modelVersion !== modelVersion || typeof stored.rowid !== 'number') return { modelVersion, rowid: 0 };
  return { modelVersion, rowid: stored.rowid };
}

/** Where the scoring pass of `modelVersion` stands; needs no engine (the board asks often). */
export function scoringProgressOf(sqlite: Database.Database, modelVersion: string): ScoringProgress {
  const cursor = cursorOf(sqlite, modelVersion);
  const maxRowid = sqlite.prepare(`SELECT coalesce(max(rowid), 0) FROM mentions`).pluck().get() as number;
  return {
    modelVersion,
    scored: sqlite.prepare(`SELECT count(*) FROM mention_scores WHERE model_version = ?`).pluck().get(modelVersion) as number,
    total: sqlite.prepare(`SELECT count(*) FROM mentions`).pluck().get() as number,
    caughtUp: cursor.rowid >= maxRowid,
  };
}

export class MentionScoringService {
  private readonly stmts;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scorer: Scorer,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmts = {
      saveCursor: sqlite.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      batch: sqlite.prepare(`SELECT rowid, id, version, text, label, topic FROM mentions WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      labels: sqlite.prepare(`SELECT text_key AS textKey, label, topic FROM mention_labels ORDER BY labelled_at`),
      upsert: sqlite.prepare(
        `INSERT INTO mention_scores (mention_id, mention_version, model_version, score, label, topic, label_source, drivers, topic_words, text_key, scored_at)
         VALUES (@mentionId, @mentionVersion, @modelVersion, @score, @label, @topic, @labelSource, @drivers, @topicWords, @textKey, @scoredAt)
         ON CONFLICT (mention_id) DO UPDATE SET
           mention_version = excluded.mention_version, model_version = excluded.model_version, score = excluded.score, label = excluded.label,
           topic = excluded.topic, label_source = excluded.label_source, drivers = excluded.drivers, topic_words = excluded.topic_words,
           text_key = excluded.text_key, scored_at = excluded.scored_at
         WHERE excluded.mention_version >= mention_scores.mention_version`,
      ),
    };
  }

  /** Scores up to `maxBatches` batches of unscored mentions; returns where the pass stands. */
  scorePending({ batchSize = DEFAULT_SCORING_BATCH, maxBatches = Number.POSITIVE_INFINITY } = {}): ScoringProgress {
    const labels = this.operatorLabels();
    for (let done = 0; done < maxBatches; done++) {
      if (!this.scoreBatch(batchSize, labels)) break;
    }
    return this.progress();
  }

  /**
   * Scores the next batch of unscored mentions, its scores and the cursor in one transaction;
   * whether more may be waiting. Counts nothing, so the sync thread can call it after every page.
   */
  scoreBatch(batchSize = DEFAULT_SCORING_BATCH, labels = this.operatorLabels()): boolean {
    const cursor = this.cursor();
    const rows = this.stmts.batch.all(cursor.rowid, batchSize) as MentionRow[];
    if (rows.length === 0) return false;
    const scores = scoreMentions(rows, this.scorer.score, this.scorer.modelVersion, labels);
    this.write(scores, { modelVersion: this.scorer.modelVersion, rowid: (rows[rows.length - 1] as MentionRow).rowid });
    return rows.length === batchSize;
  }

  progress(): ScoringProgress {
    return scoringProgressOf(this.sqlite, this.scorer.modelVersion);
  }

  private write(scores: readonly MentionScore[], cursor: ScoringCursor): void {
    const scoredAt = formatShanghai(this.now());
    this.sqlite.transaction(() => {
      for (const s of scores) {
        this.stmts.upsert.run({ ...s, drivers: JSON.stringify(s.drivers), topicWords: JSON.stringify(s.topicWords), scoredAt });
      }
      this.stmts.saveCursor.run(CURSOR_KEY, JSON.stringify(cursor), scoredAt);
    })();
  }

  private cursor(): ScoringCursor {
    return cursorOf(this.sqlite, this.scorer.modelVersion);
  }

  /** Operators' relabels by text key; the latest label of a text wins. */
  private operatorLabels(): Map<string, OperatorLabel> {
    const labels = new Map<string, OperatorLabel>();
    for (const row of this.stmts.labels.all() as { textKey: string; label: OperatorLabel['label']; topic: string | null }[]) {
      labels.set(row.textKey, { label: row.label, topic: row.topic });
    }
    return labels;
  }
}
