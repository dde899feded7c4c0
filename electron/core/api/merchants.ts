/**
 * The merchant-tiering domain's part of the contract (商家分层): its rows, its rule sets and its
 * methods. Imports only zod and ./method, so the renderer can import the types and enums too.
 */
import { z } from 'zod';
import { mutation, query } from './method';

export const MERCHANT_TIERS = ['head', 'waist', 'smb', 'individual'] as const;
export const merchantTierSchema = z.enum(MERCHANT_TIERS);
export type MerchantTier = z.infer<typeof merchantTierSchema>;

export const MERCHANT_STATUSES = ['active', 'suspended', 'closed'] as const;
export const merchantStatusSchema = z.enum(MERCHANT_STATUSES);

/** The metrics a rule set can score, in the order the CLI prints them (gmvPrevFen is not scored). */
export const SCORED_METRICS = ['gmvFen', 'orders', 'growth', 'repeatRate', 'refundRate', 'rating', 'sellThrough', 'disputesPer1000'] as const;
export type ScoredMetric = (typeof SCORED_METRICS)[number];

/** Period metrics as issue 11 defines them; null = the ratio's denominator was 0. */
export const periodMetricsSchema = z.object({
  gmvFen: z.number(),
  gmvPrevFen: z.number(),
  growth: z.number().nullable(),
  orders: z.number(),
  repeatRate: z.number().nullable(),
  refundRate: z.number().nullable(),
  rating: z.number().nullable(),
  sellThrough: z.number().nullable(),
  disputesPer1000: z.number().nullable(),
});
export type PeriodMetrics = z.infer<typeof periodMetricsSchema>;

/**
 * How one metric earns points: `zeroAt` earns 0, `fullAt` earns the whole weight, linear in
 * between (on log10 when `log`), clamped. `fullAt` below `zeroAt` means lower is better.
 */
export const metricRuleSchema = z
  .object({
    weight: z.number().min(0),
    zeroAt: z.number(),
    fullAt: z.number(),
    log: z.boolean().optional(),
  })
  .strict()
  .refine((rule) => rule.zeroAt !== rule.fullAt, { message: 'zeroAt and fullAt must differ' })
  .refine((rule) => !rule.log || (rule.zeroAt > 0 && rule.fullAt > 0), { message: 'a log scale needs zeroAt and fullAt above 0' });
export type MetricRule = z.infer<typeof metricRuleSchema>;

/** A cut-off: a fixed score, or the score at a percentile of the merchants that are ranked. */
export const cutoffSchema = z.union([
  z.object({ score: z.number().min(0).max(100) }).strict(),
  z.object({ percentile: z.number().min(0).max(100) }).strict(),
]);
export type Cutoff = z.infer<typeof cutoffSchema>;

export const ruleSetSchema = z
  .object({
    name: z.string().min(1).max(200),
    metrics: z.partialRecord(z.enum(SCORED_METRICS), metricRuleSchema),
    cutoffs: z.object({ head: cutoffSchema, waist: cutoffSchema, smb: cutoffSchema }).strict(),
    gates: z
      .object({
        /** Above this refund rate a merchant is never head (capped at waist). */
        headMaxRefundRate: z.number().min(0).max(1).optional(),
        /** Merchants in these statuses are never tiered up (they keep their earlier tier or go down). */
        noTierUpStatuses: z.array(merchantStatusSchema).optional(),
        /** Fewer orders in the period: the merchant stays where it was. */
        minOrders: z.number().int().min(0).optional(),
      })
      .strict(),
  })
  .strict()
  .refine((rules) => Object.values(rules.metrics).some((rule) => (rule?.weight ?? 0) > 0), {
    message: 'at least one metric needs a weight above 0',
    path: ['metrics'],
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** Why a merchant has its tier, as data (the board words it in its language; the CLI in English). */
export const reasonSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('score'),
    score: z.number(),
    parts: z.array(z.object({ metric: z.enum(SCORED_METRICS), value: z.number().nullable(), points: z.number().nullable(), weight: z.number() })),
  }),
  z.object({ code: z.literal('cutoff'), tier: merchantTierSchema, score: z.number(), cutoff: z.number().nullable(), rule: cutoffSchema.nullable() }),
  z.object({ code: z.literal('gate_refund'), refundRate: z.number(), limit: z.number() }),
  z.object({ code: z.literal('gate_min_orders'), orders: z.number(), minOrders: z.number(), earlierTier: merchantTierSchema.nullable() }),
  z.object({ code: z.literal('gate_status'), status: z.string(), earlierTier: merchantTierSchema.nullable(), wouldBe: merchantTierSchema }),
  z.object({ code: z.literal('override'), tier: merchantTierSchema, computedTier: merchantTierSchema.nullable(), reason: z.string(), expiresOn: z.string().nullable() }),
  z.object({ code: z.literal('override_expired'), tier: merchantTierSchema, expiresOn: z.string() }),
]);
export type TierReason = z.infer<typeof reasonSchema>;

export const tierOutcomeSchema = z.object({
  id: z.string(),
  tier: merchantTierSchema.nullable(),
  computedTier: merchantTierSchema.nullable(),
  override: merchantTierSchema.nullable(),
  score: z.number(),
  metrics: periodMetricsSchema,
  reasons: z.array(reasonSchema),
});
export type TierOutcome = z.infer<typeof tierOutcomeSchema>;

export const merchantRowSchema = tierOutcomeSchema.extend({
  name: z.string(),
  shopType: z.string(),
  status: z.string(),
  categoryId: z.string(),
  province: z.string(),
  city: z.string(),
  earlierTier: merchantTierSchema.nullable(),
  packageIds: z.array(z.string()),
});
export type MerchantRow = z.infer<typeof merchantRowSchema>;

export const MERCHANT_SORT_FIELDS = ['id', 'name', 'tier', 'score', 'gmvFen', 'growth', 'orders', 'repeatRate', 'refundRate', 'rating', 'sellThrough', 'disputesPer1000'] as const;

const periodDaysSchema = z.number().int().min(1).max(366).optional();

export const merchantListInputSchema = z
  .object({
    periodDays: periodDaysSchema,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(200),
    sort: z.object({ field: z.enum(MERCHANT_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).optional(),
    tiers: z.array(merchantTierSchema.or(z.literal('none'))).optional(),
    search: z.string().max(200).optional(),
    /** Each filter keeps the merchants whose field is one of the values (absent or empty: no filter). */
    shopTypes: z.array(z.string().max(40)).max(20).optional(),
    statuses: z.array(z.string().max(40)).max(20).optional(),
    provinces: z.array(z.string().max(40)).max(60).optional(),
    /** true: only merchants with an active tier override; false: only those without. */
    overridden: z.boolean().optional(),
    /** Merchants holding this active package; 'none': holding no active package. */
    packageId: z.string().max(100).optional(),
  })
  .strict();

const tierCountsSchema = z.record(z.string(), z.number().int());

export const merchantListSchema = z.object({
  asOf: z.string(),
  periodDays: z.number().int(),
  total: z.number().int(),
  rows: z.array(merchantRowSchema),
  /** Sums over the whole filtered set (the grid's pinned totals row). */
  totals: z.object({ gmvFen: z.number(), gmvPrevFen: z.number(), orders: z.number() }),
  distribution: tierCountsSchema,
  /** Counts over every merchant in scope, for the filters' choices. */
  facets: z.object({ shopTypes: tierCountsSchema, statuses: tierCountsSchema, provinces: tierCountsSchema }),
});

export const dailyPointSchema = z.object({
  date: z.string(),
  gmvFen: z.number(),
  orders: z.number(),
  buyers: z.number(),
  repeatBuyers: z.number(),
  refundOrders: z.number(),
  rating: z.number().nullable(),
  skuCount: z.number(),
  activeSkuCount: z.number(),
  disputeCount: z.number(),
});

export const packageRowSchema = z.object({ id: z.string(), name: z.string(), targetTier: z.string(), description: z.string(), benefits: z.array(z.string()) });
export type PackageRow = z.infer<typeof packageRowSchema>;

export const assignmentRowSchema = z.object({
  id: z.string(),
  merchantId: z.string(),
  packageId: z.string(),
  packageName: z.string().nullable(),
  targetTier: z.string().nullable(),
  assignedBy: z.string(),
  assignedOn: z.string(),
  status: z.string(),
  note: z.string().nullable(),
});

export const overrideRowSchema = z.object({ id: z.string(), merchantId: z.string(), tier: z.string(), reason: z.string(), setBy: z.string(), expiresOn: z.string().nullable(), active: z.boolean() });

export const merchantDetailSchema = z.object({
  row: merchantRowSchema,
  openedOn: z.string(),
  daily: z.array(dailyPointSchema),
  history: z.array(z.object({ snapshotId: z.number().int(), takenAt: z.string(), asOf: z.string(), tier: merchantTierSchema.nullable(), score: z.number() })),
  overrides: z.array(overrideRowSchema),
  packages: z.array(assignmentRowSchema),
});

export const ruleSetVersionSchema = z.object({ version: z.number().int(), savedAt: z.string(), rules: ruleSetSchema });
export const ruleSetsSchema = z.object({ activeVersion: z.number().int(), versions: z.array(ruleSetVersionSchema) });

export const migrationFlowSchema = z.object({ from: z.string(), to: z.string(), count: z.number().int() });
export const previewSchema = z.object({
  asOf: z.string(),
  merchants: z.number().int(),
  /** Current assignment (the latest snapshot, else the tier of the previous period) → tier under the previewed rules. */
  flows: z.array(migrationFlowSchema),
  before: tierCountsSchema,
  after: tierCountsSchema,
  moved: z.number().int(),
});

export const snapshotSchema = z.object({
  id: z.number().int(),
  takenAt: z.string(),
  asOf: z.string(),
  periodDays: z.number().int(),
  ruleSetVersion: z.number().int(),
  ruleSetName: z.string(),
  merchants: z.number().int(),
});

export const mismatchSchema = z.object({
  assignmentId: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  tier: merchantTierSchema.nullable(),
  packageId: z.string(),
  packageName: z.string(),
  targetTier: z.string(),
  suggestedPackageId: z.string().nullable(),
});

export const growthRowSchema = z.object({
  tier: z.string(),
  merchants: z.number().int(),
  gmvFen: z.number(),
  gmvPrevFen: z.number(),
  growth: z.number().nullable(),
  movedUp: z.number().int(),
  movedDown: z.number().int(),
});

/**
 * The overview's merchant figures (issue 15), from one tiering of every merchant: who changed tier
 * and which support packages no longer fit. Tiers ranked head (best) … individual, then no tier.
 */
export const merchantSummarySchema = z.object({
  asOf: z.string(),
  periodDays: z.number().int(),
  merchants: z.number().int(),
  /** Merchants with an earlier tier whose computed tier now is another one (= movedUp + movedDown). */
  changedTier: z.number().int(),
  movedUp: z.number().int(),
  movedDown: z.number().int(),
  /** Merchants with no earlier tier (new, or too few orders before) that have one now: not counted as changed. */
  newlyTiered: z.number().int(),
  /** Merchants with an earlier tier: 0 means there is nothing to compare with (e.g. no data for the previous period). */
  withEarlierTier: z.number().int(),
  /** What "earlier" is: the latest applied snapshot's computed tier, else the tier the same rules give the previous period. */
  earlierSource: z.enum(['snapshot', 'previous_period']),
  /** When that snapshot was taken; null for the previous period. */
  snapshotTakenAt: z.string().nullable(),
  /** Active package assignments whose target tier is not the merchant's tier now (the worklist's total, `merchants.mismatches`). */
  packageMismatches: z.number().int(),
});
export type MerchantSummary = z.infer<typeof merchantSummarySchema>;

const commandIdsSchema = z.object({ commandIds: z.array(z.string()) });
const merchantIdsSchema = z.array(z.string().min(1)).min(1).max(10_000);
const noInput = z.object({}).strict();

export const merchantsMethods = {
  'merchants.list': query(merchantListInputSchema, merchantListSchema, { synced: true }),
  'merchants.detail': query(z.object({ id: z.string().min(1), periodDays: periodDaysSchema }).strict(), merchantDetailSchema, { synced: true }),
  'merchants.packages': query(noInput, z.array(packageRowSchema), { synced: true }),
  'merchants.ruleSets': query(noInput, ruleSetsSchema),
  'merchants.saveRuleSet': mutation(z.object({ rules: ruleSetSchema }).strict(), ruleSetVersionSchema),
  'merchants.preview': query(z.object({ rules: ruleSetSchema, periodDays: periodDaysSchema }).strict(), previewSchema, { synced: true }),
  'merchants.apply': mutation(z.object({ version: z.number().int(), periodDays: periodDaysSchema }).strict(), snapshotSchema),
  'merchants.snapshots': query(noInput, z.array(snapshotSchema)),
  'merchants.migrations': query(
    z.object({ fromSnapshotId: z.number().int(), toSnapshotId: z.number().int() }).strict(),
    z.object({ flows: z.array(migrationFlowSchema) }),
  ),
  'merchants.migrationMerchants': query(
    z.object({ fromSnapshotId: z.number().int(), toSnapshotId: z.number().int(), from: z.string(), to: z.string(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    z.array(z.object({ id: z.string(), name: z.string(), fromScore: z.number(), toScore: z.number() })),
    { synced: true },
  ),
  'merchants.mismatches': query(z.object({ periodDays: periodDaysSchema, limit: z.number().int().min(1).max(5000).default(500) }).strict(), z.object({ total: z.number().int(), rows: z.array(mismatchSchema) }), { synced: true }),
  'merchants.growth': query(z.object({ periodDays: periodDaysSchema }).strict(), z.array(growthRowSchema), { synced: true }),
  'merchants.summary': query(z.object({ periodDays: periodDaysSchema }).strict(), merchantSummarySchema, { synced: true }),
  'merchants.setOverride': mutation(
    z.object({ merchantIds: merchantIdsSchema, tier: merchantTierSchema, reason: z.string().trim().min(1).max(500), expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }).strict(),
    commandIdsSchema,
  ),
  'merchants.clearOverride': mutation(z.object({ merchantIds: merchantIdsSchema, reason: z.string().trim().min(1).max(500) }).strict(), commandIdsSchema),
  'merchants.assignPackage': mutation(
    z.object({ merchantIds: merchantIdsSchema, packageId: z.string().min(1), note: z.string().max(500).nullable().optional() }).strict(),
    commandIdsSchema,
  ),
  'merchants.revokePackage': mutation(z.object({ assignmentIds: merchantIdsSchema, reason: z.string().trim().min(1).max(500) }).strict(), commandIdsSchema),
  'merchants.fixMismatch': mutation(z.object({ assignmentIds: merchantIdsSchema, periodDays: periodDaysSchema }).strict(), commandIdsSchema),
};
