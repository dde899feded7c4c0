/**
 * The synced resources as the engine sees them: each SPEC `data` field with its kind, in the
 * order of the SQLite columns. Hand-written from platform/contract.ts so that validation and
 * row mapping run as plain loops (zod per record is too slow for 100k rows/s; see codec.ts).
 * record-mapping.test.ts checks that this table agrees with the zod schemas and the SQLite tables.
 */
import {
  ALERT_SEVERITIES, ALERT_STATUSES, ALERT_SUBJECT_TYPES, DEPARTMENTS, KPI_METRICS, KR_DIRECTIONS,
  LINK_ROLES, MENTION_LABELS, MENTION_SOURCES, MERCHANT_STATUSES, PACKAGE_STATUSES, QUALIFICATIONS, RESOURCES, RISK_STATUSES,
  RISK_TYPES, SHOP_TYPES, SUPPLIER_STATUSES, TEAM_STATUSES, TIERS, type ResourceName,
} from '../../../platform/contract';

export type FieldKind =
  | { kind: 'id' } // non-empty string
  | { kind: 'text' }
  | { kind: 'date' } // YYYY-MM-DD
  | { kind: 'timestamp' } // RFC 3339 with offset
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number; positive?: boolean }
  | { kind: 'bool' }
  | { kind: 'json'; items: 'text' | 'id' | 'certification' | 'comment'; maxItems?: number };

/** `optional`: the platform may leave the field out (stored as null); the SPEC table does not list it. */
export type FieldSpec = FieldKind & { name: string; nullable?: boolean; optional?: boolean };

const f = {
  id: (name: string, nullable = false): FieldSpec => ({ name, kind: 'id', nullable }),
  text: (name: string, nullable = false): FieldSpec => ({ name, kind: 'text', nullable }),
  date: (name: string, nullable = false): FieldSpec => ({ name, kind: 'date', nullable }),
  ts: (name: string, nullable = false): FieldSpec => ({ name, kind: 'timestamp', nullable }),
  enum: (name: string, values: readonly string[], nullable = false): FieldSpec => ({ name, kind: 'enum', values, nullable }),
  int: (name: string, min?: number, max?: number, nullable = false): FieldSpec => ({ name, kind: 'int', min, max, nullable }),
  count: (name: string): FieldSpec => ({ name, kind: 'int', min: 0 }),
  num: (name: string, min?: number, max?: number, nullable = false): FieldSpec => ({ name, kind: 'number', min, max, nullable }),
  rate: (name: string): FieldSpec => ({ name, kind: 'number', min: 0, max: 1 }),
  bool: (name: string): FieldSpec => ({ name, kind: 'bool' }),
  json: (name: string, items: 'text' | 'id' | 'certification' | 'comment', maxItems?: number): FieldSpec => ({
    name, kind: 'json', items, maxItems,
  }),
};

/** The SPEC `data` fields of each resource, besides id, version and updated_at. */
export const RESOURCE_FIELDS: Readonly<Record<ResourceName, readonly FieldSpec[]>> = {
  categories: [f.text('name'), f.id('parent_id', true), f.int('level', 1, 3)],
  people: [f.text('name'), f.enum('department', DEPARTMENTS), f.text('title')],
  merchants: [
    f.text('name'), f.enum('shop_type', SHOP_TYPES), f.id('category_id'), f.text('province'), f.text('city'),
    f.date('opened_on'), f.enum('status', MERCHANT_STATUSES),
  ],
  merchant_metrics: [
    f.id('merchant_id'), f.date('date'), f.int('gmv_fen', 0), f.count('orders'), f.count('buyers'), f.count('repeat_buyers'),
    f.count('visits'), f.count('refund_orders'), f.num('rating_avg', 1, 5, true), f.count('sku_count'),
    f.count('active_sku_count'), f.count('dispute_count'),
  ],
  packages: [f.text('name'), f.enum('target_tier', TIERS), f.text('description'), f.json('benefits', 'text')],
  merchant_packages: [
    f.id('merchant_id'), f.id('package_id'), f.id('assigned_by'), f.date('assigned_on'), f.enum('status', PACKAGE_STATUSES),
    f.text('note', true),
  ],
  tier_overrides: [f.id('merchant_id'), f.enum('tier', TIERS), f.text('reason'), f.id('set_by'), f.date('expires_on', true)],
  skus: [f.text('name'), f.id('category_id'), f.bool('is_core'), f.count('monthly_units'), f.int('price_fen', 0), f.int('unit_cost_fen', 0)],
  suppliers: [
    f.text('name'), f.text('province'), f.text('city'), f.enum('status', SUPPLIER_STATUSES), f.count('capacity_units_month'),
    f.rate('on_time_rate'), f.num('defect_ppm', 0), { name: 'price_index', kind: 'number', positive: true },
    f.num('service_score', 0, 100), f.json('certifications', 'certification'), f.date('last_audit_on', true),
  ],
  supply_links: [
    f.id('sku_id'), f.id('supplier_id'), f.enum('role', LINK_ROLES), f.rate('share'), f.enum('qualification', QUALIFICATIONS),
    f.date('qualified_on', true), f.count('lead_time_days'), f.int('unit_cost_fen', 0), f.count('moq'),
  ],
  risk_events: [
    f.enum('type', RISK_TYPES), f.text('title'), f.text('description'), f.json('provinces', 'text'), f.json('supplier_ids', 'id'),
    f.int('severity', 1, 5), f.ts('started_at'), f.ts('expected_end_at', true), f.enum('status', RISK_STATUSES),
  ],
  mentions: [
    f.enum('source', MENTION_SOURCES), f.text('url'), f.text('author'), f.text('text'), f.int('rating', 1, 5, true),
    f.id('merchant_id', true), f.id('sku_id', true), f.id('category_id', true), f.ts('published_at'), f.count('reach'),
    // Present once an operator labelled the mention (mention.label).
    { ...f.enum('label', MENTION_LABELS, true), optional: true }, { ...f.text('topic', true), optional: true },
  ],
  alerts: [
    f.text('dedup_key'), f.text('title'), f.enum('severity', ALERT_SEVERITIES), f.enum('status', ALERT_STATUSES),
    f.enum('subject_type', ALERT_SUBJECT_TYPES), f.id('subject_id', true), f.text('topic', true), f.ts('opened_at'),
    f.ts('sla_due_at', true), f.ts('acknowledged_at', true), f.id('acknowledged_by', true), f.id('assignee_id', true),
    f.ts('resolved_at', true), f.text('resolution', true), f.json('mention_ids', 'id', 50), f.count('mention_count'),
    f.rate('negative_share'), f.int('escalation_level', 0, 3), f.json('comments', 'comment'),
  ],
  okr_teams: [
    f.text('name'), f.text('mission'), f.id('category_id', true), f.id('sponsor_id'), f.id('lead_id'), f.enum('status', TEAM_STATUSES),
    f.date('starts_on'), f.date('ends_on'), f.text('retrospective', true),
  ],
  okr_members: [
    f.id('team_id'), f.id('person_id'), f.text('role'), f.enum('home_department', DEPARTMENTS), f.date('joined_on'), f.date('left_on', true),
  ],
  objectives: [f.id('team_id'), f.text('title'), f.id('owner_id'), f.id('parent_objective_id', true)],
  key_results: [
    f.id('objective_id'), f.text('title'), f.text('unit'), f.enum('direction', KR_DIRECTIONS), f.num('start_value'),
    f.num('target_value'), f.num('current_value'), f.id('owner_id'),
  ],
  check_ins: [f.id('key_result_id'), f.num('value'), f.rate('confidence'), f.text('note'), f.id('author_id'), f.ts('checked_at')],
  kpi_points: [f.enum('metric', KPI_METRICS), f.id('scope'), f.ts('ts'), f.num('value')],
};

/** The three big feeds go last, smallest first, so that every board is usable before they finish. */
export const LARGE_RESOURCES: readonly ResourceName[] = ['kpi_points', 'mentions', 'merchant_metrics'];

export const SYNC_ORDER: readonly ResourceName[] = [
  ...RESOURCES.filter((r) => !LARGE_RESOURCES.includes(r)),
  ...LARGE_RESOURCES,
];

export function isLargeResource(resource: string): boolean {
  return (LARGE_RESOURCES as readonly string[]).includes(resource);
}
