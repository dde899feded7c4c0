/**
 * The shell must start fast on a modest office PC: the JavaScript the page loads before any
 * board chunk is kept under 1 MB gzip. Measured on the production build (out/renderer): the
 * entry script of index.html plus everything it imports statically, transitively. Boards and
 * what only they use (the grid, the charts) are dynamic imports and load later.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';

const RENDERER_DIR = path.resolve(import.meta.dirname, '..', 'out', 'renderer');
const LIMIT_BYTES = 1024 * 1024;

/** Static `import … from "./x.js"` and `import "./x.js"` (not `import("./x.js")`) of a built chunk. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    if (match[1]) found.add(match[1]);
  }
  return [...found];
}

export function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g)].map((match) => match[1] as string);
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(RENDERER_DIR, file), 'utf8');
    for (const imported of staticImports(code)) queue.push(path.posix.join(path.posix.dirname(file), imported));
  }
  return [...seen];
}

test('the shell loads less than 1 MB of JavaScript (gzip) before any board', () => {
  test.skip(!fs.existsSync(path.join(RENDERER_DIR, 'index.html')), 'build the renderer first (npm run build)');
  const files = initialScripts();
  const sizes = files.map((file) => {
    const code = fs.readFileSync(path.join(RENDERER_DIR, file));
    return { file, raw: code.length, gzip: zlib.gzipSync(code, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
  const report = sizes.map((size) => `${size.file}: ${(size.raw / 1024).toFixed(1)} KiB raw, ${(size.gzip / 1024).toFixed(1)} KiB gzip`).join('\n');
  console.log(`Initial JS of the shell: ${(total / 1024).toFixed(1)} KiB gzip\n${report}`);
  test.info().annotations.push({ type: 'initial-js-gzip-bytes', description: String(total) });
  // Sanity: the boards are not part of it.
  expect(files.some((file) => /Board-/.test(file))).toBe(false);
  expect(total).toBeLessThan(LIMIT_BYTES);
});
