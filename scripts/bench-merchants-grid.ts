/**
 * Measures the merchant grid on the large tiering data set (200k merchants) in Chromium:
 * - navigationToGridMs: from the navigation to the board's address (a fresh page load) to the
 *   first merchant row drawn in the grid, the first time the board opens after `cockpit serve`
 *   starts (the core may build the period's sums then);
 * - warmNavigationToGridMs: the same again, the core already holding them (median of --runs);
 * - inAppNavigationToGridMs: in the running app (a fresh page on the overview: the board's code not
 *   loaded, nothing of it cached), from the click on the navigation's merchants entry to the first
 *   merchant row drawn (median of --runs);
 * - scrollToEndMs: from setting the grid's scroll position to its bottom to the last merchant's
 *   row drawn (the grid reads that block from the core); warmScrollToEndMs on a warm page.
 * Prints one JSON line.
 *
 *   npx tsx scripts/bench-merchants-grid.ts [--db FILE] [--runs 3] [--shots DIR] [--url LAUNCH_URL]
 *
 * FILE defaults to the newest /tmp/cockpit-bench-tiering-large-seed1-v*.sqlite, which
 * `npm run cockpit -- bench tiering` builds. It is copied to a temporary folder first: the
 * original is never opened. --shots DIR saves pictures of the board (top and scrolled to the end,
 * in Chinese and English). --url measures a cockpit already running instead (no copy; its first
 * navigation is then warm). BENCH_DEBUG=1 also prints the core calls of each navigation. Needs a built renderer (`npx electron-vite build`) and Debian's
 * /usr/bin/chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const READY_LINE = /Ops Cockpit \(browser mode\) is running: (\S+)/;
const BENCH_DB_DIR = os.tmpdir();
const BENCH_DB_PATTERN = /^cockpit-bench-tiering-large-seed1-v(\d+)\.sqlite$/;
/** A cold start checks and backs up a multi-gigabyte file before it listens. */
const SERVE_TIMEOUT_MS = 15 * 60_000;
const ROW_TIMEOUT_MS = 5 * 60_000;
const FIRST_ROW = '[data-testid="grid-merchants"] [data-testid^="merchant-open-"]';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`bench-merchants-grid: ${message}\n`);
  process.exit(1);
}

function say(message: string): void {
  process.stderr.write(`bench-merchants-grid: ${message}\n`);
}

/** The newest data set `cockpit bench tiering` left (its format version is in the name), unless one is named. */
function benchDatabase(): string {
  const named = flag('--db');
  if (named) {
    const file = path.resolve(named);
    if (!fs.existsSync(file)) fail(`${file} does not exist`);
    return file;
  }
  const found = fs
    .readdirSync(BENCH_DB_DIR)
    .map((name) => ({ name, version: Number(BENCH_DB_PATTERN.exec(name)?.[1] ?? NaN) }))
    .filter((entry) => Number.isFinite(entry.version))
    .sort((a, b) => b.version - a.version)[0];
  if (!found) {
    fail(
      `no bench database in ${BENCH_DB_DIR} (cockpit-bench-tiering-large-seed1-v<N>.sqlite): build it with \`npm run cockpit -- bench tiering\`, or pass --db FILE`,
    );
  }
  const file = path.join(BENCH_DB_DIR, found.name);
  if (fs.existsSync(`${file}.partial`)) fail(`${file}.partial exists: the data set is still being built`);
  return file;
}

/** A copy (with its WAL, if any) in a folder of its own, which is also the data folder of the run. */
function copyDatabase(file: string): { dir: string; db: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-grid-'));
  const db = path.join(dir, 'cockpit.sqlite');
  say(`copying ${file} (${(fs.statSync(file).size / 1e9).toFixed(2)} GB) to ${dir}`);
  fs.copyFileSync(file, db);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, db + suffix);
  return { dir, db };
}

function startServe(dir: string, db: string): { child: ChildProcess; launchUrl: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'serve', '--offline', '--db', db, '--data-dir', dir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const launchUrl = new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`cockpit serve did not start in ${SERVE_TIMEOUT_MS / 1000} s`)), SERVE_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY_LINE.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cockpit serve exited with ${code}`));
    });
  });
  return { child, launchUrl };
}

async function callCore(origin: string, token: string, method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${origin}/api/call`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.code} ${result.error?.message}`);
  return result.value;
}

/**
 * Opens the board's address as a fresh page load and answers the time from the navigation's start
 * to the first merchant row in the DOM, as the page's own clock has it (performance.now() counts
 * from the navigation). The page watches for the row itself, so the test harness's polling adds nothing.
 */
async function openBoard(page: Page, origin: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${origin}/#/merchants`, { waitUntil: 'commit' });
  try {
    // Not waitForFunction: the app's CSP forbids the eval it needs for a predicate given as text.
    await page.evaluate(`new Promise((resolve, reject) => {
      const given = Date.now();
      const check = () => {
        if (window.__firstRowAt !== undefined) return resolve(undefined);
        if (Date.now() - given > ${ROW_TIMEOUT_MS}) return reject(new Error('timed out after ${ROW_TIMEOUT_MS} ms'));
        setTimeout(check, 100);
      };
      check();
    })`);
  } catch (error) {
    const shot = path.join(os.tmpdir(), 'bench-merchants-grid-failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    const text = await page.evaluate('document.body.innerText.slice(0, 600)').catch(() => '');
    throw new Error(`no merchant row drawn (${String(error)}); the page (${shot}) says:\n${String(text)}`, { cause: error });
  }
  if (process.env.BENCH_DEBUG) {
    const entries = await page.evaluate(`JSON.stringify({ firstPaint: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1), firstRow: Math.round(window.__firstRowAt), calls: window.__calls })`);
    say(String(entries));
  }
  return (await page.evaluate('window.__firstRowAt')) as number;
}

/**
 * In the app as a user has it open, on the overview of a freshly loaded page (so the board's code
 * is not loaded yet and nothing of it is cached): answers the time from the click on the merchants
 * entry of the navigation to the first merchant row drawn, by the page's clock.
 */
async function navigateInApp(page: Page, origin: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${origin}/#/`);
  await page.getByRole('heading', { level: 1, name: '总览' }).waitFor();
  await page.waitForTimeout(1_000);
  const script = `new Promise((resolve, reject) => {
    const selector = ${JSON.stringify(FIRST_ROW)};
    if (document.querySelector(selector)) return reject(new Error('a merchant row is still drawn on the overview'));
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - clicked);
    });
    observer.observe(document, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('no merchant row in ${ROW_TIMEOUT_MS} ms'));
    }, ${ROW_TIMEOUT_MS});
    const link = document.querySelector('[data-testid="nav-merchants"]');
    if (!link) return reject(new Error('no merchants entry in the navigation'));
    const clicked = performance.now();
    link.click();
  })`;
  return (await page.evaluate(script)) as number;
}

/**
 * Page-side code is handed to the browser as text: tsx compiles this file keeping function names
 * (`__name(…)` wrappers), which a function serialised into the page could not call.
 */
const WATCH_FIRST_ROW = `(() => {
  const selector = ${JSON.stringify(FIRST_ROW)};
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    window.__firstRowAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** BENCH_DEBUG: which core calls the page makes, when (ms since the navigation). */
const LOG_CALLS = `(() => {
  window.__calls = [];
  const original = window.fetch;
  window.fetch = async (url, init) => {
    const started = performance.now();
    let what = String(url);
    try { const body = JSON.parse(init && init.body); what = body.method + ' ' + JSON.stringify(body.input).slice(0, 80); } catch {}
    const answer = await original(url, init);
    window.__calls.push([what, Math.round(started), Math.round(performance.now())]);
    return answer;
  };
})()`;

/** Scrolls the grid to its bottom and answers the time until the last row's merchant is drawn. */
async function scrollToEnd(page: Page, lastIndex: number): Promise<number> {
  const script = `new Promise((resolve, reject) => {
    const grid = document.querySelector('[data-testid="grid-merchants"]');
    if (!grid) return reject(new Error('no merchant grid'));
    // The element that scrolls the rows (whatever ag-grid calls it in this version).
    const scroller = [...grid.querySelectorAll('*')].find((element) => {
      const overflow = getComputedStyle(element).overflowY;
      return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight * 10;
    });
    if (!scroller) return reject(new Error('no scrolling viewport in the merchant grid'));
    const selector = '.ag-row[row-index="${lastIndex}"] [data-testid^="merchant-open-"]';
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (!grid.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
    observer.observe(grid, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('row ${lastIndex} not drawn in ${ROW_TIMEOUT_MS} ms'));
    }, ${ROW_TIMEOUT_MS});
    scroller.scrollTop = scroller.scrollHeight;
  })`;
  return (await page.evaluate(script)) as number;
}

async function picture(page: Page, dir: string | undefined, name: string): Promise<void> {
  if (!dir) return;
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html'))) fail('out/renderer is missing: build the renderer first (npx electron-vite build)');
  if (!fs.existsSync('/usr/bin/chromium')) fail('needs Debian\'s /usr/bin/chromium');
  const runs = Math.max(1, Number(flag('--runs') ?? 3));
  const shots = flag('--shots');
  if (shots) fs.mkdirSync(shots, { recursive: true });
  // --url: a cockpit already running (its launch address), e.g. to try a change of the renderer
  // without copying and checking the data set again; its first navigation is then not a cold one.
  const given = flag('--url');
  const source = given ? null : benchDatabase();
  const copy = source ? copyDatabase(source) : null;
  if (copy) say('starting cockpit serve on the copy (checks and backs it up first)');
  const serve = copy ? startServe(copy.dir, copy.db) : null;
  try {
    const launchUrl = given ?? (await serve!.launchUrl);
    const url = new URL(launchUrl);
    const origin = url.origin;
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      ignoreDefaultArgs: ['--hide-scrollbars'],
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      // Every document of the page watches for the first merchant row (the board's load is a fresh document).
      await page.addInitScript({ content: WATCH_FIRST_ROW });
      if (process.env.BENCH_DEBUG) await page.addInitScript({ content: LOG_CALLS });
      // The launch address hands the page its token (kept for this tab); the shell opens on the overview.
      await page.goto(launchUrl);
      await page.getByTestId('status-bar').waitFor({ state: 'visible', timeout: ROW_TIMEOUT_MS });
      await callCore(origin, token, 'settings.update', { language: 'zh-CN', theme: 'light' });

      say('opening the merchant board (first time)');
      const navigationToGridMs = await openBoard(page, origin);
      const list = (await callCore(origin, token, 'merchants.list', { limit: 1 })) as { total: number };
      const merchants = list.total;
      await picture(page, shots, 'merchants-top-zh');
      say(`first rows after ${Math.round(navigationToGridMs)} ms; scrolling to merchant ${merchants}`);
      const scrollToEndMs = await scrollToEnd(page, merchants - 1);
      await picture(page, shots, 'merchants-end-zh');

      const warm: number[] = [];
      const warmScroll: number[] = [];
      for (let run = 0; run < runs; run++) {
        warm.push(await openBoard(page, origin));
        warmScroll.push(await scrollToEnd(page, merchants - 1));
      }
      if (shots) {
        await callCore(origin, token, 'settings.update', { language: 'en', theme: 'light' });
        await openBoard(page, origin);
        await picture(page, shots, 'merchants-top-en');
        await scrollToEnd(page, merchants - 1);
        await picture(page, shots, 'merchants-end-en');
        await callCore(origin, token, 'settings.update', { language: 'zh-CN', theme: 'light' });
      }
      const inApp: number[] = [];
      for (let run = 0; run < runs; run++) inApp.push(await navigateInApp(page, origin));
      const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      process.stdout.write(
        `${JSON.stringify({
          merchants,
          navigationToGridMs: Math.round(navigationToGridMs),
          warmNavigationToGridMs: Math.round(median(warm)),
          inAppNavigationToGridMs: Math.round(median(inApp)),
          scrollToEndMs: Math.round(scrollToEndMs),
          warmScrollToEndMs: Math.round(median(warmScroll)),
          runs,
          database: source ? path.basename(source) : given,
        })}\n`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    if (serve) {
      serve.child.kill('SIGTERM');
      await new Promise((resolve) => (serve.child.exitCode !== null ? resolve(undefined) : serve.child.once('exit', resolve)));
    }
    if (copy) fs.rmSync(copy.dir, { recursive: true, force: true });
  }
}

await main();
