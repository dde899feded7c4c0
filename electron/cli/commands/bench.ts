/**
 * `cockpit bench sync`: end-to-end sync throughput against the reference platform server, through
 * the real core, as the app runs it.
 *
 * Nothing measured competes with what measures it:
 * - a child process runs the reference server (its CPU and memory are not ours);
 * - the core runs in its worker thread and starts the sync thread, exactly as in the app;
 * - this (main) thread stands for the UI: it watches its own event loop (monitorEventLoopDelay),
 *   and every 100 ms asks the core for `status.get` and the alert list (a board-sized read), and
 *   every second makes a user action (a tier override set or cleared: a command row plus its
 *   optimistic effect), timing each answer from here.
 * Afterwards the same rows are upserted straight into a fresh database with the same schema and
 * the same index strategy (secondary indexes of an empty big table dropped, built at the end,
 * timed too): the ceiling the sync is compared with.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { openDatabase } from '../../../db/open';
import { deferIndexesIfEmpty, restoreIndexes } from '../../core/sync/deferred-indexes';
import { BULK_WAL_AUTOCHECKPOINT_PAGES } from '../../core/sync/engine/index-maintenance';
import { isLargeResource } from '../../core/sync/resources';
import { startCoreWorker, type CoreClient } from '../../core/runtime/worker-client';
import type { SyncProgress } from '../../core/api';
import { parsePositiveInt } from '../options';
import { registerBurstBench } from './bench-burst';
import { registerMerchantsBench } from './bench-merchants';
import { registerOpinionBench } from './bench-opinion';
import { registerSuppliersBench } from './bench-suppliers';

const SELF = fileURLToPath(import.meta.url);
const BENCH_RESOURCES = ['merchants', 'merchant_metrics', 'mentions'] as const;
const SCALES = ['small', 'medium', 'large'] as const;
const SERVER_NICENESS = 10;
const PROBE_INTERVAL_MS = 100;
const USER_ACTION_INTERVAL_MS = 1_000;
type Scale = (typeof SCALES)[number];

interface BenchOptions {
  json?: boolean;
  scale: Scale;
  rawSample?: number;
  keep?: boolean;
  withDomainWork?: boolean;
}

function parseScale(value: string): Scale {
  if (!(SCALES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${SCALES.join(', ')}`);
  return value as Scale;
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('sync')
    .description('sync merchants, merchant_metrics and mentions from a local reference server into a fresh database through the core and print one JSON line')
    .option('--json', 'print only the JSON line on stdout (progress goes to stderr either way)')
    .option('--scale <scale>', `data-set size (${SCALES.join(', ')})`, parseScale, 'large')
    .option('--raw-sample <rows>', 'upsert only this many rows for the raw better-sqlite3 baseline (proportionally from each table; default: all)', parsePositiveInt)
    .option('--keep', 'keep the temp database (its path goes to stderr)')
    .option('--with-domain-work', "run the domains' work as the app does (scoring mentions on the sync thread, monitoring): what it costs the sync")
    .action(async (options: BenchOptions) => runBench(options));
  // Each domain's benchmark lives beside its command.
  registerMerchantsBench(bench);
  registerOpinionBench(bench);
  registerBurstBench(bench);
  registerSuppliersBench(bench);
}

async function runBench(options: BenchOptions): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-'));
  const dataDir = path.join(tmp, 'data');
  const dbFile = path.join(dataDir, 'cockpit.sqlite');
  const say = (text: string): void => void process.stderr.write(`cockpit bench: ${text}\n`);
  say(`starting the reference server (scale ${options.scale}) in a child process`);
  const server = await startServerChild(options.scale);
  try {
    const merchantId = await firstMerchantId(server.url, server.token);
    // Start-up work an app does once (Node loads its fetch implementation on the first request).
    await fetch(`${server.url}/v1/health`).then((r) => r.text());
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    say('syncing through the core (worker thread) and its sync thread; this thread probes the core every 100 ms');
    const started = performance.now();
    const core = await startCoreWorker({
      core: {
        dataDir,
        mode: 'browser',
        appVersion: 'bench',
        platform: { kind: 'remote', url: server.url, token: server.token },
        // The sync alone by default; --with-domain-work adds the scoring of what arrives, as in the app.
        domainBackground: options.withDomainWork === true,
        syncResources: BENCH_RESOURCES,
      },
    });
    const probes = startProbes(core, merchantId);
    const progress = await waitUntilCaughtUp(core, say);
    const seconds = (performance.now() - started) / 1000;
    probes.stop();
    await probes.settled();
    loop.disable();
    await core.close();
    // The app's high-water mark: read before the raw baseline below adds its own connection and cache.
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    const maxEventLoopBlockMs = Math.max(0, loop.max / 1e6 - 10);
    const stats = readSyncThreadStats(path.join(dataDir, 'logs', 'cockpit.log'), say);
    const perResource: Record<string, number> = {};
    for (const r of progress.resources) perResource[r.resource] = r.rowsApplied;
    const rows = Object.values(perResource).reduce((a, b) => a + b, 0);
    const sample = options.rawSample ?? Number.POSITIVE_INFINITY;
    say(`synced ${rows} rows in ${seconds.toFixed(1)}s; measuring the raw upsert ceiling on ${Math.min(sample, rows)} of the same rows`);
    const raw = rawUpsertRate(dbFile, path.join(tmp, 'raw.sqlite'), sample);
    const rowsPerSec = rows / seconds;
    const line = {
      rows,
      seconds: round(seconds, 2),
      rowsPerSec: Math.round(rowsPerSec),
      rawUpsertRowsPerSec: Math.round(raw.rowsPerSec),
      ratio: round(rowsPerSec / raw.rowsPerSec, 3),
      peakRssMB: Math.round(peakRssMB),
      maxEventLoopBlockMs: round(maxEventLoopBlockMs, 1),
      syncThreadMaxBlockMs: stats.maxEventLoopBlockMs,
      coreCallMaxMs: round(probes.reads.max(), 1),
      coreCallP99Ms: round(probes.reads.percentile(0.99), 1),
      coreCalls: probes.reads.count(),
      userActionMaxMs: round(probes.actions.max(), 1),
      userActionP99Ms: round(probes.actions.percentile(0.99), 1),
      userActions: probes.actions.count(),
      failedCalls: probes.failures(),
      indexBuildMs: stats.indexBuildMs,
      rawSampleRows: raw.rows,
      scale: options.scale,
      perResource,
    };
    if (!options.json) say(`done: ${line.rowsPerSec} rows/s end to end, ${line.rawUpsertRowsPerSec} rows/s raw upsert, ratio ${line.ratio}`);
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    await server.close();
    if (options.keep) say(`kept ${dbFile}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---------- probing the core as the UI would ----------

class Latencies {
  private readonly samples: number[] = [];
  add(ms: number): void {
    this.samples.push(ms);
  }
  count(): number {
    return this.samples.length;
  }
  max(): number {
    return this.samples.reduce((a, b) => Math.max(a, b), 0);
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  }
}

interface Probes {
  reads: Latencies;
  actions: Latencies;
  failures(): Record<string, number>;
  stop(): void;
  settled(): Promise<void>;
}

/**
 * Every 100 ms a cheap call and a board-sized read; every second a user action once the merchant
 * it changes has synced. Calls are not queued behind each other: a slow answer shows as one slow
 * sample, and the next probe still goes out on time.
 */
function startProbes(core: CoreClient, merchantId: string): Probes {
  const reads = new Latencies();
  const actions = new Latencies();
  const failed: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let overridden = false;
  let actionBusy = false;

  let merchantSynced = false;

  function timed(method: string, input: unknown, into: Latencies): Promise<boolean> {
    const t = performance.now();
    const call = core.call(method, input).then((result) => {
      const ms = performance.now() - t;
      if (result.ok) into.add(ms);
      // Until the merchant has arrived, "no such merchant" is the right answer, not a failure.
      else if (!(into === actions && !merchantSynced && result.error.code === 'not_found')) {
        failed[`${method}: ${result.error.code}`] = (failed[`${method}: ${result.error.code}`] ?? 0) + 1;
      }
      if (result.ok && into === actions) merchantSynced = true;
      return result.ok;
    });
    const tracked = call.then(() => undefined);
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    return call;
  }

  const readTimer = setInterval(() => {
    void timed('status.get', {}, reads);
    void timed('alerts.list', { limit: 200 }, reads);
  }, PROBE_INTERVAL_MS);
  const actionTimer = setInterval(() => {
    if (actionBusy) return;
    actionBusy = true;
    const action = overridden
      ? timed('merchants.clearOverride', { merchantIds: [merchantId], reason: 'bench' }, actions)
      : timed('merchants.setOverride', { merchantIds: [merchantId], tier: 'head', reason: 'bench', expiresOn: null }, actions);
    void action.then((ok) => {
      if (ok) overridden = !overridden;
      actionBusy = false;
    });
  }, USER_ACTION_INTERVAL_MS);

  return {
    reads,
    actions,
    failures: () => failed,
    stop() {
      clearInterval(readTimer);
      clearInterval(actionTimer);
    },
    settled: async () => {
      await Promise.all([...inFlight]);
    },
  };
}

async function waitUntilCaughtUp(core: CoreClient, say: (text: string) => void): Promise<SyncProgress> {
  let lastLine = 0;
  for (;;) {
    const result = await core.call('sync.progress', {});
    if (result.ok) {
      const progress = result.value as SyncProgress;
      const mine = progress.resources.filter((r) => (BENCH_RESOURCES as readonly string[]).includes(r.resource));
      if (mine.length === BENCH_RESOURCES.length && mine.every((r) => r.state === 'caught_up' && r.rowsApplied > 0)) return { ...progress, resources: mine };
      const failed = mine.find((r) => r.state === 'error');
      if (failed) throw new Error(`${failed.resource}: ${failed.lastError ?? 'sync failed'}`);
      if (Date.now() - lastLine > 5_000) {
        lastLine = Date.now();
        const busy = mine.filter((r) => r.state !== 'idle' && r.state !== 'caught_up');
        say(busy.map((r) => `${r.resource} ${r.rowsApplied} rows, ${r.rowsPerSec}/s${r.etaSeconds !== null ? `, ETA ${r.etaSeconds}s` : ''}`).join('; ') || 'working');
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A merchant the user actions change: the first of the feed, asked of the server directly. */
async function firstMerchantId(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/v1/changes/merchants?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const page = (await response.json()) as { items?: { id?: string }[] };
  const id = page.items?.[0]?.id;
  if (!id) throw new Error('the reference server returned no merchant');
  return id;
}

/** What the sync thread said about itself in the core's log: its longest stall and the index builds. */
function readSyncThreadStats(logFile: string, say: (text: string) => void): { maxEventLoopBlockMs: number | null; indexBuildMs: Record<string, number> } {
  const stats = { maxEventLoopBlockMs: null as number | null, indexBuildMs: {} as Record<string, number> };
  if (!fs.existsSync(logFile)) return stats;
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"thread":"sync"')) continue;
    const entry = JSON.parse(line) as { msg?: string; resource?: string; ms?: number; maxEventLoopBlockMs?: number; level?: number };
    if (entry.msg === 'sync thread stopped' && typeof entry.maxEventLoopBlockMs === 'number') stats.maxEventLoopBlockMs = entry.maxEventLoopBlockMs;
    if (entry.msg === 'indexes built' && entry.resource && typeof entry.ms === 'number') {
      stats.indexBuildMs[entry.resource] = entry.ms;
      say(`indexes built on ${entry.resource} in ${entry.ms} ms`);
    }
    if ((entry.level ?? 0) >= 40) say(`sync: ${entry.msg ?? ''} ${line.slice(0, 300)}`);
  }
  return stats;
}

// ---------- the reference server, in a child process ----------

interface ServerChild {
  url: string;
  token: string;
  close(): Promise<void>;
}

async function startServerChild(scale: Scale): Promise<ServerChild> {
  // Same loader flags as this process (tsx), so the child can run TypeScript too.
  const child: ChildProcess = fork(SELF, [], {
    env: { ...process.env, COCKPIT_BENCH_ROLE: 'server', COCKPIT_BENCH_SCALE: scale },
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // The platform is another machine in real life: here it shares the cores, so it yields to the
  // threads that are measured (the UI thread above all).
  if (child.pid !== undefined) {
    try {
      os.setPriority(child.pid, SERVER_NICENESS);
    } catch {
      // not allowed here: normal priority
    }
  }
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; token: string }));
    child.once('exit', (code) => reject(new Error(`the reference server exited (code ${code})`)));
    child.once('error', reject);
  });
  return {
    ...ready,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function serverChildMain(): Promise<void> {
  // Tests and benchmarks may start the server; the core never does.
  const { startPlatformServer } = await import('../../../platform/index');
  const scale = (process.env.COCKPIT_BENCH_SCALE ?? 'large') as Scale;
  const server = await startPlatformServer({ scale });
  const operator = server.tokens.operators[0];
  if (!operator) throw new Error('the reference server has no operator token');
  process.send?.({ url: server.url, token: operator.token });
  const stop = (): void => void server.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

// ---------- the raw baseline ----------

/**
 * Upserts the synced rows into a fresh database as the sync does, minus everything but SQLite:
 * same schema (openDatabase + migrations), same index strategy (a big table's secondary indexes
 * dropped while it is empty and built at the end), same WAL checkpoint setting, 5000 rows a
 * transaction. Times the write transactions and the index builds.
 */
function rawUpsertRate(syncedFile: string, rawFile: string, sample: number): { rows: number; rowsPerSec: number } {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  // Plain read-only handle: openDatabase would first copy the (multi-GB) file to backups/.
  const source = new Database(syncedFile, { readonly: true, fileMustExist: true });
  const target = openDatabase({ file: rawFile, logger: silent });
  try {
    const counts = BENCH_RESOURCES.map((r) => Number(source.prepare(`SELECT count(*) FROM "${r}"`).pluck().get()));
    const total = counts.reduce((a, b) => a + b, 0);
    let rows = 0;
    let ms = 0;
    const timed = (work: () => void): void => {
      const t = performance.now();
      work();
      ms += performance.now() - t;
    };
    BENCH_RESOURCES.forEach((resource, i) => {
      const take = Math.ceil((Math.min(sample, total) * (counts[i] ?? 0)) / Math.max(1, total));
      const large = isLargeResource(resource);
      if (large) {
        timed(() => deferIndexesIfEmpty(target.sqlite, resource));
        target.sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
      }
      const columns = (source.prepare(`PRAGMA table_info("${resource}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      const upsert = target.sqlite.prepare(
        `INSERT INTO "${resource}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')} WHERE excluded.version > "${resource}".version`,
      );
      const write = target.sqlite.transaction((batch: unknown[][]) => {
        for (const row of batch) upsert.run(row);
      });
      let batch: unknown[][] = [];
      const flush = (): void => {
        const full = batch;
        timed(() => write.immediate(full));
        rows += full.length;
        batch = [];
      };
      const read = source.prepare(`SELECT ${columns.join(', ')} FROM "${resource}" ORDER BY rowid LIMIT ?`).raw();
      for (const row of read.iterate(take) as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length === 5000) flush();
      }
      if (batch.length > 0) flush();
      if (large) {
        timed(() => restoreIndexes(target.sqlite, resource));
        target.sqlite.pragma('wal_autocheckpoint = 1000');
      }
    });
    return { rows, rowsPerSec: rows / Math.max(ms / 1000, 1e-9) };
  } finally {
    source.close();
    target.close();
  }
}

// ---------- entry point when this file runs as the server child ----------

if (process.env.COCKPIT_BENCH_ROLE === 'server') {
  serverChildMain().catch((error: unknown) => {
    process.stderr.write(`cockpit bench: server failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
