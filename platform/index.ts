/**
 * The reference platform server: a deterministic simulator of the Platform API v1
 * (/work/shared/platform-api/SPEC.md) for the demo workspace, tests and benchmarks.
 *
 *   const server = await startPlatformServer({ scale: 'small', seed: 7 });
 *   server.url                         // http://127.0.0.1:<port>
 *   server.tokens.operators[0].token   // all categories (the demo workspace uses this one)
 *   server.tokens.operators[1].token   // a scoped operator: /v1/me category_ids limit the data
 *   server.tokens.operators.at(-1)     // a colleague with all categories (act as "another operator")
 *   server.tokens.admin                // also allowed on the /__sim/* control endpoints
 *   server.applyCommands([...], server.tokens.operators.at(-1)!.token)  // same results as POST /v1/commands
 *   server.tick(5)                     // 5 live steps (new mentions, KPIs, incidents…), deterministic
 *   server.setFaults({ errorRate: 0.1 }) / server.expireCursors() / server.setLive(true)
 *   await server.close()
 *
 * The same controls exist over HTTP with the admin token (see handleSim in server.ts) for a server
 * started in another process (`npm run cockpit -- platform-sim`).
 */
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { buildOperators, type Operator } from './auth';
import { CommandLedger } from './commands';
import { RESOURCES as CONTRACT_RESOURCES, isResourceName, type CommandResult } from './contract';
import { NO_FAULTS, applyFaultPatch, type FaultFlags } from './faults';
import { LiveSimulator } from './live';
import { hash3, salt } from './rng';
import { SCALES, type ScaleName } from './scale';
import { createHttpServer, type PlatformObserver, type ServerContext } from './server';
export type { PlatformObserver } from './server';
import type { Rec } from './source';
import { PlatformState } from './state';
import { MINUTE_MS, parseInstant } from './time';

export type { FaultFlags } from './faults';
export { FAULT_NAMES, NO_FAULTS } from './faults';
export type { ScaleName } from './scale';
export { SCALE_NAMES, SCALES } from './scale';

/** Default simulated start: the morning of Double 11 (fixed, so the same seed gives the same data). */
export const DEFAULT_START_TIME = '2026-11-11T10:00:00+08:00';

export interface PlatformServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Default 1. Same seed (and scale and start time) = same data, byte for byte. */
  seed?: number;
  /** Default 'small'. */
  scale?: ScaleName;
  /** Live changes on a wall-clock timer every tickMs. Default false (tests call tick()); the CLI defaults to true. */
  live?: boolean;
  /** Live tick period in ms, also how far the simulated clock moves per tick. Default 3000. */
  tickMs?: number;
  /** Fault flags at start (see FaultFlags); change them later with setFaults. */
  faults?: Partial<FaultFlags>;
  /** Simulated "now" at start: RFC 3339, or 'now' for the wall clock. Data ends just before it. Default DEFAULT_START_TIME. */
  startTime?: string;
}

export interface OperatorToken {
  token: string;
  id: string; // the person id (people resource)
  name: string;
  department: string;
  category_ids: string[]; // what /v1/me answers: the level-1 categories in scope
  allCategories: boolean;
}

export interface InjectedBurst {
  subjectType: 'merchant';
  subjectId: string;
  topic: string;
  mentionIds: string[];
  fromPos: number;
  toPos: number;
}

export interface PlatformServerHandle {
  url: string;
  port: number;
  seed: number;
  scale: ScaleName;
  /**
   * operators[0]: all categories (demo workspace). operators[1..4]: scoped to a few level-1
   * categories each. The last operator: a second all-categories colleague. admin: all categories,
   * plus the /__sim/* control endpoints.
   */
  tokens: { admin: string; operators: OperatorToken[] };
  /** The current fault flags (a copy; change them with setFaults). */
  readonly faults: FaultFlags;
  /** Validates and merges fault flags; throws on an unknown flag or a bad value. Returns the flags now in force. */
  setFaults(patch: Partial<FaultFlags>): FaultFlags;
  /** Every cursor issued so far answers 410 cursor_expired from now on. */
  expireCursors(): void;
  /** Runs `count` live steps at once (default 1); deterministic for seed + number of ticks. */
  tick(count?: number): void;
  /** Starts or stops the wall-clock live timer. */
  setLive(on: boolean): void;
  readonly live: boolean;
  /** Number of live steps run so far. */
  readonly ticks: number;
  /** Simulated server time (RFC 3339, +08:00), as in server_time. */
  serverTime(): string;
  /**
   * Executes commands as the operator behind a token (or person id) — exactly what POST /v1/commands
   * would answer, without faults. Use it to act as another operator (e.g. acknowledge an alert the
   * app holds, so the app's own command meets a conflict).
   */
  applyCommands(commands: unknown[], tokenOrOperatorId: string): CommandResult[];
  /**
   * Publishes `count` (default 60) negative mentions about one merchant now, with no alert opened
   * for them: a burst the cockpit must detect itself. `fromPos`/`toPos`: where they sit in the
   * mentions feed, for `observe`'s pageServed.
   */
  injectBurst(count?: number): InjectedBurst;
  /** Watches the feed pages served and the commands applied from now on; returns the unsubscribe. */
  observe(observer: PlatformObserver): () => void;
  /** The current record (what the feed serves last for this id), or null when absent or deleted. */
  getRecord(resource: string, id: string): Record<string, unknown> | null;
  /** Current live records of a resource (all categories), sorted by id; deletes absent. */
  snapshot(resource: string): AsyncIterable<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The SPEC's resource names in sync order (small reference data first, big feeds last). */
export const RESOURCES: readonly string[] = CONTRACT_RESOURCES;

export function resolveStartTime(text: string | undefined): number {
  if (text === undefined) return parseInstant(DEFAULT_START_TIME);
  if (text === 'now') return Math.floor(Date.now() / 1000) * 1000;
  const ms = parseInstant(text);
  if (!Number.isFinite(ms)) throw new Error(`start time must be RFC 3339 or 'now', got ${JSON.stringify(text)}`);
  return ms;
}

export async function startPlatformServer(opts: PlatformServerOptions = {}): Promise<PlatformServerHandle> {
  const scaleName = opts.scale ?? 'small';
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${String(scaleName)} (small, medium or large)`);
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('seed must be a non-negative integer');
  const tickMs = opts.tickMs ?? 3000;
  if (!(tickMs > 0)) throw new Error('tickMs must be > 0');
  const faults: FaultFlags = { ...NO_FAULTS };
  applyFaultPatch(faults, opts.faults ?? {});
  const startMs = resolveStartTime(opts.startTime);

  const state = new PlatformState(seed >>> 0, scale, startMs);
  const ledger = new CommandLedger(state);
  const live = new LiveSimulator(state, ledger, tickMs);
  const { admin, operators } = buildOperators(state.world);
  const tokens = new Map<string, Operator>([[admin.token, admin], ...operators.map((o) => [o.token, o] as const)]);
  let timer: NodeJS.Timeout | null = null;

  const ctx: ServerContext = {
    state, ledger, faults, tokens,
    instance: randomInt(1, 2 ** 31),
    world: hash3(seed >>> 0, salt(scaleName), Math.floor(startMs / MINUTE_MS)),
    cursorEpoch: 1,
    ttlSetAt: Date.now(),
    observers: new Set(),
    setFaults(patch) {
      applyFaultPatch(faults, patch as Record<string, unknown>);
      if (patch.cursorTtlMs !== undefined) ctx.ttlSetAt = Date.now();
      return { ...faults };
    },
    tick(count) {
      for (let i = 0; i < count; i++) live.tick();
    },
    setLive(on) {
      if (on && !timer) {
        timer = setInterval(() => live.tick(), tickMs);
        timer.unref();
      } else if (!on && timer) {
        clearInterval(timer);
        timer = null;
      }
    },
    expireAllCursors() {
      ctx.cursorEpoch++;
    },
  };

  const server = createHttpServer(ctx);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  if (opts.live) ctx.setLive(true);

  const operatorFor = (key: string): Operator => {
    const operator = tokens.get(key) ?? operators.find((o) => o.id === key) ?? (key === admin.id ? admin : undefined);
    if (!operator) throw new Error(`no operator with token or id ${key}`);
    return operator;
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    seed,
    scale: scaleName,
    tokens: {
      admin: admin.token,
      operators: operators.map((o) => ({
        token: o.token, id: o.id, name: o.name, department: o.department, category_ids: [...o.category_ids], allCategories: o.scope === null,
      })),
    },
    get faults() {
      return { ...faults };
    },
    setFaults: (patch) => ctx.setFaults(patch),
    expireCursors: () => ctx.expireAllCursors(),
    tick: (count = 1) => ctx.tick(count),
    setLive: (on) => ctx.setLive(on),
    get live() {
      return timer !== null;
    },
    get ticks() {
      return live.ticks;
    },
    serverTime: () => state.nowTs(),
    injectBurst(count = 60) {
      const fromPos = state.resource('mentions').end;
      const burst = live.injectBurst(count);
      return { ...burst, fromPos, toPos: state.resource('mentions').end };
    },
    observe(observer) {
      ctx.observers.add(observer);
      return () => ctx.observers.delete(observer);
    },
    applyCommands: (commands, key) => {
      const operator = operatorFor(key);
      return commands.map((command) => ledger.execute(command, operator));
    },
    getRecord(resource, id) {
      if (!isResourceName(resource)) throw new Error(`unknown resource ${resource}`);
      const record: Rec | null = state.get(resource, id);
      return record ? { ...record } : null;
    },
    snapshot(resource) {
      if (!isResourceName(resource)) throw new Error(`unknown resource ${resource}`);
      return state.snapshot(resource);
    },
    close: () => new Promise<void>((resolve, reject) => {
      ctx.setLive(false);
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
