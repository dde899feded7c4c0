/**
 * The supplier backup pools part of the contract: grades, coverage, risk events and switch plans,
 * the commands on supply links, and the local grading rules. Imports only zod.
 * Definitions: electron/core/suppliers/README.md.
 */
import { z } from 'zod';
import { mutation, query } from './method';

export const SUPPLIER_GRADES = ['A', 'B', 'C', 'D'] as const;
export const COVERAGE_STATES = ['no_primary', 'single_source', 'covered'] as const;
export const GATE_REASONS = ['none', 'expired_certification', 'suspended', 'blacklisted', 'unknown_status'] as const;
export const SUPPLIER_STATUSES = ['active', 'probation', 'suspended', 'blacklisted'] as const;
export const LINK_QUALIFICATIONS = ['qualified', 'in_qualification', 'expired', 'rejected'] as const;
export const RISK_EVENT_STATUSES = ['open', 'monitoring', 'closed'] as const;

export const supplierGradeSchema = z.enum(SUPPLIER_GRADES);
export const coverageStateSchema = z.enum(COVERAGE_STATES);
export type SupplierGrade = z.infer<typeof supplierGradeSchema>;
export type CoverageState = z.infer<typeof coverageStateSchema>;

const expiryHorizon = z.union([z.literal(30), z.literal(60), z.literal(90)]).nullable();

export const gradingRulesSchema = z.object({
  weights: z.object({ quality: z.number().min(0), delivery: z.number().min(0), cost: z.number().min(0), service: z.number().min(0) }),
  cutoffs: z.object({ A: z.number().min(0).max(100), B: z.number().min(0).max(100), C: z.number().min(0).max(100) }),
  quality: z.object({ maxDefectPpm: z.number().positive() }),
  delivery: z.object({ onTimeFloor: z.number().min(0).max(1), bestLeadDays: z.number().min(0), worstLeadDays: z.number().min(0), onTimeWeight: z.number().min(0).max(1) }),
  cost: z.object({
    bestPriceIndex: z.number().positive(), worstPriceIndex: z.number().positive(),
    bestRelativeCost: z.number().positive(), worstRelativeCost: z.number().positive(), priceIndexWeight: z.number().min(0).max(1),
  }),
  gates: z.object({
    requiredCertifications: z.array(z.string().min(1).max(100)).max(50),
    expiredCertificationCap: supplierGradeSchema, suspendedCap: supplierGradeSchema, blacklistedCap: supplierGradeSchema,
  }),
}).refine((r) => r.cutoffs.A >= r.cutoffs.B && r.cutoffs.B >= r.cutoffs.C, { message: 'cut-offs must satisfy A ≥ B ≥ C', path: ['cutoffs'] });
export type GradingRulesInput = z.infer<typeof gradingRulesSchema>;

export const storedGradingRulesSchema = z.object({
  version: z.number().int().nonnegative(),
  savedAt: z.string().nullable(),
  rules: gradingRulesSchema,
  defaults: gradingRulesSchema,
  history: z.array(z.object({ version: z.number().int(), savedAt: z.string(), rules: gradingRulesSchema })),
});

export const supplierRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  status: z.string(),
  grade: supplierGradeSchema,
  score: z.number(),
  quality: z.number(),
  delivery: z.number(),
  cost: z.number(),
  service: z.number(),
  gate: z.enum(GATE_REASONS),
  capacityUnitsMonth: z.number(),
  /** Units a month it supplies as primary (share-weighted). */
  primaryLoadUnits: z.number(),
  /** primaryLoadUnits / capacity (0–…; above 1 = over capacity). */
  capacityUsed: z.number(),
  links: z.number().int(),
  certifications: z.array(z.object({ type: z.string(), expires_on: z.string() })),
  expiredCertifications: z.number().int(),
  /** Soonest certification expiry ahead, by horizon (30, 60, 90 days), null beyond 90 or none. */
  certExpiryWithin: expiryHorizon,
});
export type SupplierRow = z.infer<typeof supplierRowSchema>;

export const coverageRowSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  coverage: coverageStateSchema,
  primaryLinkId: z.string().nullable(),
  primarySupplierId: z.string().nullable(),
  usableBackups: z.number().int(),
  backupCapacityCovers: z.boolean(),
  primaryUnits: z.number(),
  backupSpareUnits: z.number(),
  monthlyRevenueFen: z.number(),
  certExpiryWithin: expiryHorizon,
  /** Supply-link commands for this SKU the platform has not acknowledged yet. */
  unsyncedCommands: z.number().int().nonnegative(),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const supplyOverviewSchema = z.object({
  asOf: z.string(),
  coreSkus: z.number().int(),
  byCoverage: z.object({ no_primary: z.number().int(), single_source: z.number().int(), covered: z.number().int() }),
  /** Covered core SKUs whose backups cannot absorb the primary's units. */
  capacityShort: z.number().int(),
  expiringWithin: z.object({ d30: z.number().int(), d60: z.number().int(), d90: z.number().int() }),
  gradeCounts: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() }),
  openEvents: z.number().int(),
  /** Revenue at risk of all open events together (each SKU counted once, shares of all their suppliers). */
  openRevenueAtRiskFen: z.number(),
  /** Single-source core SKUs after each sync that changed the count (newest last). */
  singleSourceTrend: z.array(z.object({ at: z.string(), singleSource: z.number().int() })),
});
export type SupplyOverview = z.infer<typeof supplyOverviewSchema>;

export const switchOptionSchema = z.object({
  linkId: z.string(),
  supplierId: z.string(),
  grade: supplierGradeSchema,
  score: z.number(),
  spareCapacityUnits: z.number(),
  leadTimeDays: z.number(),
  leadTimeDeltaDays: z.number().nullable(),
  unitCostFen: z.number(),
  unitCostDeltaFen: z.number(),
  monthlyCostImpactFen: z.number(),
  capacityCovers: z.boolean(),
  affected: z.boolean(),
});
export type SwitchOption = z.infer<typeof switchOptionSchema>;

export const riskEventRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  provinces: z.array(z.string()),
  supplierIds: z.array(z.string()),
  severity: z.number().int(),
  startedAt: z.string(),
  expectedEndAt: z.string().nullable(),
  status: z.string(),
  affectedSuppliers: z.number().int(),
  skus: z.number().int(),
  coreSkus: z.number().int(),
  revenueAtRiskFen: z.number(),
});
export type RiskEventRow = z.infer<typeof riskEventRowSchema>;

export const provinceRowSchema = z.object({
  province: z.string(),
  suppliers: z.number().int(),
  usableSuppliers: z.number().int(),
  openEvents: z.number().int(),
  maxOpenSeverity: z.number().int(),
});
export type ProvinceRow = z.infer<typeof provinceRowSchema>;

export const impactReportSchema = z.object({
  suppliers: z.array(z.string()),
  skus: z.number().int(),
  coreSkus: z.number().int(),
  revenueAtRiskFen: z.number(),
  plans: z.array(z.object({ skuId: z.string(), backups: z.array(switchOptionSchema) })),
});
export type ImpactReport = z.infer<typeof impactReportSchema>;

export const switchPlanSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  primaryLinkId: z.string().nullable(),
  primarySupplierId: z.string().nullable(),
  primaryUnits: z.number(),
  backups: z.array(switchOptionSchema),
});
export type SwitchPlanDetail = z.infer<typeof switchPlanSchema>;

export const rulesPreviewSchema = z.object({
  /** transitions[from][to]: suppliers moving from grade `from` to `to` (indexes into A–D). */
  transitions: z.array(z.array(z.number().int())),
  changed: z.number().int(),
  /** Up to 500 changed suppliers, biggest moves first. */
  changes: z.array(z.object({ supplierId: z.string(), name: z.string(), from: supplierGradeSchema, to: supplierGradeSchema, scoreFrom: z.number(), scoreTo: z.number() })),
});
export type RulesPreview = z.infer<typeof rulesPreviewSchema>;

const id = z.string().min(1).max(200);
const commandAnswer = z.object({ commandId: z.string() });

export const suppliersMethods = {
  'suppliers.overview': query(z.object({}).strict(), supplyOverviewSchema, { synced: true }),
  'suppliers.list': query(z.object({}).strict(), z.array(supplierRowSchema), { synced: true }),
  'suppliers.coverage': query(z.object({ coverage: z.array(coverageStateSchema).optional() }).strict(), z.array(coverageRowSchema), { synced: true }),
  'suppliers.riskEvents': query(z.object({ statuses: z.array(z.enum(RISK_EVENT_STATUSES)).optional() }).strict(), z.array(riskEventRowSchema), { synced: true }),
  'suppliers.provinces': query(z.object({}).strict(), z.array(provinceRowSchema), { synced: true }),
  'suppliers.impact': query(
    z.union([z.object({ eventId: id }).strict(), z.object({ provinces: z.array(z.string().min(1).max(50)).min(1).max(40) }).strict()]),
    impactReportSchema,
    { synced: true },
  ),
  'suppliers.switchPlan': query(z.object({ skuId: id }).strict(), switchPlanSchema, { synced: true }),
  'suppliers.switchPrimary': mutation(z.object({ linkId: id, fromLinkId: id, reason: z.string().max(2000) }).strict(), commandAnswer),
  'suppliers.setQualification': mutation(
    z.object({ linkId: id, qualification: z.enum(LINK_QUALIFICATIONS), note: z.string().max(2000).nullable() }).strict(),
    commandAnswer,
  ),
  'suppliers.proposeBackup': mutation(
    z.object({
      skuId: id, supplierId: id, leadTimeDays: z.number().int().nonnegative().max(365),
      unitCostFen: z.number().int().nonnegative(), moq: z.number().int().nonnegative(),
    }).strict(),
    z.object({ commandId: z.string(), linkId: z.string() }),
  ),
  'suppliers.rules': query(z.object({}).strict(), storedGradingRulesSchema),
  'suppliers.previewRules': query(z.object({ rules: gradingRulesSchema }).strict(), rulesPreviewSchema, { synced: true }),
  'suppliers.saveRules': mutation(z.object({ rules: gradingRulesSchema, expectedVersion: z.number().int().nonnegative() }).strict(), storedGradingRulesSchema),
};
