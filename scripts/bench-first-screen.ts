/**
 * Measures what a newcomer waits for: from `cockpit serve` being started to the first screen
 * (the shell with its status bar) drawn in Chromium, plus the gzip size of the JavaScript the
 * shell loads before any board is opened. Prints one JSON line.
 *
 *   npx tsx scripts/bench-first-screen.ts [--runs 3]
 *
 * Needs a built renderer (`npx electron-vite build`) and Debian's /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const READY_LINE = /Ops Cockpit \(browser mode\) is running: (\S+)/;

async function timeOneStart(): Promise<{ serveReadyMs: number; firstScreenMs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'serve', '--offline', '--data-dir', dataDir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const launchUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = READY_LINE.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const serveReadyMs = performance.now() - started;
    // The browser is already open on a user's desk: start it outside the measured span.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const navigationStarted = performance.now();
      await page.goto(launchUrl);
      await page.getByTestId('status-bar').waitFor({ state: 'visible' });
      return { serveReadyMs, firstScreenMs: serveReadyMs + (performance.now() - navigationStarted) };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The scripts and module preloads index.html pulls in before any board chunk is requested. */
function initialJsGzipBytes(): number {
  const rendererDir = path.join(REPO_ROOT, 'out', 'renderer');
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((match) => match[1]!);
  return files.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(rendererDir, file))).length, 0);
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timeOneStart());
  const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  process.stdout.write(
    `${JSON.stringify({
      runs,
      serveReadyMs: Math.round(median(samples.map((s) => s.serveReadyMs))),
      firstScreenMs: Math.round(median(samples.map((s) => s.firstScreenMs))),
      initialJsGzipKB: Math.round(initialJsGzipBytes() / 1024),
    })}\n`,
  );
}

await main();
