import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ensurePrivateDir } from '../../../db/private-files';
import type { PlatformChoice } from '../../core/runtime/platform-connection';
import { startCoreWorker } from '../../core/runtime/worker-client';
import { lazyDemoPlatform } from '../../host/demo-platform';
import { fileSecrets } from '../../host/file-secrets';
import { startHost } from '../../host/http-server';
import { parsePort, parseUrl } from '../options';
import { appVersion, defaultDataDir, RENDERER_OUT_DIR, REPO_ROOT } from '../paths';

interface ServeOptions {
  db?: string;
  dataDir: string;
  port: number;
  api?: string;
  token?: string;
  demo?: boolean;
  offline?: boolean;
  shareWarRoom?: string;
  sharePort?: number;
}

/** The addresses of this machine's network interfaces (what --share-war-room may bind to). */
function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((entry) => entry.address);
}

/** Only an address of one of this machine's interfaces: the user picks which network sees the screens. */
export function parseShareAddress(value: string, known: readonly string[] = interfaceAddresses()): string {
  if (!known.includes(value)) throw new InvalidArgumentError(`not an address of this machine's interfaces (${known.join(', ')})`);
  return value;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start browser mode: the cockpit on http://127.0.0.1 with a per-launch token')
    .option('--db <file>', 'SQLite database file (default: <data-dir>/cockpit.sqlite)')
    .option('--data-dir <dir>', 'folder for the database, backups and logs', defaultDataDir())
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 0)
    .option('--api <url>', 'sync with the platform at this URL (needs --token)', parseUrl)
    .option('--token <token>', 'bearer token for --api (or set COCKPIT_PLATFORM_TOKEN)')
    .option('--demo', 'sync with the demo workspace (the reference platform, in-process)')
    .option('--offline', 'do not sync at all (no platform)')
    .option('--share-war-room <address>', "offer the war-room screens read-only to the local network on this interface address (off by default)", (value) => parseShareAddress(value))
    .option('--share-port <port>', 'port for --share-war-room (0 = any free port)', parsePort, 0)
    .action(async (options: ServeOptions) => serve(options));
}

/** The flags pick the platform; without any, the user's configured platform or else the demo. */
function platformChoice(options: ServeOptions): PlatformChoice {
  const chosen = [options.api !== undefined, options.demo === true, options.offline === true].filter(Boolean).length;
  if (chosen > 1) throw new Error('choose one of --api, --demo and --offline');
  if (options.api) {
    const token = options.token ?? process.env.COCKPIT_PLATFORM_TOKEN;
    if (!token) throw new Error('--api needs --token (or COCKPIT_PLATFORM_TOKEN)');
    return { kind: 'remote', url: options.api, token };
  }
  if (options.token) throw new Error('--token needs --api');
  if (options.demo) return { kind: 'demo' };
  if (options.offline) return { kind: 'none' };
  return { kind: 'auto' };
}

async function serve(options: ServeOptions): Promise<void> {
  const platform = platformChoice(options);
  if (options.sharePort && !options.shareWarRoom) throw new Error('--share-port needs --share-war-room');
  ensureRendererBuilt();
  const dataDir = path.resolve(options.dataDir);
  // The database, backups, logs and the token file live here: user-only, even if it existed wider.
  ensurePrivateDir(dataDir, true);
  const demo = lazyDemoPlatform();
  let stopServing: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stopServing = resolve));
  // A start-up failure rejects here (and the CLI prints it once, exit code 1); onFatal is for later.
  const core = await startCoreWorker({
    core: { dataDir, dbFile: options.db && path.resolve(options.db), mode: 'browser', appVersion: appVersion(), platform },
    host: { ...fileSecrets(dataDir), startDemoPlatform: () => demo.get() },
    onCrash: (reason) => process.stderr.write(`cockpit: the core stopped (${reason}); restarting\n`),
    onFatal: (message) => {
      process.stderr.write(`cockpit: the core cannot run: ${message}\n`);
      process.exitCode = 1;
      stopServing();
    },
  }).catch(async (error: unknown) => {
    await demo.stop();
    throw error;
  });
  const share = options.shareWarRoom ? { address: options.shareWarRoom, port: options.sharePort ?? 0 } : undefined;
  const host = await startHost({ core, staticDir: RENDERER_OUT_DIR, port: options.port, ...(share ? { share } : {}) });
  process.stdout.write(`Ops Cockpit (browser mode) is running: ${host.launchUrl}\n`);
  if (host.shared) process.stdout.write(`War-room screens (read-only) for the local network: ${host.shared.launchUrl}\n`);

  process.once('SIGINT', stopServing);
  process.once('SIGTERM', stopServing);
  await stopped;
  await host.close();
  await core.close();
  await demo.stop();
}

/** Browser mode serves the production build; build it once if this checkout has none yet. */
function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_OUT_DIR, 'index.html'))) return;
  process.stderr.write('cockpit: building the renderer once (out/renderer is missing)…\n');
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('building the renderer failed (see the output above)');
}
