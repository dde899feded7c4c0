/** The public-opinion commands (SPEC "Commands") with their optimistic local effects. */
import { z } from 'zod';
import { ALERT_SEVERITIES, ALERT_SUBJECT_TYPES, MENTION_LABELS } from '../../../platform/contract';
import { defineCommand, writeLocalRecord, type CommandDeclaration, type EffectContext } from '../sync';
import { shanghaiTimestamp } from '../time';

/** Response-time targets by severity when an opened alert brings no `sla_due_at` of its own. */
const SLA_HOURS: Record<string, number> = { P1: 2, P2: 8, P3: 24 };
const CLOSED = new Set(['resolved', 'dismissed']);
const note = z.string().nullable().optional();
/** A mention has no title: the start of its text names it on the Sync screen. */
const MENTION_SUBJECT_CHARS = 80;

/** The start of a mention's text, cut between code points (never inside a surrogate pair). */
function mentionSubject(text: string | null): string | null {
  if (text === null) return null;
  let start = '';
  let chars = 0;
  for (const char of text) {
    if (chars === MENTION_SUBJECT_CHARS) return `${start}…`;
    start += char;
    chars++;
  }
  return start;
}

function addHours(at: string, hours: number): string {
  return shanghaiTimestamp(Date.parse(at) + hours * 3600_000);
}

function withComment(record: Record<string, unknown>, ctx: EffectContext<object>, body: string | null | undefined): unknown[] {
  const comments = Array.isArray(record.comments) ? [...(record.comments as unknown[])] : [];
  if (body && body.trim()) comments.push({ author_id: ctx.operatorId ?? 'me', text: body, at: ctx.at });
  return comments;
}

/**
 * An action on an alert the cockpit already holds. `change` returns the fields to update, or null
 * when the action changes nothing locally (an alert not synced yet, or already closed): the
 * platform's answer then brings the record.
 */
function alertAction<const T extends string, P extends Record<string, unknown>>(
  type: T,
  payload: z.ZodType<P>,
  change: (alert: Record<string, unknown>, ctx: EffectContext<P>) => Record<string, unknown> | null,
): CommandDeclaration<T, P> {
  return defineCommand({
    type,
    resource: 'alerts',
    payload,
    subject: (ctx) => ctx.text('alerts', ctx.entityId, 'title'),
    effect: (ctx) => {
      const alert = ctx.records.readRecord('alerts', ctx.entityId);
      if (!alert) return;
      const fields = change(alert, ctx);
      if (fields) writeLocalRecord(ctx, 'alerts', { ...alert, updated_at: ctx.at, ...fields });
    },
  });
}

/** Acknowledging fields, set by the first action on an open alert. */
function firstTouch(alert: Record<string, unknown>, ctx: EffectContext<object>): Record<string, unknown> {
  return alert.status === 'open' ? { acknowledged_at: ctx.at, acknowledged_by: ctx.operatorId } : {};
}

export const opinionCommands = [
  defineCommand({
    type: 'alert.open',
    resource: 'alerts',
    payload: z.looseObject({
      dedup_key: z.string().min(1),
      title: z.string(),
      severity: z.enum(ALERT_SEVERITIES).optional(),
      subject_type: z.enum(ALERT_SUBJECT_TYPES),
      subject_id: z.string().nullable().optional(),
      topic: z.string().nullable().optional(),
      opened_at: z.string().optional(),
      sla_due_at: z.string().nullable().optional(),
      mention_ids: z.array(z.string()).optional(),
    }),
    // The local alert's title (the effect wrote it); the payload's once a rejection rolled it back.
    subject: (ctx) => ctx.text('alerts', ctx.entityId, 'title') ?? (ctx.payload.title || null),
    effect: (ctx) => {
      if (ctx.records.readRecord('alerts', ctx.entityId)) return; // another cockpit opened it first: same id
      const p = ctx.payload;
      const openedAt = p.opened_at ?? ctx.at;
      const severity = p.severity ?? 'P3';
      const mentionIds = p.mention_ids ?? [];
      writeLocalRecord(ctx, 'alerts', {
        id: ctx.entityId, version: 0, updated_at: ctx.at,
        dedup_key: p.dedup_key, title: p.title, severity, status: 'open', subject_type: p.subject_type,
        subject_id: p.subject_type === 'platform' ? null : (p.subject_id ?? null), topic: p.topic ?? null,
        opened_at: openedAt, sla_due_at: p.sla_due_at ?? addHours(openedAt, SLA_HOURS[severity] ?? 24),
        acknowledged_at: null, acknowledged_by: null, assignee_id: p.assignee_id ?? null, resolved_at: null, resolution: null,
        mention_ids: mentionIds, mention_count: p.mention_count ?? mentionIds.length, negative_share: p.negative_share ?? 0,
        escalation_level: p.escalation_level ?? 0, comments: Array.isArray(p.comments) ? p.comments : [],
      });
    },
  }),
  alertAction('alert.acknowledge', z.object({}), (alert, ctx) =>
    alert.status === 'open' ? { status: 'acknowledged', ...firstTouch(alert, ctx) } : null),
  alertAction('alert.assign', z.object({ assignee_id: z.string().nullable() }), (_alert, ctx) => ({ assignee_id: ctx.payload.assignee_id })),
  alertAction('alert.start_response', z.object({ note }), (alert, ctx) =>
    CLOSED.has(String(alert.status))
      ? null
      : { ...firstTouch(alert, ctx), status: 'responding', comments: withComment(alert, ctx, ctx.payload.note) }),
  alertAction('alert.escalate', z.object({ level: z.number().int().min(0).max(3), note }), (alert, ctx) => ({
    escalation_level: ctx.payload.level,
    comments: withComment(alert, ctx, ctx.payload.note),
  })),
  alertAction('alert.resolve', z.object({ resolution: z.string() }), (_alert, ctx) => ({
    status: 'resolved', resolved_at: ctx.at, resolution: ctx.payload.resolution,
  })),
  alertAction('alert.dismiss', z.object({ reason: z.string() }), (_alert, ctx) => ({
    status: 'dismissed', resolved_at: ctx.at, resolution: ctx.payload.reason,
  })),
  alertAction('alert.comment', z.object({ text: z.string().min(1) }), (alert, ctx) => ({ comments: withComment(alert, ctx, ctx.payload.text) })),
  defineCommand({
    type: 'mention.label',
    resource: 'mentions',
    payload: z.object({ label: z.enum(MENTION_LABELS), topic: z.string().nullable() }),
    subject: (ctx) => mentionSubject(ctx.text('mentions', ctx.entityId, 'text')),
  }),
] as const;
