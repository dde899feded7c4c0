/**
 * The Platform API v1 contract (/work/shared/platform-api/SPEC.md) as zod schemas and TS types.
 * The cockpit's sync engine validates incoming records with these: strict about the types of the
 * SPEC's fields (a record failing them is "malformed"), tolerant of extra fields (looseObject).
 */
import { z } from 'zod';

// ---------- enums ----------
export const DEPARTMENTS = [
  'operations', 'procurement', 'logistics', 'technology', 'marketing', 'customer_service', 'legal', 'finance',
] as const;
export const SHOP_TYPES = ['flagship', 'enterprise', 'smb', 'individual'] as const;
export const MERCHANT_STATUSES = ['active', 'suspended', 'closed'] as const;
export const TIERS = ['head', 'waist', 'smb', 'individual'] as const;
export const PACKAGE_STATUSES = ['active', 'revoked'] as const;
export const SUPPLIER_STATUSES = ['active', 'probation', 'suspended', 'blacklisted'] as const;
export const LINK_ROLES = ['primary', 'backup'] as const;
export const QUALIFICATIONS = ['qualified', 'in_qualification', 'expired', 'rejected'] as const;
export const RISK_TYPES = [
  'natural_disaster', 'capacity_drop', 'quality_incident', 'logistics_disruption', 'compliance', 'financial',
] as const;
export const RISK_STATUSES = ['open', 'monitoring', 'closed'] as const;
export const MENTION_SOURCES = ['review', 'weibo', 'news', 'forum', 'douyin', 'xiaohongshu', 'customer_service'] as const;
export const MENTION_LABELS = ['positive', 'neutral', 'negative'] as const;
export const ALERT_SEVERITIES = ['P1', 'P2', 'P3'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'responding', 'resolved', 'dismissed'] as const;
export const ALERT_SUBJECT_TYPES = ['merchant', 'sku', 'category', 'platform'] as const;
export const TEAM_STATUSES = ['forming', 'active', 'closed'] as const;
export const KR_DIRECTIONS = ['increase', 'decrease'] as const;
export const KPI_METRICS = [
  'gmv_fen', 'orders', 'paying_buyers', 'conversion_rate', 'payment_success_rate', 'refund_rate', 'avg_delivery_hours',
] as const;

// ---------- scalars ----------
export const dateString = z.iso.date(); // YYYY-MM-DD
export const timestamp = z.iso.datetime({ offset: true }); // RFC 3339 with offset
const id = z.string().min(1);
const nullableId = id.nullable();
const rate = z.number().min(0).max(1);
const count = z.int().min(0);
const fen = z.int();
const text = z.string();

const recordBase = {
  id,
  version: z.int().min(1),
  updated_at: timestamp,
};

// ---------- resource records (the `data` of an upsert) ----------
export const categorySchema = z.looseObject({
  ...recordBase,
  name: text,
  parent_id: nullableId,
  level: z.int().min(1).max(3),
});

export const personSchema = z.looseObject({
  ...recordBase,
  name: text,
  department: z.enum(DEPARTMENTS),
  title: text,
});

export const merchantSchema = z.looseObject({
  ...recordBase,
  name: text,
  shop_type: z.enum(SHOP_TYPES),
  category_id: id,
  province: text,
  city: text,
  opened_on: dateString,
  status: z.enum(MERCHANT_STATUSES),
});

export const merchantMetricSchema = z.looseObject({
  ...recordBase,
  merchant_id: id,
  date: dateString,
  gmv_fen: fen.min(0),
  orders: count,
  buyers: count,
  repeat_buyers: count,
  visits: count,
  refund_orders: count,
  rating_avg: z.number().min(1).max(5).nullable(),
  sku_count: count,
  active_sku_count: count,
  dispute_count: count,
});

export const packageSchema = z.looseObject({
  ...recordBase,
  name: text,
  target_tier: z.enum(TIERS),
  description: text,
  benefits: z.array(text),
});

export const merchantPackageSchema = z.looseObject({
  ...recordBase,
  merchant_id: id,
  package_id: id,
  assigned_by: id,
  assigned_on: dateString,
  status: z.enum(PACKAGE_STATUSES),
  note: text.nullable(),
});

export const tierOverrideSchema = z.looseObject({
  ...recordBase,
  merchant_id: id,
  tier: z.enum(TIERS),
  reason: text,
  set_by: id,
  expires_on: dateString.nullable(),
});

export const skuSchema = z.looseObject({
  ...recordBase,
  name: text,
  category_id: id,
  is_core: z.boolean(),
  monthly_units: count,
  price_fen: fen.min(0),
  unit_cost_fen: fen.min(0),
});

export const certificationSchema = z.looseObject({ type: text, expires_on: dateString });

export const supplierSchema = z.looseObject({
  ...recordBase,
  name: text,
  province: text,
  city: text,
  status: z.enum(SUPPLIER_STATUSES),
  capacity_units_month: count,
  on_time_rate: rate,
  defect_ppm: z.number().min(0),
  price_index: z.number().positive(),
  service_score: z.number().min(0).max(100),
  certifications: z.array(certificationSchema),
  last_audit_on: dateString.nullable(),
});

export const supplyLinkSchema = z.looseObject({
  ...recordBase,
  sku_id: id,
  supplier_id: id,
  role: z.enum(LINK_ROLES),
  share: rate,
  qualification: z.enum(QUALIFICATIONS),
  qualified_on: dateString.nullable(),
  lead_time_days: count,
  unit_cost_fen: fen.min(0),
  moq: count,
});

export const riskEventSchema = z.looseObject({
  ...recordBase,
  type: z.enum(RISK_TYPES),
  title: text,
  description: text,
  provinces: z.array(text),
  supplier_ids: z.array(id),
  severity: z.int().min(1).max(5),
  started_at: timestamp,
  expected_end_at: timestamp.nullable(),
  status: z.enum(RISK_STATUSES),
});

export const mentionSchema = z.looseObject({
  ...recordBase,
  source: z.enum(MENTION_SOURCES),
  url: text,
  author: text,
  text,
  rating: z.int().min(1).max(5).nullable(),
  merchant_id: nullableId,
  sku_id: nullableId,
  category_id: nullableId,
  published_at: timestamp,
  reach: count,
  // Present once an operator labelled the mention (mention.label); not in the SPEC table.
  label: z.enum(MENTION_LABELS).nullable().optional(),
  topic: text.nullable().optional(),
});

export const alertCommentSchema = z.looseObject({ author_id: id, text, at: timestamp });

export const alertSchema = z.looseObject({
  ...recordBase,
  dedup_key: text,
  title: text,
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  subject_type: z.enum(ALERT_SUBJECT_TYPES),
  subject_id: nullableId,
  topic: text.nullable(),
  opened_at: timestamp,
  sla_due_at: timestamp.nullable(),
  acknowledged_at: timestamp.nullable(),
  acknowledged_by: nullableId,
  assignee_id: nullableId,
  resolved_at: timestamp.nullable(),
  resolution: text.nullable(),
  mention_ids: z.array(id).max(50),
  mention_count: count,
  negative_share: rate,
  escalation_level: z.int().min(0).max(3),
  comments: z.array(alertCommentSchema),
});

export const okrTeamSchema = z.looseObject({
  ...recordBase,
  name: text,
  mission: text,
  category_id: nullableId,
  sponsor_id: id,
  lead_id: id,
  status: z.enum(TEAM_STATUSES),
  starts_on: dateString,
  ends_on: dateString,
  retrospective: text.nullable(),
});

export const okrMemberSchema = z.looseObject({
  ...recordBase,
  team_id: id,
  person_id: id,
  role: text,
  home_department: z.enum(DEPARTMENTS),
  joined_on: dateString,
  left_on: dateString.nullable(),
});

export const objectiveSchema = z.looseObject({
  ...recordBase,
  team_id: id,
  title: text,
  owner_id: id,
  parent_objective_id: nullableId,
});

export const keyResultSchema = z.looseObject({
  ...recordBase,
  objective_id: id,
  title: text,
  unit: text,
  direction: z.enum(KR_DIRECTIONS),
  start_value: z.number(),
  target_value: z.number(),
  current_value: z.number(),
  owner_id: id,
});

export const checkInSchema = z.looseObject({
  ...recordBase,
  key_result_id: id,
  value: z.number(),
  confidence: rate,
  note: text,
  author_id: id,
  checked_at: timestamp,
});

export const kpiPointSchema = z.looseObject({
  ...recordBase,
  metric: z.enum(KPI_METRICS),
  scope: id, // 'platform' or a category id
  ts: timestamp,
  value: z.number(),
});

/** Resource name → schema of its records. */
export const RECORD_SCHEMAS = {
  categories: categorySchema,
  people: personSchema,
  packages: packageSchema,
  suppliers: supplierSchema,
  risk_events: riskEventSchema,
  okr_teams: okrTeamSchema,
  okr_members: okrMemberSchema,
  objectives: objectiveSchema,
  key_results: keyResultSchema,
  check_ins: checkInSchema,
  merchants: merchantSchema,
  skus: skuSchema,
  supply_links: supplyLinkSchema,
  tier_overrides: tierOverrideSchema,
  merchant_packages: merchantPackageSchema,
  alerts: alertSchema,
  kpi_points: kpiPointSchema,
  mentions: mentionSchema,
  merchant_metrics: merchantMetricSchema,
} as const;

export type ResourceName = keyof typeof RECORD_SCHEMAS;

/** The SPEC's resources in a sensible sync order: small reference data first, big feeds last. */
export const RESOURCES: readonly ResourceName[] = Object.keys(RECORD_SCHEMAS) as ResourceName[];

export function isResourceName(name: string): name is ResourceName {
  return Object.prototype.hasOwnProperty.call(RECORD_SCHEMAS, name);
}

export type Category = z.infer<typeof categorySchema>;
export type Person = z.infer<typeof personSchema>;
export type Merchant = z.infer<typeof merchantSchema>;
export type MerchantMetric = z.infer<typeof merchantMetricSchema>;
export type Package = z.infer<typeof packageSchema>;
export type MerchantPackage = z.infer<typeof merchantPackageSchema>;
export type TierOverride = z.infer<typeof tierOverrideSchema>;
export type Sku = z.infer<typeof skuSchema>;
export type Supplier = z.infer<typeof supplierSchema>;
export type SupplyLink = z.infer<typeof supplyLinkSchema>;
export type RiskEvent = z.infer<typeof riskEventSchema>;
export type Mention = z.infer<typeof mentionSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type AlertComment = z.infer<typeof alertCommentSchema>;
export type OkrTeam = z.infer<typeof okrTeamSchema>;
export type OkrMember = z.infer<typeof okrMemberSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type KeyResult = z.infer<typeof keyResultSchema>;
export type CheckIn = z.infer<typeof checkInSchema>;
export type KpiPoint = z.infer<typeof kpiPointSchema>;

// ---------- change feed ----------
export const feedItemSchema = z.discriminatedUnion('op', [
  z.looseObject({ op: z.literal('upsert'), id, version: z.int().min(1), data: z.record(z.string(), z.unknown()) }),
  z.looseObject({ op: z.literal('delete'), id, version: z.int().min(1) }),
]);
export const feedPageSchema = z.looseObject({
  items: z.array(z.unknown()), // validate items one by one so one bad item does not sink the page
  next_cursor: z.string().min(1),
  has_more: z.boolean(),
  server_time: timestamp,
});
export type FeedItem = z.infer<typeof feedItemSchema>;
export type FeedPage = z.infer<typeof feedPageSchema>;

export const meSchema = z.looseObject({
  id,
  name: text,
  department: z.enum(DEPARTMENTS),
  category_ids: z.array(id),
});
export type Me = z.infer<typeof meSchema>;

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---------- commands ----------
const nonEmpty = z.string().trim().min(1);
const level = z.int().min(0).max(3);

/** `alert.open` payload: every alert field but status and the ack/resolve fields. */
export const alertOpenPayload = z.looseObject({
  dedup_key: nonEmpty,
  title: nonEmpty,
  severity: z.enum(ALERT_SEVERITIES),
  subject_type: z.enum(ALERT_SUBJECT_TYPES),
  subject_id: nullableId,
  topic: text.nullable().optional(),
  opened_at: timestamp.optional(),
  sla_due_at: timestamp.nullable().optional(),
  assignee_id: nullableId.optional(),
  mention_ids: z.array(id).max(50).optional(),
  mention_count: count.optional(),
  negative_share: rate.optional(),
  escalation_level: level.optional(),
  comments: z.array(alertCommentSchema).optional(),
});

export const COMMAND_PAYLOADS = {
  'alert.open': alertOpenPayload,
  'alert.acknowledge': z.looseObject({}),
  'alert.assign': z.looseObject({ assignee_id: id }),
  'alert.start_response': z.looseObject({ note: text }),
  'alert.escalate': z.looseObject({ level, note: text }),
  'alert.resolve': z.looseObject({ resolution: nonEmpty }),
  'alert.dismiss': z.looseObject({ reason: nonEmpty }),
  'alert.comment': z.looseObject({ text: nonEmpty.max(10_000) }),
  'mention.label': z.looseObject({ label: z.enum(MENTION_LABELS), topic: text.nullable() }),
  'merchant.set_tier_override': z.looseObject({ tier: z.enum(TIERS), reason: nonEmpty, expires_on: dateString.nullable() }),
  'merchant.clear_tier_override': z.looseObject({ reason: nonEmpty }),
  'merchant.assign_package': z.looseObject({ merchant_id: id, package_id: id, note: text.nullable().optional() }),
  'merchant.revoke_package': z.looseObject({ reason: nonEmpty }),
  'supply_link.propose_backup': z.looseObject({
    sku_id: id, supplier_id: id, lead_time_days: count, unit_cost_fen: fen.min(0), moq: count,
  }),
  'supply_link.set_qualification': z.looseObject({ qualification: z.enum(QUALIFICATIONS), note: text.nullable().optional() }),
  'supply_link.switch_primary': z.looseObject({ from_link_id: id, reason: nonEmpty }),
  'okr.team.upsert': z.looseObject({
    name: nonEmpty.optional(),
    mission: text.optional(),
    category_id: nullableId.optional(),
    sponsor_id: id.optional(),
    lead_id: id.optional(),
    status: z.enum(TEAM_STATUSES).optional(),
    starts_on: dateString.optional(),
    ends_on: dateString.optional(),
  }),
  'okr.team.close': z.looseObject({ retrospective: nonEmpty }),
  'okr.member.add': z.looseObject({ team_id: id, person_id: id, role: nonEmpty, home_department: z.enum(DEPARTMENTS) }),
  'okr.member.leave': z.looseObject({ left_on: dateString }),
  'okr.objective.upsert': z.looseObject({
    team_id: id.optional(), title: nonEmpty.optional(), owner_id: id.optional(), parent_objective_id: nullableId.optional(),
  }),
  'okr.key_result.upsert': z.looseObject({
    objective_id: id.optional(),
    title: nonEmpty.optional(),
    unit: text.optional(),
    direction: z.enum(KR_DIRECTIONS).optional(),
    start_value: z.number().optional(),
    target_value: z.number().optional(),
    owner_id: id.optional(),
  }),
  'okr.check_in': z.looseObject({ key_result_id: id, value: z.number(), confidence: rate, note: text }),
} as const;

export type CommandType = keyof typeof COMMAND_PAYLOADS;
export const COMMAND_TYPES = Object.keys(COMMAND_PAYLOADS) as CommandType[];
export type CommandPayload<T extends CommandType> = z.infer<(typeof COMMAND_PAYLOADS)[T]>;

export function isCommandType(type: string): type is CommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_PAYLOADS, type);
}

export const commandSchema = z.looseObject({
  id: nonEmpty.max(200),
  type: z.string(),
  entity_id: nonEmpty.max(200),
  base_version: z.int().min(0).nullable().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  issued_at: timestamp.optional(),
});
export type Command = z.infer<typeof commandSchema>;

export const COMMAND_BATCH_MAX = 200;
export const commandRequestSchema = z.object({ commands: z.array(z.unknown()).max(COMMAND_BATCH_MAX) });

export const COMMAND_STATUSES = ['applied', 'duplicate', 'conflict', 'rejected'] as const;
export const commandResultSchema = z.looseObject({
  id: z.string(),
  status: z.enum(COMMAND_STATUSES),
  entity: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;
export const commandResponseSchema = z.object({ results: z.array(commandResultSchema) });

/** Ids the client creates are UUIDv7 (any UUID accepted) or ULID strings. */
export const CLIENT_ID_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-HJKMNP-TV-Z]{26})$/i;
