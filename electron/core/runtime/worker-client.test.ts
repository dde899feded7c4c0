import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';
import { startCoreWorker, type CoreClient } from './worker-client';
import type { CoreEvent } from '../api';

let temp: ReturnType<typeof makeTempDir>;
let client: CoreClient | null = null;
beforeEach(() => (temp = makeTempDir()));
afterEach(async () => {
  await client?.close();
  client = null;
  temp.cleanup();
});

describe('the core in a worker thread', () => {
  it('answers calls and forwards events across the thread boundary', async () => {
    client = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
    const events: CoreEvent[] = [];
    client.onEvent((event) => events.push(event));

    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', version: '1.0.0', dataDir: temp.dir } });
    await client.call('settings.update', { theme: 'dark' });
    expect(events.filter((e) => e.name === 'settings.changed')).toEqual([{ name: 'settings.changed', payload: { language: 'zh-CN', theme: 'dark' } }]);
    expect(await client.call('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('keeps answering many concurrent calls in order of their ids', async () => {
    client = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client!.call('settings.update', { theme: i % 2 ? 'dark' : 'light' })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await client.call('settings.get', {})).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } });
  });
});

const timeouts = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

describe('start-up and shutdown of the core worker', () => {
  it('reports a database that cannot be opened once, and never restarts the worker for it', async () => {
    const dbFile = path.join(temp.dir, 'cockpit.sqlite');
    fs.mkdirSync(dbFile); // a folder where the database file should be: not corruption, just impossible
    const crashes: string[] = [];
    const fatal: string[] = [];
    await expect(
      startCoreWorker({
        core: { dataDir: temp.dir, dbFile, mode: 'browser', appVersion: '1.0.0', writeLogs: false },
        restartDelayMs: 10,
        onCrash: (reason) => crashes.push(reason),
        onFatal: (message) => fatal.push(message),
      }),
    ).rejects.toThrow(/cockpit\.sqlite|directory|open/i);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(crashes).toEqual([]);
    expect(fatal).toEqual([]); // start-up failures are the caller's to report (the promise rejected)
    expect(fs.readdirSync(temp.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('finds its worker and tsx from the install folder, whatever the working folder', async () => {
    const cwd = process.cwd();
    process.chdir(os.tmpdir());
    try {
      client = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
      expect(await client.call('settings.get', {})).toMatchObject({ ok: true });
    } finally {
      process.chdir(cwd);
    }
  });

  it('leaves no timer running once the worker has exited', async () => {
    const before = timeouts();
    const started = Date.now();
    const worker = await startCoreWorker({ core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false } });
    await worker.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(timeouts()).toBeLessThanOrEqual(before);
  });
});

/** A stand-in worker entry: `ready` then exit on the first spawns, as a crashing core would; counts spawns. */
function flakyWorker(behaviour: 'crash-then-fatal' | 'always-crash'): string {
  const file = path.join(temp.dir, `flaky-${behaviour}.mjs`);
  fs.writeFileSync(
    file,
    `import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
const counter = workerData.dataDir + '/spawns';
const n = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0;
fs.writeFileSync(counter, String(n + 1));
if (${JSON.stringify(behaviour)} === 'crash-then-fatal' && n > 0) parentPort.postMessage({ kind: 'fatal', message: 'disk full' });
else { parentPort.postMessage({ kind: 'ready' }); setTimeout(() => process.exit(3), 20); }
`,
  );
  return file;
}

const spawns = (): number => Number(fs.readFileSync(path.join(temp.dir, 'spawns'), 'utf8'));

describe('restarts of the core worker', () => {
  it('a restart that cannot open the database is reported once, and not tried again', async () => {
    const crashes: string[] = [];
    const fatal: string[] = [];
    client = await startCoreWorker({
      core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false },
      workerFile: flakyWorker('crash-then-fatal'),
      restartDelayMs: 10,
      onCrash: (reason) => crashes.push(reason),
      onFatal: (message) => fatal.push(message),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(crashes).toEqual(['exit code 3']);
    expect(fatal).toEqual(['disk full']);
    expect(spawns()).toBe(2);
    expect(await client.call('settings.get', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'disk full' } });
  });

  it('a core that keeps crashing is given up after a few restarts, not restarted for ever', async () => {
    const crashes: string[] = [];
    const fatal: string[] = [];
    client = await startCoreWorker({
      core: { dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false },
      workerFile: flakyWorker('always-crash'),
      restartDelayMs: 10,
      onCrash: (reason) => crashes.push(reason),
      onFatal: (message) => fatal.push(message),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(crashes).toHaveLength(5);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(/stopped 6 times/);
    expect(spawns()).toBe(6);
  });
});
