import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { openDatabase } from '../../../db/open';
import type { SyncProgress } from '../../core/sync/api-types';
import { createSyncEngine, type SyncLogger } from '../../core/sync/engine';
import { RESOURCE_FIELDS } from '../../core/sync/resources';
import { parsePositiveInt, parseUrl } from '../options';
import { commandRegistry } from '../../core/domains';

interface SyncOptions {
  db: string;
  api: string;
  token: string;
  once?: boolean;
  resources?: string[];
  pageLimit?: number;
  quiet?: boolean;
  giveUpAfter?: number;
  txnMs?: number;
}

function parseResources(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(name in RESOURCE_FIELDS));
  if (names.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`unknown resource ${unknown.join(', ') || '(none given)'}`);
  return names;
}

function parsePageLimit(value: string): number {
  const n = parsePositiveInt(value);
  if (n > 5000) throw new InvalidArgumentError('must be at most 5000');
  return n;
}

/** Warnings and errors on stderr as one line each; info is left out (progress has its own line). */
export function stderrLogger(): SyncLogger {
  const line = (level: string) => (details: object, message: string) => {
    const extra = Object.entries(details)
      .filter(([key]) => key !== 'err')
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    process.stderr.write(`cockpit sync: ${level}: ${message}${extra ? ` (${extra})` : ''}\n`);
  };
  return { info: () => undefined, warn: line('warn'), error: line('error') };
}

/** One line per resource that moved since the last report. */
function progressPrinter(): (progress: SyncProgress) => void {
  const last = new Map<string, string>();
  return (progress) => {
    for (const r of progress.resources) {
      const line = `${r.resource}: ${r.state} ${r.rowsApplied} rows applied, ${r.rowsReceived} received, ${r.rowsPerSec}/s${
        r.etaSeconds !== null && r.state !== 'caught_up' ? `, ETA ${r.etaSeconds}s` : ''
      }${r.malformed > 0 ? `, ${r.malformed} malformed kept aside` : ''}`;
      if (last.get(r.resource) === line || r.state === 'idle') continue;
      last.set(r.resource, line);
      process.stderr.write(`cockpit sync: ${line}\n`);
    }
  };
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('sync a cockpit database with the platform headless (pull every change feed, push the outbox)')
    .requiredOption('--db <file>', 'SQLite database file (created and migrated when missing)')
    .requiredOption('--api <url>', 'platform base URL, e.g. http://127.0.0.1:7788', parseUrl)
    .requiredOption('--token <token>', 'bearer token of the operator')
    .option('--once', 'pull until caught up, push the outbox, then exit (0 = caught up and nothing left to send)')
    .option('--resources <list>', 'comma-separated resources to pull (default: all, small ones first)', parseResources)
    .option('--page-limit <n>', 'items per change-feed request (1..5000)', parsePageLimit, 5000)
    .option('--give-up-after <seconds>', 'with --once: fail when the platform stays unreachable this long', parsePositiveInt, 120)
    .option('--txn-ms <ms>', 'target duration of one write transaction (a feed page is split into several when slower)', parsePositiveInt)
    .option('--quiet', 'no progress lines on stderr')
    .action(async (options: SyncOptions) => {
      process.exitCode = await runSync(options);
    });
}

async function runSync(options: SyncOptions): Promise<number> {
  const logger = stderrLogger();
  const opened = openDatabase({ file: path.resolve(options.db), logger, minBackupIntervalMs: Number.POSITIVE_INFINITY });
  // A bigger page cache keeps the index pages of the big tables in memory during a bootstrap.
  opened.sqlite.pragma('cache_size = -65536');
  const print = options.quiet ? undefined : progressPrinter();
  const engine = createSyncEngine({
    sqlite: opened.sqlite,
    logger,
    platform: { url: options.api, token: options.token },
    commands: commandRegistry,
    resources: options.resources,
    pageLimit: options.pageLimit,
    chunkBudgetMs: options.txnMs,
    progressIntervalMs: 1000,
    onProgress: print,
    // In the background nothing gives up; a one-shot run must end, so it fails after a while.
    retry: options.once ? { maxAttempts: 40, maxOfflineMs: (options.giveUpAfter ?? 120) * 1000 } : undefined,
  });
  try {
    if (options.once) {
      const summary = await engine.syncOnce();
      const { outbox } = summary;
      process.stderr.write(
        `cockpit sync: caught up in ${summary.seconds.toFixed(1)}s: ${summary.rowsApplied} rows applied, ${summary.malformed} malformed kept aside, ` +
          `${summary.commandsSent} commands answered; outbox: ${outbox.pending + outbox.sent} unsent, ${outbox.conflict} in conflict, ${outbox.rejected} rejected\n`,
      );
      return outbox.pending + outbox.sent === 0 ? 0 : 1;
    }
    engine.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await engine.stop();
    return 0;
  } finally {
    opened.close();
  }
}
