/**
 * The optimistic local effect of a command: what the user sees at once, before the platform
 * answers. It runs inside the transaction that records the command (Outbox.issue), keeps the
 * record's version (the server's) so a later pull or the command's answer replaces it cleanly,
 * and is validated like a feed record: an effect that would store a malformed record throws, and
 * then neither the command nor the effect is written.
 *
 * Types without an effect here (OKR upserts, supply-link proposals, mention labels, …) show up
 * when the platform has applied them and the answer or the next pull brings the record.
 */
import type { RecordStore } from './record-store';

export interface EffectContext {
  records: RecordStore;
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
  /** RFC 3339 (+08:00): the command's issued_at. */
  at: string;
  /** The operator behind the token (GET /v1/me), when known. */
  operatorId: string | null;
}

const SLA_HOURS: Record<string, number> = { P1: 2, P2: 8, P3: 24 };
const CLOSED = new Set(['resolved', 'dismissed']);

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function addHours(at: string, hours: number): string {
  const shifted = new Date(Date.parse(at) + hours * 3600_000 + 8 * 3600_000);
  return shifted.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function withComment(record: Record<string, unknown>, ctx: EffectContext, note: unknown): unknown[] {
  const comments = Array.isArray(record.comments) ? [...(record.comments as unknown[])] : [];
  const body = text(note);
  if (body && body.trim()) comments.push({ author_id: ctx.operatorId ?? 'me', text: body, at: ctx.at });
  return comments;
}

function write(ctx: EffectContext, resource: string, record: Record<string, unknown>): void {
  const problem = ctx.records.writeRecord(resource, record, 'force');
  if (problem) throw new Error(`${ctx.type}: the local effect would store a malformed ${resource} record (${problem})`);
}

/** Applies the built-in effect of `type`; returns false when the type has none. */
export function applyOptimisticEffect(ctx: EffectContext): boolean {
  const { records, type, entityId, payload: p, at } = ctx;
  if (type.startsWith('alert.') && type !== 'alert.open') {
    const alert = records.readRecord('alerts', entityId);
    if (!alert) return true; // not synced yet: nothing to show; the answer brings it
    const next: Record<string, unknown> = { ...alert, updated_at: at };
    const ack = alert.status === 'open' ? { acknowledged_at: at, acknowledged_by: ctx.operatorId } : {};
    switch (type) {
      case 'alert.acknowledge':
        if (alert.status !== 'open') return true;
        Object.assign(next, { status: 'acknowledged', ...ack });
        break;
      case 'alert.assign':
        next.assignee_id = text(p.assignee_id);
        break;
      case 'alert.start_response':
        if (CLOSED.has(String(alert.status))) return true;
        Object.assign(next, ack, { status: 'responding', comments: withComment(alert, ctx, p.note) });
        break;
      case 'alert.escalate':
        Object.assign(next, { escalation_level: p.level, comments: withComment(alert, ctx, p.note) });
        break;
      case 'alert.resolve':
        Object.assign(next, { status: 'resolved', resolved_at: at, resolution: text(p.resolution) });
        break;
      case 'alert.dismiss':
        Object.assign(next, { status: 'dismissed', resolved_at: at, resolution: text(p.reason) });
        break;
      case 'alert.comment':
        next.comments = withComment(alert, ctx, p.text);
        break;
      default:
        return false;
    }
    write(ctx, 'alerts', next);
    return true;
  }
  switch (type) {
    case 'alert.open': {
      if (records.readRecord('alerts', entityId)) return true; // another cockpit opened it first: same id
      const openedAt = text(p.opened_at) ?? at;
      const severity = text(p.severity) ?? 'P3';
      const mentionIds = Array.isArray(p.mention_ids) ? p.mention_ids : [];
      write(ctx, 'alerts', {
        id: entityId, version: 0, updated_at: at,
        dedup_key: p.dedup_key, title: p.title, severity, status: 'open', subject_type: p.subject_type,
        subject_id: p.subject_type === 'platform' ? null : (p.subject_id ?? null), topic: p.topic ?? null,
        opened_at: openedAt, sla_due_at: text(p.sla_due_at) ?? addHours(openedAt, SLA_HOURS[severity] ?? 24),
        acknowledged_at: null, acknowledged_by: null, assignee_id: p.assignee_id ?? null, resolved_at: null, resolution: null,
        mention_ids: mentionIds, mention_count: p.mention_count ?? mentionIds.length, negative_share: p.negative_share ?? 0,
        escalation_level: p.escalation_level ?? 0, comments: Array.isArray(p.comments) ? p.comments : [],
      });
      return true;
    }
    case 'merchant.set_tier_override': {
      const existing = records.readRecordsByGuardKey('tier_overrides', entityId)[0];
      write(ctx, 'tier_overrides', {
        ...(existing ?? { id: `local:${entityId}`, version: 0 }),
        updated_at: at, merchant_id: entityId, tier: p.tier, reason: p.reason, set_by: ctx.operatorId ?? 'me', expires_on: p.expires_on ?? null,
      });
      return true;
    }
    case 'merchant.clear_tier_override':
      for (const row of records.readRecordsByGuardKey('tier_overrides', entityId)) records.deleteRecord('tier_overrides', String(row.id));
      return true;
    case 'merchant.assign_package':
      write(ctx, 'merchant_packages', {
        id: entityId, version: 0, updated_at: at, merchant_id: p.merchant_id, package_id: p.package_id,
        assigned_by: ctx.operatorId ?? 'me', assigned_on: at.slice(0, 10), status: 'active', note: p.note ?? null,
      });
      return true;
    case 'merchant.revoke_package': {
      const assignment = records.readRecord('merchant_packages', entityId);
      if (assignment) write(ctx, 'merchant_packages', { ...assignment, updated_at: at, status: 'revoked', note: text(p.reason) });
      return true;
    }
    case 'supply_link.set_qualification': {
      const link = records.readRecord('supply_links', entityId);
      if (!link) return true;
      const qualifiedOn = p.qualification === 'qualified' ? at.slice(0, 10) : link.qualified_on;
      write(ctx, 'supply_links', { ...link, updated_at: at, qualification: p.qualification, qualified_on: qualifiedOn ?? null });
      return true;
    }
    default:
      return false;
  }
}
