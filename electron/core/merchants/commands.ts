/**
 * The merchant commands (SPEC "Commands") with their optimistic local effects. Each names its
 * merchant on the Sync screen (the subject): a tier override addresses the merchant itself, a
 * package assignment names it in its payload or its record.
 */
import { z } from 'zod';
import { TIERS } from '../../../platform/contract';
import { defineCommand, localDayOf, writeLocalRecord } from '../sync';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const merchantCommands = [
  defineCommand({
    type: 'merchant.set_tier_override',
    resource: 'tier_overrides',
    // SPEC: the command addresses the merchant, not the override record.
    guardField: 'merchant_id',
    payload: z.object({ tier: z.enum(TIERS), reason: z.string().min(1), expires_on: date.nullable() }),
    subject: (ctx) => ctx.text('merchants', ctx.entityId, 'name'),
    effect: (ctx) => {
      const existing = ctx.records.readRecordsByGuardKey('tier_overrides', ctx.entityId)[0];
      writeLocalRecord(ctx, 'tier_overrides', {
        ...(existing ?? { id: `local:${ctx.entityId}`, version: 0 }),
        updated_at: ctx.at, merchant_id: ctx.entityId, tier: ctx.payload.tier, reason: ctx.payload.reason,
        set_by: ctx.operatorId ?? 'me', expires_on: ctx.payload.expires_on ?? null,
      });
    },
  }),
  defineCommand({
    type: 'merchant.clear_tier_override',
    resource: 'tier_overrides',
    guardField: 'merchant_id',
    payload: z.object({ reason: z.string() }),
    subject: (ctx) => ctx.text('merchants', ctx.entityId, 'name'),
    effect: (ctx) => {
      for (const row of ctx.records.readRecordsByGuardKey('tier_overrides', ctx.entityId)) {
        ctx.records.deleteRecord('tier_overrides', String(row.id));
      }
    },
  }),
  defineCommand({
    type: 'merchant.assign_package',
    resource: 'merchant_packages',
    payload: z.object({ merchant_id: z.string().min(1), package_id: z.string().min(1), note: z.string().nullable().optional() }),
    subject: (ctx) => ctx.text('merchants', ctx.payload.merchant_id, 'name'),
    effect: (ctx) => {
      writeLocalRecord(ctx, 'merchant_packages', {
        id: ctx.entityId, version: 0, updated_at: ctx.at, merchant_id: ctx.payload.merchant_id, package_id: ctx.payload.package_id,
        assigned_by: ctx.operatorId ?? 'me', assigned_on: localDayOf(ctx.at), status: 'active', note: ctx.payload.note ?? null,
      });
    },
  }),
  defineCommand({
    type: 'merchant.revoke_package',
    resource: 'merchant_packages',
    payload: z.object({ reason: z.string().nullable().optional() }),
    // The assignment names its merchant (kept locally as revoked until the platform answers).
    subject: (ctx) => ctx.text('merchants', ctx.text('merchant_packages', ctx.entityId, 'merchant_id'), 'name'),
    effect: (ctx) => {
      const assignment = ctx.records.readRecord('merchant_packages', ctx.entityId);
      if (!assignment) return;
      writeLocalRecord(ctx, 'merchant_packages', { ...assignment, updated_at: ctx.at, status: 'revoked', note: ctx.payload.reason ?? null });
    },
  }),
] as const;
