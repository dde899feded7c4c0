/**
 * What draws the operator's eye to public opinion from any board: the navigation badge (open P1
 * alerts and SLA breaches) and a desktop notification for each new P1, never two for one alert.
 *
 * - A P1 is notified while it is still `open` (nobody acknowledged it) and was opened within the
 *   detection's recent window (`recentWindowMinutes`, 2 h): like detection and the automatic
 *   escalation, only the recent window acts, so a first sync of history never floods the desktop.
 * - `opinion_notifications` remembers which alerts were notified. A claim inserts a row per alert
 *   (`INSERT OR IGNORE` on the primary key) in one IMMEDIATE transaction and answers only the rows
 *   it inserted: two windows (or a window and a reload) asking at once notify an alert once.
 * - The badge counts match the overview's cards: "open P1" = P1 not closed (open, acknowledged or
 *   responding), "breached" = past the response SLA and not responding (any severity); the badge
 *   shows the alerts in either set, each once.
 */
import type Database from 'better-sqlite3';
import type { AlertSeverity, AlertSubjectType, AttentionAlert, OpinionAttention } from '../api';
import { slaDueAtMs, slaOf } from './sla';
import type { OpinionThresholds } from './thresholds';

/** At most this many notifications are handed out per answer; the next refetch brings the rest. */
export const MAX_PENDING_NOTIFICATIONS = 20;
/** Claims older than this are forgotten: such an alert is long out of the recent window. */
export const NOTIFICATION_MEMORY_MS = 7 * 24 * 3_600_000;
const ACTIVE_STATUSES = ['open', 'acknowledged', 'responding'] as const;

export interface AttentionCandidate {
  id: string;
  title: string;
  severity: string;
  status: string;
  subjectType: string;
  subjectId: string | null;
  openedAt: string;
  slaDueAt: string | null;
}

/** May this alert still be notified (ignoring whether it already was)? */
export function notifiable(alert: AttentionCandidate, nowMs: number, t: OpinionThresholds): boolean {
  const openedMs = Date.parse(alert.openedAt);
  return alert.severity === 'P1' && alert.status === 'open' && Number.isFinite(openedMs) && openedMs >= nowMs - t.recentWindowMinutes * 60_000;
}

function toAttentionAlert(alert: AttentionCandidate): AttentionAlert {
  return {
    id: alert.id, title: alert.title, severity: alert.severity as AlertSeverity, subjectType: alert.subjectType as AlertSubjectType,
    subjectId: alert.subjectId, openedAt: alert.openedAt,
  };
}

/** The badge's counts and the notifications still to show, from the active alerts and the ids already notified. */
export function attentionOf(alerts: readonly AttentionCandidate[], notified: ReadonlySet<string>, nowMs: number, t: OpinionThresholds): OpinionAttention {
  let openP1 = 0;
  let breached = 0;
  let attention = 0;
  for (const alert of alerts) {
    const p1 = alert.severity === 'P1' && (ACTIVE_STATUSES as readonly string[]).includes(alert.status);
    // The codec stores valid instants; a row that is not does not break the badge for the rest.
    const late = Number.isFinite(slaDueAtMs(alert, t)) && slaOf(alert, nowMs, t).state === 'breached';
    if (p1) openP1 += 1;
    if (late) breached += 1;
    if (p1 || late) attention += 1;
  }
  const pendingNotifications = alerts
    .filter((alert) => !notified.has(alert.id) && notifiable(alert, nowMs, t))
    .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_PENDING_NOTIFICATIONS)
    .map(toAttentionAlert);
  return { openP1, breached, attention, pendingNotifications };
}

const CANDIDATE_COLUMNS = `a.id, a.title, a.severity, a.status, a.subject_type AS subjectType, a.subject_id AS subjectId,
  a.opened_at AS openedAt, a.sla_due_at AS slaDueAt`;

export class OpinionAttentionService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly thresholds: () => OpinionThresholds,
  ) {}

  attention(nowMs: number): OpinionAttention {
    const alerts = this.sqlite
      .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM alerts a WHERE a.status IN (${ACTIVE_STATUSES.map(() => '?').join(', ')})`)
      .all(...ACTIVE_STATUSES) as AttentionCandidate[];
    const notified = new Set(
      this.sqlite
        .prepare(`SELECT n.alert_id FROM opinion_notifications n JOIN alerts a ON a.id = n.alert_id WHERE a.severity = 'P1' AND a.status = 'open'`)
        .pluck()
        .all() as string[],
    );
    return attentionOf(alerts, notified, nowMs, this.thresholds());
  }

  /**
   * Marks these alerts notified and answers those this call claimed: still notifiable now and not
   * claimed before. One transaction, so a concurrent claim (another window, another connection)
   * either sees our rows or waits for them.
   */
  claim(ids: readonly string[], nowMs: number): AttentionAlert[] {
    const t = this.thresholds();
    const select = this.sqlite.prepare(`SELECT ${CANDIDATE_COLUMNS} FROM alerts a WHERE a.id = ?`);
    const insert = this.sqlite.prepare(`INSERT OR IGNORE INTO opinion_notifications (alert_id, notified_at) VALUES (?, ?)`);
    const at = new Date(nowMs).toISOString();
    return this.sqlite.transaction(() => {
      const claimed: AttentionAlert[] = [];
      for (const id of new Set(ids)) {
        const alert = select.get(id) as AttentionCandidate | undefined;
        if (!alert || !notifiable(alert, nowMs, t)) continue;
        if (insert.run(id, at).changes === 1) claimed.push(toAttentionAlert(alert));
      }
      this.sqlite.prepare(`DELETE FROM opinion_notifications WHERE notified_at < ?`).run(new Date(nowMs - NOTIFICATION_MEMORY_MS).toISOString());
      return claimed;
    })();
  }
}
