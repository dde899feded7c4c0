import type { DomainContext, HandlersOf } from '../domain';
import type { merchantsMethods } from '../api/merchants';
import { MerchantsBoard } from './board';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof merchantsMethods> {
  const board = new MerchantsBoard(ctx.opened.sqlite, ctx.engine);
  /** Every action answers the ids of the commands it queued, and tells the status bar. */
  const queued = (commandIds: string[]): { commandIds: string[] } => {
    if (commandIds.length > 0) ctx.commandIssued();
    return { commandIds };
  };
  return {
    'merchants.list': (input) => board.list(input),
    'merchants.detail': ({ id, periodDays }) => board.detail(id, periodDays),
    'merchants.packages': () => board.packages(),
    'merchants.ruleSets': () => board.ruleSets.read(),
    'merchants.saveRuleSet': ({ rules }) => board.saveRuleSet(rules),
    'merchants.preview': ({ rules, periodDays }) => board.preview(rules, periodDays),
    'merchants.apply': ({ version, periodDays }) => board.apply(version, periodDays),
    'merchants.snapshots': () => board.snapshots(),
    'merchants.migrations': ({ fromSnapshotId, toSnapshotId }) => board.migrations(fromSnapshotId, toSnapshotId),
    'merchants.migrationMerchants': (input) => board.migrationMerchants(input),
    'merchants.mismatches': ({ periodDays, limit }) => board.mismatches(periodDays, limit),
    'merchants.growth': ({ periodDays }) => board.growth(periodDays),
    'merchants.setOverride': ({ merchantIds, tier, reason, expiresOn }) => queued(board.setOverride(merchantIds, tier, reason, expiresOn)),
    'merchants.clearOverride': ({ merchantIds, reason }) => queued(board.clearOverride(merchantIds, reason)),
    'merchants.assignPackage': ({ merchantIds, packageId, note }) => queued(board.assignPackage(merchantIds, packageId, note ?? null)),
    'merchants.revokePackage': ({ assignmentIds, reason }) => queued(board.revokePackage(assignmentIds, reason)),
    'merchants.fixMismatch': async ({ assignmentIds, periodDays }) => queued(await board.fixMismatch(assignmentIds, periodDays)),
  };
}
