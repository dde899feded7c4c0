import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-dir';
import { createLogger, logFilePath } from './logger';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('cockpit-logs-')));
afterEach(() => temp.cleanup());

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

async function logOneLine(logsDir: string): Promise<void> {
  const logger = createLogger({ logsDir });
  logger.warn({ secret: false }, 'hello');
  const file = logFilePath(logsDir);
  for (let i = 0; i < 100 && !(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('hello')); i++) await new Promise((r) => setTimeout(r, 20));
  logger.flush();
}

describe('the log file is private', () => {
  it('is created 0600 in a 0700 folder', async () => {
    const logsDir = path.join(temp.dir, 'data', 'logs');
    await logOneLine(logsDir);
    expect(fs.readFileSync(logFilePath(logsDir), 'utf8')).toContain('hello');
    expect(modeOf(logsDir)).toBe('700');
    expect(modeOf(logFilePath(logsDir))).toBe('600');
  });

  it('tightens a logs folder and log file that already existed with wider modes', async () => {
    const logsDir = path.join(temp.dir, 'logs');
    fs.mkdirSync(logsDir, { mode: 0o755 });
    fs.chmodSync(logsDir, 0o755);
    fs.writeFileSync(logFilePath(logsDir), '', { mode: 0o644 });
    fs.chmodSync(logFilePath(logsDir), 0o644);
    await logOneLine(logsDir);
    expect(modeOf(logsDir)).toBe('700');
    expect(modeOf(logFilePath(logsDir))).toBe('600');
  });
});
