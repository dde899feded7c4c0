/**
 * `cockpit bench sync`: end-to-end sync throughput against the reference platform server.
 *
 * Three places, so that nothing measured competes with what measures it:
 * - a child process runs the reference server (its CPU and memory are not ours);
 * - a worker thread runs the sync engine into a fresh temp database, as the core worker does;
 * - the main thread only watches its own event loop (monitorEventLoopDelay): the "UI never blocked"
 *   figure. The worker reports its own longest stall too (what a UI call to the core could wait).
 * Afterwards the same rows are upserted straight into a fresh database with better-sqlite3
 * (prepared statement, 5000 rows a transaction): the ceiling the sync is compared with.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { openDatabase } from '../../../db/open';
import { createSyncEngine } from '../../core/sync/engine';
import { lowerCurrentThreadPriority } from '../../core/sync/thread-priority';
import { parsePositiveInt } from '../options';
import { commandRegistry } from '../../core/domains';
import { registerMerchantsBench } from './bench-merchants';
import { registerOpinionBench } from './bench-opinion';
import { registerSuppliersBench } from './bench-suppliers';

const SELF = fileURLToPath(import.meta.url);
const BENCH_RESOURCES = ['merchants', 'merchant_metrics', 'mentions'] as const;
const SCALES = ['small', 'medium', 'large'] as const;
const SERVER_NICENESS = 10;
/** The sync runs in the background as in the app's core worker: below the UI thread (Linux). */
const SYNC_THREAD_NICENESS = 5;
type Scale = (typeof SCALES)[number];

interface BenchOptions {
  json?: boolean;
  scale: Scale;
  rawSample?: number;
  keep?: boolean;
}

interface WorkerResult {
  rows: number;
  received: number;
  seconds: number;
  syncThreadMaxBlockMs: number;
  perResource: Record<string, number>;
}

function parseScale(value: string): Scale {
  if (!(SCALES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${SCALES.join(', ')}`);
  return value as Scale;
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('sync')
    .description('sync merchants, merchant_metrics and mentions from a local reference server into a fresh database and print one JSON line')
    .option('--json', 'print only the JSON line on stdout (progress goes to stderr either way)')
    .option('--scale <scale>', `data-set size (${SCALES.join(', ')})`, parseScale, 'large')
    .option('--raw-sample <rows>', 'upsert only this many rows for the raw better-sqlite3 baseline (proportionally from each table; default: all)', parsePositiveInt)
    .option('--keep', 'keep the temp database (its path goes to stderr)')
    .action(async (options: BenchOptions) => runBench(options));
  // Each domain's benchmark lives beside its command.
  registerMerchantsBench(bench);
  registerOpinionBench(bench);
  registerSuppliersBench(bench);
}

async function runBench(options: BenchOptions): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-'));
  const dbFile = path.join(tmp, 'sync.sqlite');
  const say = (text: string): void => void process.stderr.write(`cockpit bench: ${text}\n`);
  say(`starting the reference server (scale ${options.scale}) in a child process`);
  const server = await startServerChild(options.scale);
  try {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    say('syncing in a worker thread; the main thread measures its event loop');
    const result = await runSyncWorker(server.url, server.token, dbFile, (line) => say(line), () => loop.enable());
    loop.disable();
    const maxEventLoopBlockMs = Math.max(0, loop.max / 1e6 - 10);
    const sample = options.rawSample ?? Number.POSITIVE_INFINITY;
    say(`synced ${result.rows} rows in ${result.seconds.toFixed(1)}s; measuring the raw upsert ceiling on ${Math.min(sample, result.rows)} of the same rows`);
    const raw = rawUpsertRate(dbFile, path.join(tmp, 'raw.sqlite'), sample);
    const rowsPerSec = result.rows / result.seconds;
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    const line = {
      rows: result.rows,
      seconds: round(result.seconds, 2),
      rowsPerSec: Math.round(rowsPerSec),
      rawUpsertRowsPerSec: Math.round(raw.rowsPerSec),
      ratio: round(rowsPerSec / raw.rowsPerSec, 3),
      peakRssMB: Math.round(peakRssMB),
      maxEventLoopBlockMs: round(maxEventLoopBlockMs, 1),
      syncThreadMaxBlockMs: round(result.syncThreadMaxBlockMs, 1),
      rawSampleRows: raw.rows,
      scale: options.scale,
      perResource: result.perResource,
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

// ---------- the sync, in a worker thread ----------

/**
 * Workers do not inherit tsx's loader on Node 20: the worker registers it, then loads this file.
 * (The CLI runs from source under tsx; see package.json `cockpit`.)
 */
function typeScriptWorkerBootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `(async () => {
    const { register } = await import(${JSON.stringify(tsxApi)});
    register();
    await import(${JSON.stringify(pathToFileURL(SELF).href)});
  })().catch((error) => { console.error(error); process.exit(1); });`;
}

function runSyncWorker(url: string, token: string, dbFile: string, onLine: (line: string) => void, onStart: () => void): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(typeScriptWorkerBootstrap(), { eval: true, workerData: { role: 'cockpit-bench-sync', url, token, dbFile } });
    worker.on('message', (message: { kind: 'line'; text: string } | { kind: 'started' } | { kind: 'done'; result: WorkerResult }) => {
      if (message.kind === 'line') onLine(message.text);
      else if (message.kind === 'started') onStart();
      else resolve(message.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the sync worker exited (code ${code})`)));
  });
}

async function syncWorkerMain(data: { url: string; token: string; dbFile: string }): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const say = (text: string): void => port.postMessage({ kind: 'line', text });
  if (!lowerCurrentThreadPriority(SYNC_THREAD_NICENESS)) say('could not lower the sync thread priority');
  const logger = { info: (d: object, m: string) => void (m === 'indexes built' && say(`${m} ${JSON.stringify(d)}`)), warn: (d: object, m: string) => say(`warn: ${m} ${JSON.stringify(d)}`), error: (d: object, m: string) => say(`error: ${m} ${JSON.stringify(d)}`) };
  const opened = openDatabase({ file: data.dbFile, logger });
  let lastLine = 0;
  const engine = createSyncEngine({
    sqlite: opened.sqlite,
    logger,
    platform: { url: data.url, token: data.token },
    commands: commandRegistry,
    resources: BENCH_RESOURCES,
    progressIntervalMs: 2000,
    onProgress(progress) {
      if (Date.now() - lastLine < 5000) return;
      lastLine = Date.now();
      const busy = progress.resources.filter((r) => r.state !== 'idle' && r.state !== 'caught_up');
      say(busy.map((r) => `${r.resource} ${r.rowsApplied} rows, ${r.rowsPerSec}/s${r.etaSeconds !== null ? `, ETA ${r.etaSeconds}s` : ''}`).join('; ') || 'working');
    },
  });
  // Start-up work an app does once before any sync (Node loads its fetch implementation on the
  // first request) is not part of the steady state measured here.
  await fetch(`${data.url}/v1/health`).then((r) => r.text());
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  port.postMessage({ kind: 'started' });
  const started = performance.now();
  const summary = await engine.syncOnce();
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  const perResource: Record<string, number> = {};
  for (const r of engine.progress().resources) perResource[r.resource] = r.rowsApplied;
  opened.close();
  port.postMessage({
    kind: 'done',
    result: { rows: summary.rowsApplied, received: summary.rowsReceived, seconds, syncThreadMaxBlockMs: Math.max(0, loop.max / 1e6 - 10), perResource },
  });
}

// ---------- the raw baseline ----------

/** Upserts rows of the synced tables into a fresh database; times only the write transactions. */
function rawUpsertRate(syncedFile: string, rawFile: string, sample: number): { rows: number; rowsPerSec: number } {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  // Plain read-only handle: openDatabase would first copy the (multi-GB) file to backups/.
  const source = { sqlite: new Database(syncedFile, { readonly: true, fileMustExist: true }), close: () => source.sqlite.close() };
  const target = openDatabase({ file: rawFile, logger: silent });
  try {
    const counts = BENCH_RESOURCES.map((r) => Number(source.sqlite.prepare(`SELECT count(*) FROM "${r}"`).pluck().get()));
    const total = counts.reduce((a, b) => a + b, 0);
    let rows = 0;
    let ms = 0;
    BENCH_RESOURCES.forEach((resource, i) => {
      const take = Math.ceil((Math.min(sample, total) * (counts[i] ?? 0)) / Math.max(1, total));
      const columns = (source.sqlite.prepare(`PRAGMA table_info("${resource}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      const upsert = target.sqlite.prepare(
        `INSERT INTO "${resource}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')} WHERE excluded.version > "${resource}".version`,
      );
      const write = target.sqlite.transaction((batch: unknown[][]) => {
        for (const row of batch) upsert.run(row);
      });
      let batch: unknown[][] = [];
      const flush = (): void => {
        const t = performance.now();
        write(batch);
        ms += performance.now() - t;
        rows += batch.length;
        batch = [];
      };
      const read = source.sqlite.prepare(`SELECT ${columns.join(', ')} FROM "${resource}" ORDER BY rowid LIMIT ?`).raw();
      for (const row of read.iterate(take) as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length === 5000) flush();
      }
      if (batch.length > 0) flush();
    });
    return { rows, rowsPerSec: rows / Math.max(ms / 1000, 1e-9) };
  } finally {
    source.close();
    target.close();
  }
}

// ---------- entry points when this file runs as the server child or the sync worker ----------

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'cockpit-bench-sync') {
  void syncWorkerMain(workerData as { url: string; token: string; dbFile: string });
} else if (isMainThread && process.env.COCKPIT_BENCH_ROLE === 'server') {
  serverChildMain().catch((error: unknown) => {
    process.stderr.write(`cockpit bench: server failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
