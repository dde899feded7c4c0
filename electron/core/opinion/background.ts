/**
 * Public-opinion monitoring while the cockpit runs: every few seconds (and again at once while
 * scoring is behind) one bounded monitor step scores what the sync stored, detects bursts, queues
 * `alert.open` for them and escalates breached SLAs once. Nothing runs without a connected platform.
 */
import type { DomainContext } from '../domain';
import { monitorFor } from './monitor';

const TICK_MS = 2_000;

export function startOpinionMonitoring(ctx: DomainContext): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function tick(): void {
    timer = null;
    if (stopped) return;
    let behind = false;
    try {
      ctx.engine(); // throws while no platform is connected: nothing to monitor then
      const step = monitorFor(ctx).step(Date.now(), { maxScoringBatches: 1 });
      behind = !step.scoring.caughtUp;
      if (step.openCommandIds.length + step.escalationCommandIds.length > 0) ctx.commandIssued();
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'unavailable')) ctx.logger.error({ err: error }, 'opinion monitoring step failed');
    }
    if (!stopped) timer = setTimeout(tick, behind ? 0 : TICK_MS);
    timer?.unref?.();
  }

  timer = setTimeout(tick, TICK_MS);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
