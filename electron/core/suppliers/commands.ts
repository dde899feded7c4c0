/**
 * The supply-link commands (SPEC "Commands") with their optimistic local effects, which mirror
 * what the reference platform does when it applies them (platform/commands.ts). Every one
 * addresses a supply link, i.e. one supplier for one SKU: on the Sync screen it is named by both
 * ("SKU · supplier"; the link becoming primary for a switch).
 */
import { z } from 'zod';
import { QUALIFICATIONS } from '../../../platform/contract';
import { defineCommand, localDayOf, writeLocalRecord, type SubjectContext } from '../sync';

type TextOf = SubjectContext['text'];

/** "SKU · supplier", or whichever of the two names the cockpit holds. */
function skuAndSupplier(text: TextOf, skuId: unknown, supplierId: unknown): string | null {
  const names = [text('skus', skuId, 'name'), text('suppliers', supplierId, 'name')].filter((name) => name !== null);
  return names.length > 0 ? names.join(' · ') : null;
}

function linkSubject(text: TextOf, linkId: string): string | null {
  return skuAndSupplier(text, text('supply_links', linkId, 'sku_id'), text('supply_links', linkId, 'supplier_id'));
}

export const supplierCommands = [
  defineCommand({
    type: 'supply_link.propose_backup',
    resource: 'supply_links',
    payload: z.object({
      sku_id: z.string().min(1), supplier_id: z.string().min(1), lead_time_days: z.number().int().nonnegative(),
      unit_cost_fen: z.number().int().nonnegative(), moq: z.number().int().nonnegative(),
    }),
    // From the payload: the new link may be gone locally (a rejected proposal is rolled back).
    subject: (ctx) => skuAndSupplier(ctx.text, ctx.payload.sku_id, ctx.payload.supplier_id),
    // A proposed backup starts unqualified with no share; version 0 until the platform answers.
    effect: (ctx) => {
      if (ctx.records.readRecord('supply_links', ctx.entityId)) return;
      const p = ctx.payload;
      writeLocalRecord(ctx, 'supply_links', {
        id: ctx.entityId, version: 0, updated_at: ctx.at, sku_id: p.sku_id, supplier_id: p.supplier_id, role: 'backup', share: 0,
        qualification: 'in_qualification', qualified_on: null, lead_time_days: p.lead_time_days, unit_cost_fen: p.unit_cost_fen, moq: p.moq,
      });
    },
  }),
  defineCommand({
    type: 'supply_link.set_qualification',
    resource: 'supply_links',
    payload: z.object({ qualification: z.enum(QUALIFICATIONS), note: z.string().nullable().optional() }),
    subject: (ctx) => linkSubject(ctx.text, ctx.entityId),
    effect: (ctx) => {
      const link = ctx.records.readRecord('supply_links', ctx.entityId);
      if (!link) return;
      const qualifiedOn = ctx.payload.qualification === 'qualified' ? localDayOf(ctx.at) : link.qualified_on;
      writeLocalRecord(ctx, 'supply_links', { ...link, updated_at: ctx.at, qualification: ctx.payload.qualification, qualified_on: qualifiedOn ?? null });
    },
  }),
  defineCommand({
    type: 'supply_link.switch_primary',
    resource: 'supply_links',
    payload: z.object({ from_link_id: z.string().min(1), reason: z.string() }),
    subject: (ctx) => linkSubject(ctx.text, ctx.entityId),
    // The platform swaps the two links' roles and shares. Locally only the target changes: the
    // outbox keeps a copy to roll back for the command's own entity alone, so demoting the old
    // primary here could never be undone after a conflict or a rejection. Until the answer, the
    // SKU has two primaries with the same share; the newer one (this one) is "the" primary
    // (coverage.ts). Only when the switch can succeed; otherwise nothing local moves.
    effect: (ctx) => {
      const target = ctx.records.readRecord('supply_links', ctx.entityId);
      const from = ctx.records.readRecord('supply_links', ctx.payload.from_link_id);
      if (!target || !from || from.sku_id !== target.sku_id || from.role !== 'primary' || target.role === 'primary' || target.qualification !== 'qualified') return;
      writeLocalRecord(ctx, 'supply_links', { ...target, updated_at: ctx.at, role: 'primary', share: from.share });
    },
  }),
] as const;
