/**
 * `cockpit bench burst`: how long a burst of negative mentions takes to become an alert, through
 * the real core (its worker thread, the sync thread that pulls and scores, the monitor that
 * detects) against the reference server, with the default poll interval.
 *
 * For each burst the server publishes 60 negative mentions about one merchant with no alert
 * opened for them, then the bench times, from the moment the server served the feed page that
 * carried the first of them:
 * - toPlatformMs: until the cockpit's `alert.open` for that merchant and topic reached the server;
 * - toQueueMs: until the alert queue (`alerts.queue`, the board's call, asked every 50 ms) lists it,
 *   which is what the board shows on its next refresh (it refreshes on the core's change events).
 * waitForPollMs is the time from publishing to that page: up to one poll interval, not the cockpit's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform/index';
import { resolveAlertsInProgress, watchBurst } from '../../../platform/scenarios';
import { startCoreWorker, type CoreClient } from '../../core/runtime/worker-client';
import type { AlertQueueRow, MethodOutput, SyncProgress } from '../../core/api';
import { parsePositiveInt } from '../options';

interface BurstBenchOptions {
  json?: boolean;
  bursts: number;
}

interface BurstTiming {
  waitForPollMs: number;
  toPlatformMs: number;
  toQueueMs: number;
}

const BURST_MENTIONS = 60;
const TIMEOUT_MS = 60_000;

export function registerBurstBench(bench: Command): void {
  bench
    .command('burst')
    .description('time a burst of negative mentions from the feed page that carries it to alert.open on the platform and to the alert queue; print one JSON line')
    .option('--json', 'print only the JSON line on stdout (progress goes to stderr either way)')
    .option('--bursts <n>', 'bursts to time, one after another', parsePositiveInt, 5)
    .action(async (options: BurstBenchOptions) => {
      const result = await runBurstBench(options);
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}

async function runBurstBench(options: BurstBenchOptions) {
  const say = (text: string): void => void process.stderr.write(`cockpit bench burst: ${text}\n`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-burst-'));
  const server = await startPlatformServer({ scale: 'small', startTime: 'now' });
  let core: CoreClient | null = null;
  try {
    core = await startCoreWorker({
      core: { dataDir, mode: 'browser', appVersion: 'bench', platform: { kind: 'remote', url: server.url, token: server.tokens.operators[0]!.token } },
    });
    say('first sync and scoring of the small data set');
    await settle(core);
    const timings: BurstTiming[] = [];
    for (let i = 0; i < options.bursts; i++) {
      await quietDay(server, core);
      const timing = await timeOneBurst(server, core);
      say(`burst ${i + 1}: page served ${timing.waitForPollMs} ms after publishing; alert.open on the platform +${timing.toPlatformMs} ms, in the queue +${timing.toQueueMs} ms`);
      timings.push(timing);
    }
    return {
      bursts: timings.length,
      pollIntervalMs: 3000,
      toPlatformMs: summary(timings.map((t) => t.toPlatformMs)),
      toQueueMs: summary(timings.map((t) => t.toQueueMs)),
      waitForPollMs: summary(timings.map((t) => t.waitForPollMs)),
    };
  } finally {
    await core?.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function call<T>(core: CoreClient, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Until every feed is caught up, every mention scored, and detection has had a few passes. */
async function settle(core: CoreClient): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('the first sync did not settle in 5 minutes');
    const progress = await core.call('sync.progress', {});
    const scoring = await core.call('opinion.scoring', {});
    const synced = progress.ok && (progress.value as SyncProgress).resources.every((r) => r.state === 'caught_up');
    if (synced && scoring.ok && (scoring.value as MethodOutput<'opinion.scoring'>).caughtUp) break;
    await pause(250);
  }
  await pause(6_000);
}

/** Until the cockpit has synced a quiet day (platform/scenarios.ts): nothing open to inhibit the burst's alert. */
async function quietDay(server: PlatformServerHandle, core: CoreClient): Promise<void> {
  await resolveAlertsInProgress(server);
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await call<{ rows: AlertQueueRow[] }>(core, 'alerts.queue', { statuses: ['open', 'acknowledged', 'responding'] })).rows.length > 0) {
    if (Date.now() > deadline) throw new Error('the cockpit did not sync the resolved alerts within 60 s');
    await pause(200);
  }
}

async function timeOneBurst(server: PlatformServerHandle, core: CoreClient): Promise<BurstTiming> {
  const publishedAt = performance.now();
  const burst = server.injectBurst(BURST_MENTIONS);
  const watch = watchBurst(server, burst);
  try {
    let inQueueAt = 0;
    const deadline = publishedAt + TIMEOUT_MS;
    while (!inQueueAt || !watch.opened) {
      if (performance.now() > deadline) throw new Error(`no alert for the burst on ${burst.subjectId} (${burst.topic}) within ${TIMEOUT_MS / 1000} s`);
      if (!inQueueAt && watch.servedAt !== null) {
        const queue = await call<{ rows: AlertQueueRow[] }>(core, 'alerts.queue', {});
        if (queue.rows.some((row) => row.subjectId === burst.subjectId && row.topic === burst.topic)) inQueueAt = performance.now();
      }
      await pause(50);
    }
    const servedAt = watch.servedAt as number;
    return { waitForPollMs: round(servedAt - publishedAt), toPlatformMs: round(watch.opened.at - servedAt), toQueueMs: round(inQueueAt - servedAt) };
  } finally {
    watch.stop();
  }
}

function summary(values: number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}

const round = (ms: number) => Math.round(ms);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
