/**
 * The push: sends the outbox's sendable commands in batches until nothing is left, finds the
 * culprit of a refused batch by sending one at a time, and in the background repeats that on
 * every requestPush() (a command issued, "sync now") and on a timer.
 *
 * State owned here: the current batch size, whether a push was requested while one ran, and
 * the waker of the background pusher's pause.
 */
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import { CancelledError } from '../cancelled';
import type { Outbox } from '../outbox';
import { PlatformError, RESPONSE_TOO_LARGE, backoffDelay, type WireCommand } from '../platform-client';
import type { ProgressTracker } from './progress';
import type { SyncRun } from './run';
import type { Waiter } from './waiting';

const FULL_BATCH = 200;

export class Pusher {
  private batchLimit = FULL_BATCH;
  private pushRequested = false;
  private wakePusher: (() => void) | null = null;

  constructor(
    private readonly run: SyncRun,
    private readonly progress: ProgressTracker,
    private readonly waiter: Waiter,
    private readonly commands: Outbox,
  ) {}

  /** Sends until nothing is sendable; returns the number of commands answered. */
  async pushUntilIdle(): Promise<number> {
    const { commands, progress } = this;
    let answered = 0;
    for (;;) {
      this.waiter.checkStopped();
      const batch = commands.nextBatch(this.batchLimit);
      if (batch.length === 0) return answered;
      progress.working('push', true);
      try {
        commands.markSent(batch);
        progress.report();
        let results;
        try {
          results = await this.waiter.retrying('commands', null, () => this.run.client.sendCommands(batch, this.run.signal));
        } catch (error) {
          // An answer over the byte cap says nothing of what the platform applied: not a refusal.
          if (error instanceof PlatformError && error.kind === 'refused' && error.code !== RESPONSE_TOO_LARGE) {
            this.handleRefusedBatch(batch, error);
            continue;
          }
          if (!(error instanceof CancelledError)) commands.noteSendError(batch, error instanceof Error ? error.message : String(error));
          throw error;
        }
        this.batchLimit = FULL_BATCH;
        const tally = commands.applyResults(results);
        const answeredNow = tally.done + tally.conflict + tally.rejected;
        answered += answeredNow;
        if (answeredNow > 0) progress.succeeded('push');
        if (results.length < batch.length) this.run.logger.warn({ sent: batch.length, answered: results.length }, 'platform answered only part of a command batch; the rest go again');
        // Nothing answered at all: back off instead of asking again at once.
        if (answeredNow === 0) throw new PlatformError('transient', 'the platform answered none of the commands sent');
        progress.report();
      } finally {
        progress.working('push', false);
      }
      await yieldImmediate();
    }
  }

  /**
   * A 400/413/422 for the whole request: find the culprit by sending one at a time, reject only it.
   * (Other 4xx — wrong URL, permission — say nothing about the commands: they stay and go again.)
   */
  private handleRefusedBatch(batch: readonly WireCommand[], error: PlatformError): void {
    if (batch.length > 1) {
      this.run.logger.warn({ size: batch.length, reason: error.message }, 'command batch refused; retrying one by one');
      this.batchLimit = 1;
      return;
    }
    const only = batch[0];
    if (only) this.commands.reject(only.id, `${error.code ?? `http_${error.status}`}: ${error.message}`);
  }

  /** The background pusher: pushes, then waits for requestPush() or its timer, until stopped. */
  async pushLoop(): Promise<void> {
    const { retryPolicy, random, pollIntervalMs } = this.run.settings;
    let failures = 0;
    while (!this.run.stopped) {
      try {
        this.pushRequested = false;
        await this.pushUntilIdle();
        this.progress.succeeded('push');
        failures = 0;
      } catch (error) {
        if (error instanceof CancelledError || this.run.stopped) return;
        failures++;
        if (this.handlePushFailure(error) === 'stop') return;
      }
      if (this.pushRequested) continue;
      await this.pauseUntilWoken(failures > 0 ? Math.max(1_000, backoffDelay(retryPolicy, failures, random)) : pollIntervalMs * 5);
    }
  }

  /** Shows the failure; a 401 stops every loop (nothing will work until the token is fixed). */
  private handlePushFailure(error: unknown): 'stop' | 'retry' {
    const message = error instanceof Error ? error.message : String(error);
    this.run.logger.error({ err: error }, 'push failed');
    if (error instanceof PlatformError && error.kind === 'unauthorized') {
      this.progress.setStatus({ unauthorized: true, lastError: message });
      this.run.stop();
      return 'stop';
    }
    this.progress.setStatus({ lastError: `outbox: ${message}` }, 'push');
    return 'retry';
  }

  /** Waits `ms`, or less when requestPush() or stop() comes first (a stop resolves, never rejects). */
  private pauseUntilWoken(ms: number): Promise<void> {
    const signal = this.run.signal;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakePusher = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakePusher = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Asks the background pusher for a push now (or right after the one running). */
  requestPush(): void {
    this.pushRequested = true;
    this.wakePusher?.();
  }

  /** Ends the pusher's pause without asking for a push (stop()). */
  interruptPause(): void {
    this.wakePusher?.();
  }
}
