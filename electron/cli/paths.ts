import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (the CLI runs from source under tsx). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const RENDERER_OUT_DIR = path.join(REPO_ROOT, 'out', 'renderer');

/** Same folder the Electron app uses (app.getPath('userData')) on Linux, so both modes share data. */
export function defaultDataDir(): string {
  if (process.env.COCKPIT_DATA_DIR) return path.resolve(process.env.COCKPIT_DATA_DIR);
  const base = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(base, 'ops-cockpit');
}

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
