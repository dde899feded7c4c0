/**
 * Public-opinion work while the cockpit runs:
 * - monitoring, every few seconds: one bounded monitor step detects bursts once scoring has caught
 *   up, queues `alert.open` for them and escalates breached SLAs once. The sync thread scores what
 *   it stores (monitor.ts `opinionScoringOnSyncThread`); only beside an in-process engine (CLI,
 *   tests) does this step score too, again at once while behind. Nothing to monitor without a
 *   connected platform.
 * - retention (retention.ts), about 30 s after the start, then at most every 10 minutes, and soon
 *   after the window changed: a pass prunes old mentions slice by slice, letting the event loop
 *   answer calls between slices. It is local, so it runs with or without a platform. A failed pass
 *   is logged and tried again at the next due time.
 */
import { writeTurn } from '../../../db/write-turn';
import type { DomainContext } from '../domain';
import { monitorFor } from './monitor';
import { retentionFor, type MentionRetention } from './retention';

const TICK_MS = 2_000;
/** A step longer than this holds up the calls behind it: logged, to be found. */
const SLOW_STEP_MS = 100;
export const RETENTION_FIRST_PASS_MS = 30_000;
export const RETENTION_EVERY_MS = 10 * 60_000;

export interface OpinionBackgroundOptions {
  tickMs?: number;
  retentionFirstPassMs?: number;
  retentionEveryMs?: number;
}

export function startOpinionMonitoring(ctx: DomainContext, options: OpinionBackgroundOptions = {}): { stop(): void } {
  const tickMs = options.tickMs ?? TICK_MS;
  const retentionEveryMs = options.retentionEveryMs ?? RETENTION_EVERY_MS;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const retention = retentionFor(ctx.opened);
  let nextRetentionAt = Date.now() + (options.retentionFirstPassMs ?? RETENTION_FIRST_PASS_MS);

  /** Starts a pass when one is due; the pass goes on by itself across event-loop turns. */
  function maybeStartRetention(): void {
    if (retention.running) return;
    const now = Date.now();
    if (now < nextRetentionAt && !retention.passRequested) return;
    retention.passRequested = false;
    nextRetentionAt = now + retentionEveryMs;
    retention.running = true;
    runRetentionPass(retention, () => stopped)
      .then((pass) => {
        if (pass && pass.rows > 0) ctx.logger.info({ pass }, 'mention retention pass pruned old mentions');
      })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'mention retention pass failed; tried again at the next pass'))
      .finally(() => (retention.running = false));
  }

  /** One monitor step in a write turn: it waits for the sync's lock without holding up calls. */
  async function monitorStep(): Promise<boolean> {
    try {
      const engine = ctx.engine(); // throws while no platform is connected: nothing to monitor then
      // The sync thread scores as mentions arrive; this thread scores only where none does (in-process engine).
      const maxScoringBatches = engine.domainWorkFollows ? 0 : 1;
      const step = await writeTurn(ctx.opened.sqlite, () => {
        const started = performance.now();
        const result = monitorFor(ctx).step(Date.now(), { maxScoringBatches });
        const ms = performance.now() - started;
        if (ms > SLOW_STEP_MS) ctx.logger.warn({ ms: Math.round(ms), caughtUp: result.scoring.caughtUp }, 'slow opinion monitoring step');
        return result;
      });
      if (step.openCommandIds.length + step.escalationCommandIds.length > 0) ctx.commandIssued();
      // Behind: step again at once, but only when this thread is the one scoring.
      return maxScoringBatches > 0 && !step.scoring.caughtUp;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'unavailable')) ctx.logger.error({ err: error }, 'opinion monitoring step failed');
      return false;
    }
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    try {
      maybeStartRetention();
    } catch (error) {
      ctx.logger.error({ err: error }, 'mention retention pass failed; tried again at the next pass');
    }
    const behind = await monitorStep();
    if (!stopped) timer = setTimeout(() => void tick(), behind ? 0 : tickMs);
    timer?.unref?.();
  }

  timer = setTimeout(() => void tick(), tickMs);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * One retention pass, a slice (one transaction, in a write turn) per event-loop turn: calls and the
 * monitor are answered in between, and while the sync holds the lock. Stops between slices once
 * `stopped()` (the database is about to close). Null when no pass could start (the published_at
 * index is still being built) or it was stopped.
 */
export async function runRetentionPass(retention: MentionRetention, stopped: () => boolean, nowMs = Date.now()) {
  const pass = retention.beginPass(nowMs);
  if (!pass) return null;
  while (!pass.done) {
    await writeTurn(retention.sqlite, () => pass.slice());
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stopped()) return null;
  }
  return await writeTurn(retention.sqlite, () => pass.finish(Date.now()));
}
