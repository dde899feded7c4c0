/** The supply-link commands (SPEC "Commands") with their optimistic local effects. */
import { z } from 'zod';
import { QUALIFICATIONS } from '../../../platform/contract';
import { defineCommand, localDayOf, writeLocalRecord } from '../sync';

export const supplierCommands = [
  defineCommand({
    type: 'supply_link.propose_backup',
    resource: 'supply_links',
    payload: z.object({
      sku_id: z.string().min(1), supplier_id: z.string().min(1), lead_time_days: z.number().int().nonnegative(),
      unit_cost_fen: z.number().int().nonnegative(), moq: z.number().int().nonnegative(),
    }),
  }),
  defineCommand({
    type: 'supply_link.set_qualification',
    resource: 'supply_links',
    payload: z.object({ qualification: z.enum(QUALIFICATIONS), note: z.string().nullable().optional() }),
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
  }),
] as const;
