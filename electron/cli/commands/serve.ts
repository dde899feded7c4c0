import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { startCoreWorker } from '../../core/runtime/worker-client';
import { startHost } from '../../host/http-server';
import { parsePort } from '../options';
import { appVersion, defaultDataDir, RENDERER_OUT_DIR, REPO_ROOT } from '../paths';

interface ServeOptions {
  db?: string;
  dataDir: string;
  port: number;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start browser mode: the cockpit on http://127.0.0.1 with a per-launch token')
    .option('--db <file>', 'SQLite database file (default: <data-dir>/cockpit.sqlite)')
    .option('--data-dir <dir>', 'folder for the database, backups and logs', defaultDataDir())
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 0)
    .action(async (options: ServeOptions) => serve(options));
}

async function serve(options: ServeOptions): Promise<void> {
  ensureRendererBuilt();
  const dataDir = path.resolve(options.dataDir);
  const core = await startCoreWorker({
    core: { dataDir, dbFile: options.db && path.resolve(options.db), mode: 'browser', appVersion: appVersion() },
    onCrash: (reason) => process.stderr.write(`cockpit: the core stopped (${reason}); restarting\n`),
  });
  const host = await startHost({ core, staticDir: RENDERER_OUT_DIR, port: options.port });
  process.stdout.write(`Ops Cockpit (browser mode) is running: ${host.launchUrl}\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await core.close();
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
