import { InvalidArgumentError, Option, type Command } from 'commander';
import { SCALE_NAMES, startPlatformServer, type FaultFlags, type ScaleName } from '../../../platform';
import { parsePort } from '../options';

interface PlatformSimOptions {
  port: number;
  host: string;
  seed: number;
  scale: ScaleName;
  live: boolean;
  tickMs: number;
  startTime?: string;
  errorRate?: number;
  latencyMs?: number;
  truncateRate?: number;
  duplicateRate?: number;
  outOfOrderRate?: number;
  rateLimitRate?: number;
  retryAfter?: number;
  malformedRate?: number;
  cursorTtl?: number;
}

function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
}

function parseNonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number >= 0');
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function parseTick(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError('must be an integer >= 10 (ms)');
  return n;
}

/** `cockpit platform-sim …` — the reference platform server (SPEC v1) with live changes and fault injection. */
export function registerPlatformSim(program: Command): void {
  program
    .command('platform-sim')
    .description('run the reference platform server: deterministic data per seed, live changes, optional faults')
    .option('--port <port>', 'TCP port (0 = any free port)', parsePort, 7788)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <n>', 'data seed: the same seed gives the same data', parseSeed, 1)
    .addOption(new Option('--scale <scale>', 'data set size').choices(SCALE_NAMES).default('small'))
    .option('--no-live', 'no live changes (new mentions, KPI points, incidents, other operators)')
    .option('--tick-ms <ms>', 'live step period, also how far the simulated clock moves per step', parseTick, 3000)
    .option('--start-time <time>', "simulated start, RFC 3339 or 'now' (default 2026-11-11T10:00:00+08:00)")
    .option('--error-rate <rate>', 'share of requests answered 5xx', parseRate)
    .option('--latency-ms <ms>', 'delay added to every response', parseNonNegative)
    .option('--truncate-rate <rate>', 'share of responses with a truncated body', parseRate)
    .option('--duplicate-rate <rate>', 'share of feed items repeated in the same page', parseRate)
    .option('--out-of-order-rate <rate>', 'share of feed items followed by an older version', parseRate)
    .option('--rate-limit-rate <rate>', 'share of requests answered 429 with Retry-After', parseRate)
    .option('--retry-after <seconds>', 'Retry-After sent with a 429', parseNonNegative)
    .option('--malformed-rate <rate>', 'share of feed records served malformed', parseRate)
    .option('--cursor-ttl <ms>', 'cursors older than this answer 410 cursor_expired', parseNonNegative)
    .action(async (options: PlatformSimOptions) => {
      const faults: Partial<FaultFlags> = {
        errorRate: options.errorRate,
        latencyMs: options.latencyMs,
        truncateRate: options.truncateRate,
        duplicateRate: options.duplicateRate,
        outOfOrderRate: options.outOfOrderRate,
        rateLimitRate: options.rateLimitRate,
        retryAfterSec: options.retryAfter,
        malformedRate: options.malformedRate,
        cursorTtlMs: options.cursorTtl,
      };
      const started = performance.now();
      const server = await startPlatformServer({
        port: options.port, host: options.host, seed: options.seed, scale: options.scale, live: options.live,
        tickMs: options.tickMs, startTime: options.startTime, faults,
      });
      const out = process.stdout;
      out.write(`platform-sim listening on ${server.url}  (scale ${options.scale}, seed ${options.seed}, live ${options.live ? 'on' : 'off'}, started in ${Math.round(performance.now() - started)} ms)\n`);
      out.write('tokens:\n');
      for (const operator of server.tokens.operators) {
        const scope = operator.allCategories ? 'all categories' : operator.category_ids.join(',');
        out.write(`  ${operator.token}  ${operator.id} ${operator.name} (${scope})\n`);
      }
      out.write(`  ${server.tokens.admin}  admin (all categories, /__sim/* control endpoints)\n`);
      const active = Object.entries(server.faults).filter(([name, value]) => value !== 0 && name !== 'retryAfterSec');
      if (active.length > 0) out.write(`faults: ${active.map(([name, value]) => `${name}=${value}`).join(' ')}\n`);
      out.write('Ctrl+C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
