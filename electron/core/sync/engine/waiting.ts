/**
 * Every way the engine waits: abortable sleeps, the check that stop() was called, the one
 * offline wait all loops share, and `retrying`, which wraps a platform request in the retry
 * policy (withRetries) and keeps the status honest while it does.
 *
 * State owned here: the shared offline wait (`onlineWaiter`), present only while the platform
 * is unreachable.
 */
import { CancelledError } from '../cancelled';
import { PlatformError, backoffDelay, withRetries } from '../platform-client';
import type { ProgressTracker } from './progress';
import type { SyncRun } from './run';

/** Resolves after `ms`; rejects with CancelledError as soon as `signal` aborts. */
export function abortableSleep(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class Waiter {
  private onlineWaiter: Promise<void> | null = null;

  constructor(
    private readonly run: SyncRun,
    private readonly progress: ProgressTracker,
  ) {}

  /** Sleeps within the current run (a plain function: withRetries calls it unbound). */
  readonly sleep = (ms: number): Promise<void> => abortableSleep(this.run.signal, ms);

  checkStopped(): void {
    if (this.run.signal.aborted) throw new CancelledError();
  }

  /** One shared health poll while offline, so both lanes and the pusher resume together. */
  waitUntilOnline(error: PlatformError, startedOfflineAt: number): Promise<void> {
    if (!this.onlineWaiter) {
      this.progress.setStatus({ online: false, lastError: error.message });
      this.run.logger.warn({ reason: error.message }, 'platform unreachable; pausing sync until it answers');
      this.progress.pauseUnfinished();
      this.onlineWaiter = this.pollHealthUntilAnswered(error, startedOfflineAt).finally(() => {
        this.onlineWaiter = null;
      });
    }
    return this.onlineWaiter;
  }

  private async pollHealthUntilAnswered(error: PlatformError, startedOfflineAt: number): Promise<void> {
    const { retryPolicy, random } = this.run.settings;
    let attempt = 0;
    for (;;) {
      this.checkStopped();
      if (Date.now() - startedOfflineAt > retryPolicy.maxOfflineMs) throw new PlatformError('offline', `offline for more than ${retryPolicy.maxOfflineMs} ms: ${error.message}`);
      await this.sleep(Math.max(100, backoffDelay({ ...retryPolicy, maxDelayMs: Math.min(retryPolicy.maxDelayMs, 10_000) }, ++attempt, random)));
      try {
        await this.run.client.health(this.run.signal);
        break;
      } catch (healthError) {
        if (healthError instanceof CancelledError) throw healthError;
      }
    }
    this.run.logger.info({}, 'platform reachable again; resuming sync');
    this.progress.setStatus({ online: true, lastError: null });
  }

  /**
   * Runs a platform request under the retry policy. `resource` names the feed a fetch is for
   * (its errors and successes are the resource's), null for the pusher's requests.
   */
  retrying<T>(what: string, resource: string | null, operation: () => Promise<T>): Promise<T> {
    const { run, progress } = this;
    const offlineSince = Date.now();
    return withRetries(
      async () => {
        this.checkStopped();
        const result = await operation();
        if (!progress.status.online) progress.setStatus({ online: true });
        if (resource) progress.succeeded(`fetch:${resource}`);
        return result;
      },
      run.settings.retryPolicy,
      {
        sleep: this.sleep,
        random: run.settings.random,
        onRetry(error, attempt, delayMs) {
          run.logger.warn({ what, resource, attempt, delayMs, reason: error.message }, 'platform request failed; retrying');
          if (resource) progress.noteRetry(resource, error.message);
          progress.setStatus({ lastError: error.message }, resource ? `fetch:${resource}` : 'push');
        },
        waitUntilOnline: (error) => this.waitUntilOnline(error, offlineSince),
      },
    );
  }
}
