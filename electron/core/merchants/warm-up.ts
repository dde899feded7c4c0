/**
 * Keeps the default period's tiering ready before anybody opens the board: at the start and each
 * time the synced merchant data has settled after a change (the same stamp two ticks running, so
 * a bootstrap streaming pages is not re-tiered after every page), the board's current tiering is
 * computed in the background (the kept sums are brought up to date chunk by chunk, the event
 * loop answering calls between chunks). The board's first open then reads a cached tiering.
 */
import { ApiError } from '../api/errors';
import type { DomainContext } from '../domain';
import { MerchantsBoard } from './board';

const TICK_MS = 2_000;
const boards = new WeakMap<DomainContext['opened'], MerchantsBoard>();

/** The one board of an open database, shared by the handlers and the warm-up, so they share its caches. */
export function boardFor(ctx: DomainContext): MerchantsBoard {
  let board = boards.get(ctx.opened);
  if (!board) {
    board = new MerchantsBoard(ctx.opened.sqlite, ctx.engine);
    boards.set(ctx.opened, board);
  }
  return board;
}

export function startMerchantWarmUp(ctx: DomainContext, options: { tickMs?: number } = {}): { stop(): void } {
  const board = boardFor(ctx);
  let stopped = false;
  let running = false;
  let seen: string | null = null;
  let warmed: string | null = null;

  const tick = async (): Promise<void> => {
    if (stopped || running) return;
    const stamp = board.dataStamp();
    if (stamp === warmed) return;
    if (stamp !== seen) {
      seen = stamp;
      // The first look at a database warms at once; later changes wait until they settle.
      if (warmed !== null) return;
    }
    running = true;
    const started = performance.now();
    try {
      await board.currentTiering();
      ctx.logger.info({ ms: Math.round(performance.now() - started) }, 'merchant tiering warmed');
    } catch (error) {
      // No metrics yet is not a failure: there is nothing to warm until they sync.
      if (!(error instanceof ApiError && error.code === 'not_found')) {
        ctx.logger.error({ err: error }, 'merchant tiering warm-up failed; tried again when the data changes');
      }
    } finally {
      warmed = stamp;
      running = false;
    }
  };

  const timer = setInterval(() => void tick(), options.tickMs ?? TICK_MS);
  timer.unref();
  void tick();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
