/**
 * POST /v1/commands: validation, idempotency (command id → duplicate), optimistic concurrency
 * (base_version → conflict) and the effect of each command type on the records.
 */
import type { z } from 'zod';
import {
  COMMAND_PAYLOADS, commandSchema, isCommandType, type CommandPayload, type CommandResult, type CommandType, type ResourceName,
} from './contract';
import type { Rec } from './source';
import { inScope, type PlatformState, type Scope } from './state';
import { HOUR_MS, formatDate, formatTs, parseInstant } from './time';

/** Who issues a command: a token's operator, or a simulated colleague in live mode. */
export interface Actor {
  id: string;
  scope: Scope;
}

/** A command that can never succeed: answered `rejected`. */
class Rejection extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Ctx {
  state: PlatformState;
  actor: Actor;
  entityId: string;
  current: Rec | null; // current record of the handler's resource, null when absent
  at: string; // issued_at (when plausible) or server time: the business timestamp of the action
  today: string;
}

type Mode = 'existing' | 'create' | 'upsert';

interface HandlerSpec<T extends CommandType> {
  resource: ResourceName;
  mode: Mode;
  /** For commands whose entity is not the record they change (tier overrides): the record base_version refers to. */
  versioned?: (ctx: Ctx) => { version: number; entity: Rec };
  run: (ctx: Ctx, payload: CommandPayload<T>) => Rec;
}

/** Ids the client creates: UUIDv7/ULID in practice; any short, safe token is accepted. */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}$/;
const SLA_HOURS: Record<string, number> = { P1: 2, P2: 8, P3: 24 };
const CLOSED_ALERT = new Set(['resolved', 'dismissed']);

function reject(code: string, message: string): never {
  throw new Rejection(code, message);
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) reject('not_found', `${what} not found`);
  return value;
}

function requireScope(ctx: Ctx, category: number, what: string): void {
  if (!inScope(ctx.actor.scope, category)) reject('forbidden', `${what} is outside your categories`);
}

function requirePerson(ctx: Ctx, id: string, field: string): void {
  if (!ctx.state.get('people', id)) reject('not_found', `${field} ${id} is not a known person`);
}

function openAlert(ctx: Ctx): Rec {
  const alert = ctx.current as Rec;
  if (CLOSED_ALERT.has(String(alert.status))) reject('invalid_transition', `alert is already ${String(alert.status)}`);
  return alert;
}

function withComment(alert: Rec, ctx: Ctx, text: string): unknown[] {
  const comments = Array.isArray(alert.comments) ? [...(alert.comments as unknown[])] : [];
  if (text.trim()) comments.push({ author_id: ctx.actor.id, text, at: ctx.at });
  return comments;
}

function put(ctx: Ctx, resource: ResourceName, fields: Record<string, unknown>, id = ctx.entityId): Rec {
  return ctx.state.put(resource, id, fields);
}

/** Merge for *.upsert commands: fields given override, required ones checked for new records. */
function merged(ctx: Ctx, payload: Record<string, unknown>, required: readonly string[], defaults: Record<string, unknown>): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  if (ctx.current) return { ...ctx.current, ...given };
  const missing = required.filter((k) => given[k] === undefined);
  if (missing.length > 0) reject('invalid_payload', `missing ${missing.join(', ')} for a new record`);
  return { ...defaults, ...given };
}

const HANDLERS: { [T in CommandType]: HandlerSpec<T> } = {
  'alert.open': {
    resource: 'alerts', mode: 'create',
    run: (ctx, p) => {
      const s = ctx.state;
      let scope = -1;
      let subjectId: string | null = p.subject_id;
      if (p.subject_type === 'platform') subjectId = null;
      else if (!subjectId) reject('invalid_payload', `subject_id is required for subject_type ${p.subject_type}`);
      else if (p.subject_type === 'merchant') { must(s.get('merchants', subjectId), `merchant ${subjectId}`); scope = s.scopeOfId('merchants', subjectId); }
      else if (p.subject_type === 'sku') { must(s.get('skus', subjectId), `sku ${subjectId}`); scope = s.scopeOfId('skus', subjectId); }
      else scope = must(s.world.categoryIndex.get(subjectId), `category ${subjectId}`);
      requireScope(ctx, scope, 'the alert subject');
      if (p.assignee_id) requirePerson(ctx, p.assignee_id, 'assignee_id');
      const openedAt = p.opened_at ?? ctx.at;
      const mentionIds = p.mention_ids ?? [];
      return put(ctx, 'alerts', {
        dedup_key: p.dedup_key, title: p.title, severity: p.severity, status: 'open',
        subject_type: p.subject_type, subject_id: subjectId, topic: p.topic ?? null,
        opened_at: openedAt,
        sla_due_at: p.sla_due_at !== undefined ? p.sla_due_at : formatTs(parseInstant(openedAt) + (SLA_HOURS[p.severity] ?? 24) * HOUR_MS),
        acknowledged_at: null, acknowledged_by: null, assignee_id: p.assignee_id ?? null, resolved_at: null, resolution: null,
        mention_ids: mentionIds, mention_count: p.mention_count ?? mentionIds.length, negative_share: p.negative_share ?? 0,
        escalation_level: p.escalation_level ?? 0, comments: p.comments ?? [],
      });
    },
  },
  'alert.acknowledge': {
    resource: 'alerts', mode: 'existing',
    run: (ctx) => {
      const alert = openAlert(ctx);
      if (alert.status !== 'open') reject('invalid_transition', `alert is already ${String(alert.status)}`);
      return put(ctx, 'alerts', { ...alert, status: 'acknowledged', acknowledged_at: ctx.at, acknowledged_by: ctx.actor.id });
    },
  },
  'alert.assign': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => {
      const alert = openAlert(ctx);
      requirePerson(ctx, p.assignee_id, 'assignee_id');
      return put(ctx, 'alerts', { ...alert, assignee_id: p.assignee_id });
    },
  },
  'alert.start_response': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => {
      const alert = openAlert(ctx);
      if (alert.status === 'responding') reject('invalid_transition', 'alert is already responding');
      const ack = alert.status === 'open' ? { acknowledged_at: ctx.at, acknowledged_by: ctx.actor.id } : {};
      return put(ctx, 'alerts', { ...alert, ...ack, status: 'responding', comments: withComment(alert, ctx, p.note) });
    },
  },
  'alert.escalate': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => {
      const alert = openAlert(ctx);
      if (p.level <= Number(alert.escalation_level)) reject('invalid_transition', `escalation level is already ${String(alert.escalation_level)}`);
      return put(ctx, 'alerts', { ...alert, escalation_level: p.level, comments: withComment(alert, ctx, p.note) });
    },
  },
  'alert.resolve': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => put(ctx, 'alerts', { ...openAlert(ctx), status: 'resolved', resolved_at: ctx.at, resolution: p.resolution }),
  },
  'alert.dismiss': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => put(ctx, 'alerts', { ...openAlert(ctx), status: 'dismissed', resolved_at: ctx.at, resolution: p.reason }),
  },
  'alert.comment': {
    resource: 'alerts', mode: 'existing',
    run: (ctx, p) => {
      const alert = ctx.current as Rec;
      return put(ctx, 'alerts', { ...alert, comments: withComment(alert, ctx, p.text) });
    },
  },
  'mention.label': {
    resource: 'mentions', mode: 'existing',
    run: (ctx, p) => put(ctx, 'mentions', { ...(ctx.current as Rec), label: p.label, topic: p.topic }),
  },
  'merchant.set_tier_override': {
    resource: 'merchants', mode: 'existing',
    versioned: (ctx) => overrideVersion(ctx),
    run: (ctx, p) => put(ctx, 'tier_overrides', {
      merchant_id: ctx.entityId, tier: p.tier, reason: p.reason, set_by: ctx.actor.id, expires_on: p.expires_on,
    }, `to_${ctx.entityId}`),
  },
  'merchant.clear_tier_override': {
    resource: 'merchants', mode: 'existing',
    versioned: (ctx) => overrideVersion(ctx),
    run: (ctx) => {
      const id = `to_${ctx.entityId}`;
      must(ctx.state.get('tier_overrides', id), `tier override of ${ctx.entityId}`);
      ctx.state.remove('tier_overrides', id);
      return { id, version: ctx.state.versionOf('tier_overrides', id), updated_at: ctx.state.nowTs(), deleted: true };
    },
  },
  'merchant.assign_package': {
    resource: 'merchant_packages', mode: 'create',
    run: (ctx, p) => {
      must(ctx.state.get('merchants', p.merchant_id), `merchant ${p.merchant_id}`);
      requireScope(ctx, ctx.state.scopeOfId('merchants', p.merchant_id), 'the merchant');
      must(ctx.state.get('packages', p.package_id), `package ${p.package_id}`);
      return put(ctx, 'merchant_packages', {
        merchant_id: p.merchant_id, package_id: p.package_id, assigned_by: ctx.actor.id, assigned_on: ctx.today, status: 'active', note: p.note ?? null,
      });
    },
  },
  'merchant.revoke_package': {
    resource: 'merchant_packages', mode: 'existing',
    run: (ctx, p) => {
      const assignment = ctx.current as Rec;
      if (assignment.status === 'revoked') reject('invalid_transition', 'package is already revoked');
      return put(ctx, 'merchant_packages', { ...assignment, status: 'revoked', note: p.reason });
    },
  },
  'supply_link.propose_backup': {
    resource: 'supply_links', mode: 'create',
    run: (ctx, p) => {
      must(ctx.state.get('skus', p.sku_id), `sku ${p.sku_id}`);
      requireScope(ctx, ctx.state.scopeOfId('skus', p.sku_id), 'the SKU');
      const supplier = must(ctx.state.get('suppliers', p.supplier_id), `supplier ${p.supplier_id}`);
      if (supplier.status === 'blacklisted') reject('supplier_blacklisted', `supplier ${p.supplier_id} is blacklisted`);
      return put(ctx, 'supply_links', {
        sku_id: p.sku_id, supplier_id: p.supplier_id, role: 'backup', share: 0, qualification: 'in_qualification', qualified_on: null,
        lead_time_days: p.lead_time_days, unit_cost_fen: p.unit_cost_fen, moq: p.moq,
      });
    },
  },
  'supply_link.set_qualification': {
    resource: 'supply_links', mode: 'existing',
    run: (ctx, p) => {
      const link = ctx.current as Rec;
      if (link.role === 'primary' && p.qualification !== 'qualified') reject('primary_must_be_qualified', 'switch the primary to another link first');
      const qualifiedOn = p.qualification === 'qualified' ? ctx.today : link.qualified_on;
      return put(ctx, 'supply_links', { ...link, qualification: p.qualification, qualified_on: qualifiedOn ?? null });
    },
  },
  'supply_link.switch_primary': {
    resource: 'supply_links', mode: 'existing',
    run: (ctx, p) => {
      const target = ctx.current as Rec;
      const from = must(ctx.state.get('supply_links', p.from_link_id), `supply link ${p.from_link_id}`);
      if (from.sku_id !== target.sku_id) reject('invalid_payload', 'from_link_id belongs to another SKU');
      if (from.role !== 'primary') reject('invalid_transition', 'from_link_id is not the primary link');
      if (target.role === 'primary') reject('invalid_transition', 'the link is already primary');
      if (target.qualification !== 'qualified') reject('not_qualified', 'only a qualified link can become primary');
      put(ctx, 'supply_links', { ...from, role: 'backup', share: target.share }, from.id);
      return put(ctx, 'supply_links', { ...target, role: 'primary', share: from.share });
    },
  },
  'okr.team.upsert': {
    resource: 'okr_teams', mode: 'upsert',
    run: (ctx, p) => {
      const team = merged(ctx, p, ['name', 'sponsor_id', 'lead_id', 'starts_on', 'ends_on'], {
        mission: '', category_id: null, status: 'forming', retrospective: null,
      });
      const category = team.category_id ? must(ctx.state.world.categoryIndex.get(String(team.category_id)), `category ${String(team.category_id)}`) : -1;
      requireScope(ctx, category, 'the team category');
      requirePerson(ctx, String(team.sponsor_id), 'sponsor_id');
      requirePerson(ctx, String(team.lead_id), 'lead_id');
      if (String(team.ends_on) < String(team.starts_on)) reject('invalid_payload', 'ends_on is before starts_on');
      return put(ctx, 'okr_teams', team);
    },
  },
  'okr.team.close': {
    resource: 'okr_teams', mode: 'existing',
    run: (ctx, p) => {
      const team = ctx.current as Rec;
      if (team.status === 'closed') reject('invalid_transition', 'team is already closed');
      return put(ctx, 'okr_teams', { ...team, status: 'closed', retrospective: p.retrospective });
    },
  },
  'okr.member.add': {
    resource: 'okr_members', mode: 'create',
    run: (ctx, p) => {
      const team = must(ctx.state.get('okr_teams', p.team_id), `team ${p.team_id}`);
      requireScope(ctx, ctx.state.scopeOfId('okr_teams', p.team_id), 'the team');
      if (team.status === 'closed') reject('invalid_transition', 'team is closed');
      requirePerson(ctx, p.person_id, 'person_id');
      return put(ctx, 'okr_members', {
        team_id: p.team_id, person_id: p.person_id, role: p.role, home_department: p.home_department, joined_on: ctx.today, left_on: null,
      });
    },
  },
  'okr.member.leave': {
    resource: 'okr_members', mode: 'existing',
    run: (ctx, p) => {
      const member = ctx.current as Rec;
      if (member.left_on) reject('invalid_transition', 'member has already left');
      if (p.left_on < String(member.joined_on)) reject('invalid_payload', 'left_on is before joined_on');
      return put(ctx, 'okr_members', { ...member, left_on: p.left_on });
    },
  },
  'okr.objective.upsert': {
    resource: 'objectives', mode: 'upsert',
    run: (ctx, p) => {
      const objective = merged(ctx, p, ['team_id', 'title', 'owner_id'], { parent_objective_id: null });
      must(ctx.state.get('okr_teams', String(objective.team_id)), `team ${String(objective.team_id)}`);
      requireScope(ctx, ctx.state.scopeOfId('okr_teams', String(objective.team_id)), 'the team');
      requirePerson(ctx, String(objective.owner_id), 'owner_id');
      const parent = objective.parent_objective_id;
      if (parent) {
        if (parent === ctx.entityId) reject('invalid_payload', 'an objective cannot align to itself');
        must(ctx.state.get('objectives', String(parent)), `objective ${String(parent)}`);
      }
      return put(ctx, 'objectives', objective);
    },
  },
  'okr.key_result.upsert': {
    resource: 'key_results', mode: 'upsert',
    run: (ctx, p) => {
      const { current_value: _ignored, ...rest } = p as Record<string, unknown>; // current_value moves only by check-ins
      const kr = merged(ctx, rest, ['objective_id', 'title', 'unit', 'direction', 'start_value', 'target_value', 'owner_id'], {});
      if (!ctx.current) kr.current_value = kr.start_value;
      must(ctx.state.get('objectives', String(kr.objective_id)), `objective ${String(kr.objective_id)}`);
      requireScope(ctx, ctx.state.scopeOfId('objectives', String(kr.objective_id)), 'the objective');
      requirePerson(ctx, String(kr.owner_id), 'owner_id');
      return put(ctx, 'key_results', kr);
    },
  },
  'okr.check_in': {
    resource: 'check_ins', mode: 'create',
    run: (ctx, p) => {
      const kr = must(ctx.state.get('key_results', p.key_result_id), `key result ${p.key_result_id}`);
      requireScope(ctx, ctx.state.scopeOfId('key_results', p.key_result_id), 'the key result');
      const checkIn = put(ctx, 'check_ins', {
        key_result_id: p.key_result_id, value: p.value, confidence: p.confidence, note: p.note, author_id: ctx.actor.id, checked_at: ctx.at,
      });
      put(ctx, 'key_results', { ...kr, current_value: p.value }, p.key_result_id);
      return checkIn;
    },
  },
};

function overrideVersion(ctx: Ctx): { version: number; entity: Rec } {
  const id = `to_${ctx.entityId}`;
  const current = ctx.state.get('tier_overrides', id);
  // No override (never set, or cleared) counts as version 0 for base_version.
  return current ? { version: current.version, entity: current } : { version: 0, entity: { id, version: ctx.state.versionOf('tier_overrides', id), updated_at: ctx.state.nowTs(), deleted: true } };
}

/** Remembers applied command ids: a resend answers `duplicate` with the entity's current state. */
export class CommandLedger {
  private readonly applied = new Map<string, { resource: ResourceName; entityId: string; entity: Rec }>();
  /** Rejections are remembered too, so a resend of a rejected command answers the same. */
  private readonly rejections = new Map<string, CommandResult>();

  constructor(private readonly state: PlatformState) {}

  execute(raw: unknown, actor: Actor): CommandResult {
    const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
    const envelope = commandSchema.safeParse(raw);
    if (!envelope.success) return rejected(rawId, 'invalid_command', describe(envelope.error));
    const cmd = envelope.data;
    const previous = this.applied.get(cmd.id);
    if (previous) return { id: cmd.id, status: 'duplicate', entity: this.current(previous.resource, previous.entityId) ?? previous.entity };
    const rejection = this.rejections.get(cmd.id);
    if (rejection) return rejection;
    let result: CommandResult;
    try {
      result = isCommandType(cmd.type) ? this.run(cmd.type, cmd, actor) : rejected(cmd.id, 'unknown_command_type', `unknown command type ${cmd.type}`);
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      result = rejected(cmd.id, error.code, error.message);
    }
    if (result.status === 'rejected') this.rejections.set(cmd.id, result);
    return result;
  }

  /** Whether a command id was applied (tests). */
  wasApplied(commandId: string): boolean {
    return this.applied.has(commandId);
  }

  private current(resource: ResourceName, id: string): Rec | null {
    return this.state.get(resource, id);
  }

  private run<T extends CommandType>(type: T, cmd: z.infer<typeof commandSchema>, actor: Actor): CommandResult {
    const spec = HANDLERS[type] as HandlerSpec<T>;
    const payload = COMMAND_PAYLOADS[type].safeParse(cmd.payload ?? {});
    if (!payload.success) return rejected(cmd.id, 'invalid_payload', describe(payload.error));
    const current = this.state.get(spec.resource, cmd.entity_id);
    const issued = cmd.issued_at ? parseInstant(cmd.issued_at) : Number.NaN;
    // Trust the client's clock for business timestamps unless it is wildly off.
    const atMs = Number.isFinite(issued) && Math.abs(issued - this.state.now()) < 7 * 24 * HOUR_MS ? issued : this.state.now();
    const ctx: Ctx = { state: this.state, actor, entityId: cmd.entity_id, current, at: formatTs(atMs), today: formatDate(this.state.now()) };
    if (current && spec.mode === 'create') return { id: cmd.id, status: 'duplicate', entity: current };
    if (!current) {
      if (spec.mode === 'existing') reject('not_found', `${spec.resource} ${cmd.entity_id} not found`);
      if (!CLIENT_ID.test(cmd.entity_id)) reject('invalid_id', 'entity_id of a new record must be a UUID/ULID-like token');
      if (this.state.versionOf(spec.resource, cmd.entity_id) > 0) reject('gone', `${spec.resource} ${cmd.entity_id} was deleted`);
    } else {
      requireScope(ctx, this.state.scopeOfId(spec.resource, cmd.entity_id), `${spec.resource} ${cmd.entity_id}`);
      const target = spec.versioned ? spec.versioned(ctx) : { version: current.version, entity: current };
      if (cmd.base_version !== undefined && cmd.base_version !== null && cmd.base_version !== target.version) {
        return { id: cmd.id, status: 'conflict', entity: target.entity };
      }
    }
    const entity = spec.run(ctx, payload.data as CommandPayload<T>); // safeParse loses the per-type link
    this.applied.set(cmd.id, { resource: entity.deleted ? 'tier_overrides' : resourceOf(spec, entity), entityId: entity.id, entity });
    return { id: cmd.id, status: 'applied', entity };
  }
}

/** The resource a handler's returned entity lives in (tier overrides are stored apart from merchants). */
function resourceOf(spec: { resource: ResourceName }, entity: Rec): ResourceName {
  return entity.id.startsWith('to_') && spec.resource === 'merchants' ? 'tier_overrides' : spec.resource;
}

function rejected(id: string, code: string, message: string): CommandResult {
  return { id, status: 'rejected', error: { code, message } };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}
