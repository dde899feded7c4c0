/**
 * The response SLA of an alert: it runs from opening to response start (status `responding`, or
 * closed). 2 hours unless the alert came with its own `sla_due_at`, which it keeps; the warning
 * comes at the same fraction of the span (90 of 120 minutes = three quarters). A breach escalates
 * the alert one level, once, as an `alert.escalate` command whose note says why.
 */
import { DEFAULT_THRESHOLDS, type OpinionThresholds } from './thresholds';
import { shanghaiTimestamp } from '../time';

export type SlaState = 'on_track' | 'warning' | 'breached' | 'responded';

/** The note that marks the one automatic escalation of a breach (also how a second cockpit sees it was done). */
export const SLA_BREACH_NOTE = '响应超时（SLA 2 小时），已自动升级 / SLA breached: escalated automatically';
const WAITING_FOR_RESPONSE = new Set(['open', 'acknowledged']);
const MINUTE_MS = 60_000;

export interface SlaInput {
  status: string;
  openedAt: string;
  slaDueAt: string | null;
}

export interface Sla {
  state: SlaState;
  dueAt: string;
  /** Milliseconds to the due time (negative once breached); null once the response started. */
  msLeft: number | null;
  warningAtMs: number;
}

export function slaDueAtMs(alert: SlaInput, t: OpinionThresholds = DEFAULT_THRESHOLDS): number {
  return alert.slaDueAt !== null ? Date.parse(alert.slaDueAt) : Date.parse(alert.openedAt) + t.slaMinutes * MINUTE_MS;
}

export function slaOf(alert: SlaInput, nowMs: number, t: OpinionThresholds = DEFAULT_THRESHOLDS): Sla {
  const openedMs = Date.parse(alert.openedAt);
  const dueMs = slaDueAtMs(alert, t);
  const warningAtMs = openedMs + (dueMs - openedMs) * (t.slaWarningMinutes / t.slaMinutes);
  const dueAt = alert.slaDueAt ?? shanghaiTimestamp(dueMs);
  if (!WAITING_FOR_RESPONSE.has(alert.status)) return { state: 'responded', dueAt, msLeft: null, warningAtMs };
  const msLeft = dueMs - nowMs;
  const state: SlaState = msLeft <= 0 ? 'breached' : nowMs >= warningAtMs ? 'warning' : 'on_track';
  return { state, dueAt, msLeft, warningAtMs };
}

/** Queue order by SLA risk: breached first (longest overdue first), then least time left; responded last. */
export function compareSlaRisk(a: Sla, b: Sla): number {
  const rank = (s: Sla) => (s.state === 'breached' ? 0 : s.state === 'responded' ? 2 : 1);
  return rank(a) - rank(b) || (a.msLeft ?? Number.POSITIVE_INFINITY) - (b.msLeft ?? Number.POSITIVE_INFINITY);
}

export interface EscalationCandidate extends SlaInput {
  id: string;
  escalationLevel: number;
  comments: readonly { text?: unknown }[];
}

/**
 * Breached alerts that still need their one automatic escalation: not at the top level, and
 * neither escalated for this breach here (`alreadyEscalated`: ids with such a command in the
 * outbox) nor elsewhere (the note is in the comments, synced from a colleague's cockpit).
 */
export function alertsToEscalate(alerts: readonly EscalationCandidate[], alreadyEscalated: ReadonlySet<string>, nowMs: number, t: OpinionThresholds = DEFAULT_THRESHOLDS): EscalationCandidate[] {
  return alerts.filter(
    (alert) =>
      alert.escalationLevel < 3 &&
      !alreadyEscalated.has(alert.id) &&
      !alert.comments.some((comment) => comment.text === SLA_BREACH_NOTE) &&
      slaOf(alert, nowMs, t).state === 'breached' &&
      // Like detection, only the recent window acts: alerts that breached long before this cockpit
      // saw them (a first sync of history) are shown as breached, not escalated in a flood.
      slaDueAtMs(alert, t) >= nowMs - t.recentWindowMinutes * 60_000,
  );
}
