/**
 * The workflow actions on alerts and mentions, each one command through the outbox (its optimistic
 * effect is declared in commands.ts), checked first against what the platform would refuse, so the
 * operator hears it at once instead of as a rejection later. Also the SLA's one automatic
 * escalation per breach.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../api';
import type { SyncHandle } from '../sync';
import { textKeyOf } from './scoring';
import { alertsToEscalate, SLA_BREACH_NOTE, type EscalationCandidate } from './sla';
import { DEFAULT_THRESHOLDS, type OpinionThresholds } from './thresholds';
import { shanghaiTimestamp } from '../time';

const CLOSED = new Set(['resolved', 'dismissed']);

interface AlertState {
  id: string;
  version: number;
  status: string;
  escalationLevel: number;
}

export class OpinionActionsService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly engine: () => SyncHandle,
    private readonly thresholds: () => OpinionThresholds = () => DEFAULT_THRESHOLDS,
  ) {}

  assign(id: string, assigneeId: string): string {
    const alert = this.openAlert(id);
    return this.issue('alert.assign', alert, { assignee_id: assigneeId });
  }

  /** Comments merge on the platform: sent without a base version, so a colleague's change is no conflict. */
  comment(id: string, text: string): string {
    const alert = this.alert(id);
    return this.issue('alert.comment', alert, { text }, null);
  }

  startResponse(id: string, note?: string): string {
    const alert = this.openAlert(id);
    if (alert.status === 'responding') throw new ApiError('invalid_input', `Alert ${id} is already responding`);
    return this.issue('alert.start_response', alert, { note: note ?? null });
  }

  escalate(id: string, level: number, note?: string): string {
    const alert = this.openAlert(id);
    if (level <= alert.escalationLevel) throw new ApiError('invalid_input', `Alert ${id} is already at escalation level ${alert.escalationLevel}`);
    return this.issue('alert.escalate', alert, { level, note: note ?? null });
  }

  resolve(id: string, resolution: string): string {
    return this.issue('alert.resolve', this.openAlert(id), { resolution });
  }

  dismiss(id: string, reason: string): string {
    return this.issue('alert.dismiss', this.openAlert(id), { reason });
  }

  /**
   * `mention.label` through the outbox; in the same transaction the label is kept locally for good
   * and every stored copy of the text (same text key) takes it now.
   */
  relabel(mentionId: string, label: 'positive' | 'neutral' | 'negative', topic: string | null, at = new Date()): string {
    const mention = this.sqlite.prepare(`SELECT id, version, text FROM mentions WHERE id = ?`).get(mentionId) as { id: string; version: number; text: string } | undefined;
    if (!mention) throw new ApiError('not_found', `No mention ${mentionId}`);
    const effectiveTopic = label === 'negative' ? (topic ?? 'other') : null;
    const textKey = textKeyOf(mention.text);
    const labelledAt = shanghaiTimestamp(at.getTime());
    return this.engine().issueCommand(
      { type: 'mention.label', entityId: mentionId, baseVersion: null, payload: { label, topic: effectiveTopic } },
      () => {
        this.sqlite
          .prepare(
            `INSERT INTO mention_labels (mention_id, label, topic, text_key, text, labelled_by, labelled_at) VALUES (?, ?, ?, ?, ?, NULL, ?)
             ON CONFLICT (mention_id) DO UPDATE SET label = excluded.label, topic = excluded.topic, text_key = excluded.text_key, labelled_at = excluded.labelled_at`,
          )
          .run(mentionId, label, effectiveTopic, textKey, mention.text, labelledAt);
        const sameText = `UPDATE mention_scores SET label = ?, topic = ?, label_source = 'operator' WHERE mention_id = ? OR (text_key = ? AND text_key != '')`;
        this.sqlite.prepare(sameText).run(label, effectiveTopic, mentionId, textKey);
      },
    );
  }

  /** Escalates each breached alert one level, once (see sla.ts); returns the command ids. */
  escalateBreaches(nowMs: number): string[] {
    const rows = this.sqlite
      .prepare(
        `SELECT id, version, status, opened_at AS openedAt, sla_due_at AS slaDueAt, escalation_level AS escalationLevel, comments
         FROM alerts WHERE status IN ('open', 'acknowledged')`,
      )
      .all() as (Omit<EscalationCandidate, 'comments'> & { version: number; comments: string })[];
    const escalated = new Set(
      (this.sqlite
        .prepare(`SELECT entity_id FROM outbox_commands WHERE type = 'alert.escalate' AND json_extract(payload, '$.note') = ?`)
        .pluck()
        .all(SLA_BREACH_NOTE) as string[]),
    );
    const candidates = rows.map((row) => ({ ...row, comments: safeComments(row.comments) }));
    return alertsToEscalate(candidates, escalated, nowMs, this.thresholds()).map((alert) =>
      this.issue('alert.escalate', alert as EscalationCandidate & { version: number; status: string }, { level: alert.escalationLevel + 1, note: SLA_BREACH_NOTE }),
    );
  }

  private issue(type: string, alert: Pick<AlertState, 'id' | 'version'>, payload: Record<string, unknown>, baseVersion: number | null = alert.version): string {
    return this.engine().issueCommand({ type, entityId: alert.id, baseVersion, payload });
  }

  private alert(id: string): AlertState {
    const alert = this.sqlite
      .prepare(`SELECT id, version, status, escalation_level AS escalationLevel FROM alerts WHERE id = ?`)
      .get(id) as AlertState | undefined;
    if (!alert) throw new ApiError('not_found', `No alert ${id}`);
    return alert;
  }

  private openAlert(id: string): AlertState {
    const alert = this.alert(id);
    if (CLOSED.has(alert.status)) throw new ApiError('invalid_input', `Alert ${id} is already ${alert.status}`);
    return alert;
  }
}

function safeComments(text: string): { text?: unknown }[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as { text?: unknown }[]) : [];
  } catch {
    return [];
  }
}
