/**
 * HTTP front of the reference platform: auth, routing, request-level faults and JSON bodies.
 * Node's http module only; feed pages are written straight into a byte buffer (no object tree).
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { COMMAND_BATCH_MAX, isResourceName, type CommandResult, type ResourceName } from './contract';
import type { Operator } from './auth';
import type { CommandLedger } from './commands';
import { decodeCursor, encodeCursor } from './cursor';
import { ITEM_FAULT, itemFault, requestFault, type FaultFlags } from './faults';
import { hash3 } from './rng';
import type { PlatformState } from './state';
import { ByteWriter } from './writer';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 5000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Sees, after the fact, the feed pages served (log positions [fromPos, toPos)) and the commands applied. */
export interface PlatformObserver {
  pageServed?(resource: string, fromPos: number, toPos: number): void;
  commandsApplied?(commands: readonly unknown[], results: readonly CommandResult[]): void;
}

export interface ServerContext {
  state: PlatformState;
  ledger: CommandLedger;
  faults: FaultFlags;
  tokens: Map<string, Operator>;
  /** Random per process: cursors into the in-memory change log are only valid for this instance. */
  instance: number;
  /** Fingerprint of the generated world (seed, scale, start time): cursors of another world are unknown. */
  world: number;
  /** Bumped by expireAllCursors(): every older cursor answers 410. */
  cursorEpoch: number;
  /** Wall-clock ms when cursorTtlMs was last set: the age of cursors issued without a TTL counts from then. */
  ttlSetAt: number;
  /** Who watches what the server serves and applies (benchmarks); called after the fact, never changes an answer. */
  observers: Set<PlatformObserver>;
  setFaults(patch: Partial<FaultFlags>): FaultFlags;
  tick(count: number): void;
  setLive(on: boolean): void;
  expireAllCursors(): void;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export function createHttpServer(ctx: ServerContext): http.Server {
  let requestNumber = 0;
  const writer = new ByteWriter(4 << 20);
  const server = http.createServer((req, res) => {
    const n = requestNumber++;
    handle(ctx, writer, req, res, n).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, errorBody('internal_error', message));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * A truncated body. Odd coins: the full Content-Length is announced, part of the body sent, then
 * the connection dropped (the client sees an aborted response). Even coins: the response is
 * complete at the HTTP level but the JSON stops mid-way.
 */
function sendTruncated(res: http.ServerResponse, body: string | Buffer, n: number, seed: number): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const h = hash3(seed, n, 0x7c);
  const cut = 1 + (h % Math.max(1, bytes.length - 1));
  if ((h >>> 16) % 2 === 0) {
    send(res, 200, bytes.subarray(0, cut));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
  res.write(bytes.subarray(0, cut), () => (res.socket as Socket | null)?.destroy());
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function authenticate(ctx: ServerContext, req: http.IncomingMessage): Operator {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const operator = match ? ctx.tokens.get(match[1] as string) : undefined;
  if (!operator) throw new HttpError(401, 'unauthorized', match ? 'unknown or expired token' : 'missing bearer token');
  return operator;
}

function requireMethod(req: http.IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) throw new HttpError(405, 'method_not_allowed', `use ${method}`, { Allow: method });
}

async function handle(ctx: ServerContext, writer: ByteWriter, req: http.IncomingMessage, res: http.ServerResponse, n: number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname;
  try {
    if (path === '/v1/health') {
      requireMethod(req, 'GET');
      return send(res, 200, JSON.stringify({ status: 'ok', server_time: ctx.state.nowTs() }));
    }
    const operator = authenticate(ctx, req);
    if (path.startsWith('/__sim/')) return await handleSim(ctx, req, res, operator, path);

    const { faults } = ctx;
    const seed = ctx.state.seed;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (requestFault(seed, n, 'rateLimit', faults.rateLimitRate)) {
      throw new HttpError(429, 'rate_limited', 'too many requests', { 'Retry-After': String(Math.round(faults.retryAfterSec)) });
    }
    const failing = requestFault(seed, n, 'error', faults.errorRate);
    const failStatus = [500, 502, 503][hash3(seed, n, 0x5) % 3] ?? 500;
    const failAfter = path === '/v1/commands' && hash3(seed, n, 0x6) % 2 === 0; // the commands were applied, the answer is lost
    if (failing && !failAfter) throw new HttpError(failStatus, 'server_error', 'simulated server error');

    let body: string | Buffer;
    if (path === '/v1/me') {
      requireMethod(req, 'GET');
      body = JSON.stringify({ id: operator.id, name: operator.name, department: operator.department, category_ids: operator.category_ids });
    } else if (path.startsWith('/v1/changes/')) {
      requireMethod(req, 'GET');
      body = feed(ctx, writer, operator, path.slice('/v1/changes/'.length), url.searchParams);
    } else if (path === '/v1/commands') {
      requireMethod(req, 'POST');
      body = commands(ctx, operator, await readBody(req));
    } else {
      throw new HttpError(404, 'not_found', `no route ${path}`);
    }
    if (failing) throw new HttpError(failStatus, 'server_error', 'simulated server error');
    if (requestFault(seed, n, 'truncate', faults.truncateRate)) return sendTruncated(res, body, n, seed);
    send(res, 200, body);
    if (typeof body !== 'string') res.once('close', () => writer.release(body)); // sent (or dropped): reuse the buffer
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    send(res, error.status, errorBody(error.code, error.message), error.headers);
  }
}

function parseLimit(text: string | null): number {
  if (text === null || text === '') return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'bad_limit', `limit must be an integer in 1..${MAX_LIMIT}`);
  return Math.min(limit, MAX_LIMIT); // limit is a hint: more than the maximum gets the maximum
}

function feed(ctx: ServerContext, out: ByteWriter, operator: Operator, resource: string, params: URLSearchParams): Buffer {
  if (!isResourceName(resource)) throw new HttpError(404, 'unknown_resource', `no resource ${resource}`);
  const name: ResourceName = resource;
  const rs = ctx.state.resource(name);
  const limit = parseLimit(params.get('limit'));
  const now = Date.now();
  const ttl = ctx.faults.cursorTtlMs;
  let pos = 0;
  const cursorText = params.get('cursor');
  if (cursorText !== null && cursorText !== '') {
    const cursor = decodeCursor(cursorText);
    if (!cursor || cursor.resource !== name) throw new HttpError(400, 'bad_cursor', 'cursor is not valid for this resource');
    const inLog = cursor.pos > rs.source.count;
    const known = cursor.world === ctx.world && cursor.epoch === ctx.cursorEpoch && cursor.pos <= rs.end
      && cursor.instance === (inLog ? ctx.instance : 0);
    const tooOld = ttl > 0 && now - Math.max(cursor.issued, ctx.ttlSetAt) > ttl;
    if (!known || tooOld) throw new HttpError(410, 'cursor_expired', 'cursor is no longer known: bootstrap this resource again');
    pos = cursor.pos;
  }
  out.reset();
  out.utf8('{"items":[');
  const page = ctx.state.page(name, pos, limit, operator.scope, ctx.faults, out);
  let nextPos = page.nextPos;
  // At-least-once across pages too: now and then the next cursor points a little back, so the
  // next page repeats the end of this one.
  if (page.items > 1 && itemFault(ctx.state.seed, rs.salt, ITEM_FAULT.duplicate ^ 0xff, pos, ctx.faults.duplicateRate)) {
    nextPos -= 1 + (hash3(ctx.state.seed, rs.salt, nextPos) % Math.min(20, nextPos - pos - 1));
  }
  const nextCursor = encodeCursor({
    resource: name, pos: nextPos, epoch: ctx.cursorEpoch, world: ctx.world,
    instance: nextPos > rs.source.count ? ctx.instance : 0, issued: ttl > 0 ? now : 0,
  });
  out.utf8(`],"next_cursor":"${nextCursor}","has_more":${nextPos < rs.end},"server_time":"${ctx.state.nowTs()}"}`);
  for (const observer of ctx.observers) observer.pageServed?.(name, pos, page.nextPos);
  return out.detach();
}

function commands(ctx: ServerContext, operator: Operator, text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_json', 'body is not JSON');
  }
  const list = typeof parsed === 'object' && parsed !== null ? (parsed as { commands?: unknown }).commands : undefined;
  if (!Array.isArray(list)) throw new HttpError(400, 'bad_request', 'expected {"commands": [...]}');
  if (list.length > COMMAND_BATCH_MAX) throw new HttpError(400, 'too_many_commands', `at most ${COMMAND_BATCH_MAX} commands per request`);
  const results: CommandResult[] = list.map((command) => ctx.ledger.execute(command, operator));
  for (const observer of ctx.observers) observer.commandsApplied?.(list, results);
  return JSON.stringify({ results });
}

/**
 * Control endpoints for tests and demos, admin token only (the same things the handle offers, for
 * a server in another process): GET/POST /__sim/faults, POST /__sim/expire-cursors,
 * POST /__sim/tick?count=n, POST /__sim/live?on=true|false.
 */
async function handleSim(ctx: ServerContext, req: http.IncomingMessage, res: http.ServerResponse, operator: Operator, path: string): Promise<void> {
  if (!operator.isAdmin) throw new HttpError(403, 'forbidden', 'admin token required');
  const params = new URL(req.url ?? '/', 'http://sim').searchParams;
  if (path === '/__sim/faults') {
    if (req.method === 'POST') {
      let patch: unknown;
      try {
        patch = JSON.parse((await readBody(req)) || '{}');
      } catch {
        throw new HttpError(400, 'bad_json', 'body is not JSON');
      }
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new HttpError(400, 'bad_request', 'expected an object of fault flags');
      try {
        ctx.setFaults(patch as Partial<FaultFlags>);
      } catch (error) {
        throw new HttpError(400, 'bad_fault', error instanceof Error ? error.message : String(error));
      }
    }
    return send(res, 200, JSON.stringify(ctx.faults));
  }
  requireMethod(req, 'POST');
  if (path === '/__sim/expire-cursors') {
    ctx.expireAllCursors();
    return send(res, 200, JSON.stringify({ epoch: ctx.cursorEpoch }));
  }
  if (path === '/__sim/tick') {
    const count = Number(params.get('count') ?? '1');
    if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new HttpError(400, 'bad_request', 'count must be an integer in 1..10000');
    ctx.tick(count);
    return send(res, 200, JSON.stringify({ server_time: ctx.state.nowTs() }));
  }
  if (path === '/__sim/live') {
    ctx.setLive(params.get('on') !== 'false');
    return send(res, 200, JSON.stringify({ live: params.get('on') !== 'false' }));
  }
  throw new HttpError(404, 'not_found', `no route ${path}`);
}

