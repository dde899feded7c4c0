/**
 * `cockpit serve` started from another folder, with a database that cannot be opened (not
 * corruption): one clear error, exit code 1, within seconds; no restart loop, no backup litter.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('cockpit-serve-')));
afterEach(() => temp.cleanup());

/** The `cockpit` program with only the serve command, as electron/cli/index.ts runs it. */
function writeCliEntry(): string {
  const file = path.join(temp.dir, 'cockpit.mts');
  const require = createRequire(import.meta.url);
  const commander = pathToFileURL(require.resolve('commander')).href;
  const serve = pathToFileURL(path.join(REPO, 'electron/cli/commands/serve.ts')).href;
  fs.writeFileSync(
    file,
    `import { Command } from ${JSON.stringify(commander)};
import { registerServe } from ${JSON.stringify(serve)};
const program = new Command('cockpit').exitOverride();
registerServe(program);
try { await program.parseAsync(process.argv); } catch (error) {
  process.stderr.write('cockpit: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
  process.exitCode = 1;
}
`,
  );
  return file;
}

function tsxLoader(): string {
  const packageFile = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(packageFile), 'dist', 'loader.mjs')).href;
}

describe('cockpit serve start-up', () => {
  it('exits 1 with one clear message when the database cannot be opened, from any working folder', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const dbFile = path.join(temp.dir, 'not-a-file.sqlite');
    fs.mkdirSync(dbFile);
    const outsideRepo = fs.mkdtempSync(path.join(temp.dir, 'elsewhere-'));
    const child = spawn(process.execPath, ['--import', tsxLoader(), writeCliEntry(), 'serve', '--db', dbFile, '--data-dir', dataDir, '--offline', '--port', '0'], {
      cwd: outsideRepo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    clearTimeout(killer);

    expect(code, stderr).toBe(1);
    expect(stdout).not.toContain('is running');
    // On a fresh checkout serve first says it builds the renderer: progress, not an error.
    const lines = stderr.trim().split('\n').filter((line) => line.startsWith('cockpit:') && !line.startsWith('cockpit: building the renderer'));
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^cockpit: The core cannot start \(.*not-a-file\.sqlite\): .*database/);
    expect(stderr).not.toMatch(/restarting/);
    expect(fs.existsSync(path.join(dataDir, 'backups')) ? fs.readdirSync(path.join(dataDir, 'backups')) : []).toEqual([]);
    // The data folder browser mode created is private.
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  }, 40_000);
});

describe('cockpit serve --share-war-room', () => {
  it('binds only to an address of one of this machine interfaces, chosen by the user', async () => {
    const { parseShareAddress } = await import('./serve');
    expect(parseShareAddress('192.168.1.20', ['127.0.0.1', '192.168.1.20'])).toBe('192.168.1.20');
    expect(() => parseShareAddress('0.0.0.0', ['127.0.0.1', '192.168.1.20'])).toThrow(/not an address of this machine/);
    expect(() => parseShareAddress('10.0.0.9', ['127.0.0.1'])).toThrow(/127\.0\.0\.1/);
  });
});
