/**
 * Runs the domains' sync-thread work (domain.ts `syncThreadWork`) between the sync's own steps, on
 * the sync thread and its connection: soon after the sync applied rows a piece of work follows,
 * then again at once while it says more is waiting, and every few seconds in any case (a model
 * change, a pass that failed). Each step is one bounded batch, so the sync waits at most for one.
 * While a feed is bootstrapping (a first download, a re-bootstrap after 410) the work waits, for
 * at most a few minutes: the bulk load keeps its full speed and the work catches up right after
 * it (detection waits for that anyway); a bootstrap longer than that shares the thread again, so
 * alerts are never held back for long.
 */
import type Database from 'better-sqlite3';
import type { SyncThreadWork } from '../domain';
import type { SyncProgress } from '../sync/api-types';
import type { SyncLogger } from '../sync/engine';

const IDLE_CHECK_MS = 3_000;
const AFTER_FAILURE_MS = 10_000;
const MAX_BULK_DEFERRAL_MS = 3 * 60_000;

export interface DomainWorkRunner {
  /** The sync's progress moved: work that follows a resource that applied rows is due. */
  noticeProgress(progress: SyncProgress): void;
  stop(): void;
}

export function startDomainWork(sqlite: Database.Database, works: readonly { name: string; create(sqlite: Database.Database): SyncThreadWork }[], logger: SyncLogger): DomainWorkRunner {
  const pieces = works.map(({ name, create }) => ({ name, work: create(sqlite), failedUntil: 0 }));
  const appliedSeen = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let bulkLoadingSince: number | null = null;
  const deferredForBulk = () => bulkLoadingSince !== null && Date.now() - bulkLoadingSince < MAX_BULK_DEFERRAL_MS;

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(runOnce, ms);
  }

  function runOnce(): void {
    timer = null;
    if (deferredForBulk()) return schedule(IDLE_CHECK_MS);
    let more = false;
    for (const piece of pieces) {
      if (Date.now() < piece.failedUntil) continue;
      try {
        more = piece.work.step() || more;
      } catch (error) {
        piece.failedUntil = Date.now() + AFTER_FAILURE_MS;
        logger.error({ err: error, domain: piece.name }, 'sync-thread work failed; tried again in a few seconds');
      }
    }
    // setTimeout 0, not setImmediate: the sync's pending I/O callbacks get their turn between batches.
    schedule(more ? 0 : IDLE_CHECK_MS);
  }

  schedule(0);
  return {
    noticeProgress(progress) {
      const bulkLoading = progress.resources.some((r) => r.state === 'bootstrapping');
      let due = bulkLoadingSince !== null && !bulkLoading;
      if (!bulkLoading) bulkLoadingSince = null;
      else bulkLoadingSince ??= Date.now();
      for (const { resource, rowsApplied } of progress.resources) {
        if ((appliedSeen.get(resource) ?? 0) < rowsApplied && pieces.some((p) => p.work.after.includes(resource))) due = true;
        appliedSeen.set(resource, rowsApplied);
      }
      if (due) schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
