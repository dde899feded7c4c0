import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../../../db/private-files';

export type { Logger };

export interface LoggerOptions {
  logsDir: string;
  level?: string;
  /** Also mirror to stderr (CLI and dev); the log file is always written. */
  echo?: boolean;
}

export const LOG_FILE_NAME = 'cockpit.log';

/**
 * A structured JSON log in `<data dir>/logs`, rotated at 10 MB with five files kept, so a
 * war-room machine running for days never fills its disk with logs.
 */
export function createLogger(options: LoggerOptions): Logger {
  // Logs name merchants, operators and URLs: user-only, like the database.
  ensurePrivateDir(options.logsDir, true);
  ensurePrivateFile(logFilePath(options.logsDir));
  const file = createStream(LOG_FILE_NAME, { path: options.logsDir, size: '10M', maxFiles: 5, mode: PRIVATE_FILE_MODE });
  file.on('error', (error) => process.stderr.write(`cockpit: log file error: ${error.message}\n`));
  const level = options.level ?? process.env.COCKPIT_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [{ stream: file, level: level as pino.Level }];
  if (options.echo) streams.push({ stream: process.stderr, level: 'warn' });
  return pino({ level, base: { pid: process.pid } }, pino.multistream(streams));
}

export function logFilePath(logsDir: string): string {
  return path.join(logsDir, LOG_FILE_NAME);
}

/** For tests and tools that must not write files. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
