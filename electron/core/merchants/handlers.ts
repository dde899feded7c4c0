import type { DomainContext, HandlersOf } from '../domain';
import { MERCHANT_TIERS, type MerchantSummary, type MerchantTier, type merchantsMethods } from '../api/merchants';
import type { MerchantsBoard } from './board';
import { boardFor } from './warm-up';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof merchantsMethods> {
  const board = boardFor(ctx);
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
    'merchants.summary': ({ periodDays }) => summaryOf(board, periodDays),
    'merchants.setOverride': ({ merchantIds, tier, reason, expiresOn }) => queued(board.setOverride(merchantIds, tier, reason, expiresOn)),
    'merchants.clearOverride': ({ merchantIds, reason }) => queued(board.clearOverride(merchantIds, reason)),
    'merchants.assignPackage': ({ merchantIds, packageId, note }) => queued(board.assignPackage(merchantIds, packageId, note ?? null)),
    'merchants.revokePackage': ({ assignmentIds, reason }) => queued(board.revokePackage(assignmentIds, reason)),
    'merchants.fixMismatch': async ({ assignmentIds, periodDays }) => queued(await board.fixMismatch(assignmentIds, periodDays)),
  };
}

/** head 0 … individual 3, no tier 4: a move to a smaller number is up. */
function summaryRank(tier: MerchantTier | null): number {
  return tier === null ? MERCHANT_TIERS.length : MERCHANT_TIERS.indexOf(tier);
}

/**
 * The overview's merchant figures from the one cached tiering the board also uses (no second pass
 * over the merchants): computed tier now against the earlier tier the tiering itself used (a
 * merchant without an earlier tier has not changed tier: it is newly tiered), and the worklist's total.
 */
async function summaryOf(board: MerchantsBoard, periodDays: number | undefined): Promise<MerchantSummary> {
  const { result } = await board.currentTiering(periodDays);
  let movedUp = 0;
  let movedDown = 0;
  let newlyTiered = 0;
  let withEarlierTier = 0;
  for (const outcome of result.outcomes) {
    const earlierTier = result.earlierTiers.get(outcome.id) ?? null;
    if (earlierTier === null) {
      if (outcome.computedTier !== null) newlyTiered++;
      continue;
    }
    withEarlierTier++;
    const now = summaryRank(outcome.computedTier);
    const earlier = summaryRank(earlierTier);
    if (now < earlier) movedUp++;
    else if (now > earlier) movedDown++;
  }
  const source = result.earlierSource;
  const snapshot = source.kind === 'snapshot' ? board.snapshots().find((s) => s.id === source.snapshotId) : undefined;
  const mismatches = await board.mismatches(result.periodDays, 1);
  return {
    asOf: result.asOf,
    periodDays: result.periodDays,
    merchants: result.outcomes.length,
    changedTier: movedUp + movedDown,
    movedUp,
    movedDown,
    newlyTiered,
    withEarlierTier,
    earlierSource: source.kind,
    snapshotTakenAt: snapshot?.takenAt ?? null,
    packageMismatches: mismatches.total,
  };
}
