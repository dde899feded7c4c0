/**
 * Crash safety: `cockpit sync --once` in a child process, killed with SIGKILL at random points
 * many times while it pulls and pushes, then run to the end. Nothing may be missing or doubled:
 * the export equals the server, and every command was applied exactly once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { RESOURCES } from '../../../platform/contract';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform/index';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { commandRegistry } from '../domains';
import { createSyncEngine } from './engine';
import { exportRecords, projectRecord } from './export';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KILLS = 15;

let temp: ReturnType<typeof makeTempDir>;
let server: PlatformServerHandle;

beforeAll(async () => {
  temp = makeTempDir('cockpit-crash-');
  server = await startPlatformServer({ scale: 'small', faults: {} });
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

/** The `cockpit` program with the sync command, as electron/cli/index.ts builds it. */
function writeCliEntry(): string {
  const file = path.join(temp.dir, 'cockpit.mts');
  const commander = pathToFileURL(createRequire(import.meta.url).resolve('commander')).href;
  const sync = pathToFileURL(path.join(REPO, 'electron/cli/commands/sync.ts')).href;
  fs.writeFileSync(
    file,
    `import { Command, CommanderError } from ${JSON.stringify(commander)};
import { registerSync } from ${JSON.stringify(sync)};
const program = new Command('cockpit').exitOverride();
registerSync(program);
try { await program.parseAsync(process.argv); } catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else { process.stderr.write('cockpit: ' + (error instanceof Error ? error.message : String(error)) + '\\n'); process.exitCode = 1; }
}
`,
  );
  return file;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs `cockpit sync --once`; with killAfterMs, SIGKILLs it that long after its first progress line. */
function runSync(entry: string, dbFile: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const token = server.tokens.operators[0]!.token;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entry, 'sync', '--db', dbFile, '--api', server.url, '--token', token, '--once', '--page-limit', '400'],
      { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (killAfterMs !== null && timer === null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during pull and push: nothing missing, nothing doubled`, async () => {
    const entry = writeCliEntry();
    const dbFile = path.join(temp.dir, 'cockpit.sqlite');

    // Commands waiting in the outbox before the first run (issued while offline).
    const alertIds: string[] = [];
    for await (const alert of server.snapshot('alerts')) alertIds.push(String(alert.id));
    const targets = alertIds.slice(0, 25);
    // Some comments carry a lone surrogate (text from the public internet): stored and exported
    // as exactly text.toWellFormed(), whichever way it travels (outbox, platform, feed).
    const commentOf = (id: string, index: number): string => (index % 5 === 0 ? `crash test ${id} lone \uD800 surrogate` : `crash test ${id}`);
    const seed = openDatabase({ file: dbFile, logger: recordingLogger() });
    const engine = createSyncEngine({ sqlite: seed.sqlite, logger: recordingLogger(), platform: { url: server.url, token: 'unused' }, commands: commandRegistry });
    targets.forEach((id, index) => engine.issueCommand({ type: 'alert.comment', entityId: id, baseVersion: null, payload: { text: commentOf(id, index) } }));
    seed.close();

    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // A catch-up run takes a few hundred ms after its first progress line: kill well inside it.
      const run = await runSync(entry, dbFile, Math.floor(Math.random() * 200));
      if (run.signal === 'SIGKILL') killed++;
      else expect(run.code, run.stderr).toBe(0); // finished before the kill
      server.tick(3); // the platform moves on between runs: new records, updates, deletes
      if (i === 7) server.expireCursors(); // and once forgets every cursor
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS / 2);

    const final = await runSync(entry, dbFile, null);
    expect(final.code, final.stderr).toBe(0);

    const db = openDatabase({ file: dbFile, logger: recordingLogger() });
    try {
      for (const resource of RESOURCES) {
        const expected: Record<string, unknown>[] = [];
        for await (const record of server.snapshot(resource)) expected.push(projectRecord(resource, record));
        expect([...exportRecords(db.sqlite, resource)], resource).toEqual(expected);
      }
      const states = db.sqlite.prepare('SELECT state, count(*) AS n FROM outbox_commands GROUP BY state').all();
      expect(states).toEqual([{ state: 'done', n: targets.length }]);
      const exportedAlerts = new Map([...exportRecords(db.sqlite, 'alerts')].map((alert) => [alert.id, alert]));
      targets.forEach((id, index) => {
        const texts = (exportedAlerts.get(id)!.comments as { text: string }[]).map((c) => c.text);
        expect(texts.filter((text) => text === commentOf(id, index).toWellFormed()), id).toHaveLength(1);
        expect(texts.every((text) => text.isWellFormed()), id).toBe(true);
      });
    } finally {
      db.close();
    }
    targets.forEach((id, index) => {
      const expectedText = commentOf(id, index).toWellFormed();
      const mine = (server.getRecord('alerts', id)!.comments as { text: string }[]).filter((c) => c.text.toWellFormed() === expectedText);
      expect(mine, id).toHaveLength(1);
    });
  }, 240_000);
});
