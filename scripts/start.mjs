#!/usr/bin/env node
// `npm start`: the real Electron app where its binary exists; browser mode where it cannot
// (our build machines cannot download the Electron binary), said in one clear line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const extraArgs = process.argv.slice(2);

function electronBinary() {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const existing = () => fs.existsSync(pathFile) && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')));
  if (existing()) return path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  // Electron's npm package fetches its binary on first use; try once, quietly and briefly.
  const attempt = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return attempt.status === 0 && existing() ? path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')) : null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = electronBinary();
if (!electron) {
  console.log('Electron binary is not available on this machine (it could not be downloaded); starting browser mode instead.');
  const child = spawn(bin('tsx'), [path.join(root, 'electron/cli/index.ts'), 'serve', ...extraArgs], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  run(process.execPath, [path.join(root, 'scripts/rebuild-native-for-electron.mjs')]);
  run(bin('electron-vite'), ['build']);
  const child = spawn(electron, [root, ...extraArgs], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
