#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron/, apart from node_modules, so the
// Node build that `npm test` uses is never replaced. Needs Electron's headers (a download), which
// is why `npm ci` and `npm test` never call this: only `npm start` (with Electron) and `npm run dist`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { rebuild } from '@electron/rebuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const targetDir = path.join(root, '.native', 'electron');
const target = path.join(targetDir, 'better_sqlite3.node');
const stamp = path.join(targetDir, 'built-for.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-native-'));
try {
  const moduleDir = path.join(work, 'node_modules', 'better-sqlite3');
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), moduleDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'native-build', version: '0.0.0', dependencies: { 'better-sqlite3': sqliteVersion } }));
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`);
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  fs.mkdirSync(targetDir, { recursive: true });
  fs.copyFileSync(path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.writeFileSync(stamp, wanted);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
