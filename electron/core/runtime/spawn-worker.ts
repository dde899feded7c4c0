import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/**
 * Starts a worker from a built .js entry, or from a .ts entry under tsx (CLI, tests): there the
 * thread must register tsx's loader itself, because workers on Node 20 do not inherit it.
 */
export function spawnWorker(workerFile: string, workerData: unknown): Worker {
  if (!workerFile.endsWith('.ts')) return new Worker(workerFile, { workerData });
  const entry = JSON.stringify(pathToFileURL(workerFile).href);
  // Resolved here, from the install folder: an eval'd worker would resolve 'tsx' from the working folder.
  const tsx = JSON.stringify(tsxEsmApiUrl());
  const bootstrap = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** tsx's ESM API (the `import` condition of its `./esm/api` export), found from this file. */
function tsxEsmApiUrl(): string {
  const packageFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = manifest.exports['./esm/api']?.import.default;
  if (!entry) throw new Error(`tsx at ${path.dirname(packageFile)} has no ESM API`);
  return pathToFileURL(path.join(path.dirname(packageFile), entry)).href;
}

