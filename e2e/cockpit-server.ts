/**
 * Starts browser mode (`cockpit serve`) on a temporary data folder, the way a user would, and
 * reads the launch URL from its one line of stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../electron/core/api';
import { expect } from '@playwright/test';

export interface CockpitServer {
  /** `http://127.0.0.1:PORT/#token=…` */
  launchUrl: string;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** With `--share-war-room`: the read-only war-room launch URL it printed. */
  sharedUrl: string | null;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const READY_LINE = /Ops Cockpit \(browser mode\) is running: (\S+)/;
const SHARED_LINE = /War-room screens \(read-only\) for the local network: (\S+)/;
const START_TIMEOUT_MS = 60_000;

export function makeDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cockpit-e2e-${label}-`));
}

/**
 * `platformArgs` chooses the platform: `['--offline']` for a quiet core (no sync at all),
 * `['--api', url, '--token', token]` for a reference platform started by the test, `['--demo']`.
 */
export async function startCockpitServer(dataDir: string, platformArgs: string[] = ['--offline']): Promise<CockpitServer> {
  // Its own process group, so stopping it also stops the node process npx/tsx start under it.
  const child = spawn('npx', ['tsx', 'electron/cli/index.ts', 'serve', '--data-dir', dataDir, '--port', '0', ...platformArgs], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [launchUrl, sharedUrl] = await waitForLaunchUrl(child, platformArgs.includes('--share-war-room'));
  const url = new URL(launchUrl);
  return {
    launchUrl,
    baseUrl: url.origin,
    token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '',
    dataDir,
    sharedUrl,
    stop: () => stopProcessGroup(child),
  };
}

function waitForLaunchUrl(child: ChildProcess, shared: boolean): Promise<[string, string | null]> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`cockpit serve did not start in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    function fail(error: Error): void {
      clearTimeout(timer);
      void stopProcessGroup(child);
      reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY_LINE.exec(stdout);
      const sharedMatch = SHARED_LINE.exec(stdout);
      if (match?.[1] && (!shared || sharedMatch?.[1])) {
        clearTimeout(timer);
        resolve([match[1], sharedMatch?.[1] ?? null]);
      }
    });
    child.once('exit', (code) => fail(new Error(`cockpit serve exited early with code ${code}`)));
  });
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // Already gone.
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Calls the core of a running cockpit over its HTTP API, as the renderer does; throws on an error answer. */
export async function callCockpit<M extends MethodName>(cockpit: CockpitServer, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await fetch(`${cockpit.baseUrl}/api/call`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${cockpit.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  const result = (await response.json()) as CallResult;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** Waits until every feed of the cockpit's sync is caught up (a call failing meanwhile counts as not yet). */
export async function waitUntilCaughtUp(cockpit: CockpitServer, timeoutMs = 75_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const progress = await callCockpit(cockpit, 'sync.progress', {}).catch((error: Error) => ({ resources: [{ resource: error.message, state: 'error' }] }));
        return progress.resources.filter((r) => r.state !== 'caught_up').map((r) => r.resource);
      },
      { timeout: timeoutMs, intervals: [1_000] },
    )
    .toEqual([]);
}
