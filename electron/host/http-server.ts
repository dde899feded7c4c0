/**
 * Browser mode: the same core API over HTTP (calls) and server-sent events (events), bound to
 * 127.0.0.1 and guarded by a random per-launch token, plus the built renderer as static files.
 *
 * When the user turns it on, a second listener offers the war-room screens to the local network:
 * bound to the one interface address the user picked, with its own token, and only the read
 * methods of the API reachable through it (every other method answers `forbidden`).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApiError, isMethodName, parseCall, readMethods, type CallResult, type CoreEvent } from '../core/api';
import type { CoreClient } from '../core/runtime/worker-client';
import { toWellFormedDeep } from '../core/sync/codec';
import { SECURITY_HEADERS } from './security-headers';

export interface HostOptions {
  core: CoreClient;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  port?: number;
  token?: string;
  /** How long a request body may take to arrive; default DEFAULT_BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
  /** Offer the war-room screens, read-only, on this interface address (off when absent). */
  share?: { address: string; port?: number; token?: string };
}

export interface SharedScreens {
  url: string;
  /** Opens the war room with the read-only token (in the fragment, like the launch URL). */
  launchUrl: string;
  token: string;
}

export interface HostHandle {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to servers. */
  launchUrl: string;
  token: string;
  /** The read-only war-room listener, when `share` was given. */
  shared: SharedScreens | null;
  close(): Promise<void>;
}

interface Listener {
  token: string;
  /** Only the contract's read methods may be called with this listener's token. */
  readOnly: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** A call body is at most 1 MB from the same machine: seconds are plenty (Node's own limit is 300 s). */
export const DEFAULT_BODY_TIMEOUT_MS = 5000;
/** Backstops for every route (Node checks them only every few seconds). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;
const HEARTBEAT_MS = 15_000;
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function startHost(options: HostOptions): Promise<HostHandle> {
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = options.core.onEvent((event) => broadcast(sseClients, event));
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  const serveOn = (address: string, port: number, listener: Listener) => listen(address, port, listener, { options, bodyTimeoutMs, sseClients });

  const token = options.token ?? randomBytes(24).toString('base64url');
  const main = await serveOn('127.0.0.1', options.port ?? 0, { token, readOnly: false });
  let shared: { server: http.Server; screens: SharedScreens } | null = null;
  if (options.share) {
    const viewerToken = options.share.token ?? randomBytes(24).toString('base64url');
    try {
      const server = await serveOn(options.share.address, options.share.port ?? 0, { token: viewerToken, readOnly: true });
      const url = `http://${hostPart(options.share.address)}:${(server.address() as AddressInfo).port}`;
      shared = { server, screens: { url, token: viewerToken, launchUrl: `${url}/#token=${viewerToken}&view=war-room` } };
    } catch (error) {
      await closeServer(main);
      throw error;
    }
  }
  const url = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;

  return {
    url,
    token,
    launchUrl: `${url}/#token=${token}`,
    shared: shared?.screens ?? null,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of sseClients) client.end();
      await Promise.all([closeServer(main), shared ? closeServer(shared.server) : undefined]);
    },
  };
}

interface Shared {
  options: HostOptions;
  bodyTimeoutMs: number;
  sseClients: Set<http.ServerResponse>;
}

/** One HTTP listener: the API with this listener's token and access, and the static renderer. */
async function listen(address: string, port: number, listener: Listener, shared: Shared): Promise<http.Server> {
  const { options, bodyTimeoutMs, sseClients } = shared;
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const body: CallResult = { ok: false, error: { code: 'internal', message: String(error) } };
      if (!response.headersSent) sendJson(response, 500, body);
      else response.destroy();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const base = `http://${hostPart(address)}:${bound}`;
  const allowedHosts = new Set(address === '127.0.0.1' ? [`127.0.0.1:${bound}`, `localhost:${bound}`] : [`${hostPart(address)}:${bound}`]);

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // A page on another site can resolve its own name to our address (DNS rebinding): insist on our host.
    if (!allowedHosts.has(request.headers.host ?? '')) return sendText(response, 421, 'Misdirected request');
    const requestUrl = new URL(request.url ?? '/', base);
    if (requestUrl.pathname === '/api/call') return handleCall(request, response);
    if (requestUrl.pathname === '/api/events') return handleEvents(requestUrl, request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
    return serveStatic(options.staticDir, requestUrl.pathname, response);
  }

  async function handleCall(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
    if (!tokenMatches(bearer(request.headers.authorization), listener.token)) {
      return sendJson(response, 401, failure(new ApiError('unauthorized', 'Missing or wrong token')));
    }
    let text: string;
    try {
      text = await readBody(request, MAX_BODY_BYTES, bodyTimeoutMs);
    } catch (error) {
      if (error instanceof BodyError) return refuseBody(request, response, error, bodyTimeoutMs);
      throw error;
    }
    let body: { method?: unknown; input?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (error) {
      return sendJson(response, 400, failure(new ApiError('invalid_input', `Body is not JSON: ${String(error)}`)));
    }
    try {
      // Before the input is looked at: a write method is refused whatever it was sent.
      if (listener.readOnly && isMethodName(body?.method) && !READ_METHODS.has(body.method)) {
        throw new ApiError('forbidden', `${body.method} changes data; the shared war-room screens may only read`);
      }
      // User text is stored as it arrives: a lone surrogate (a JSON \udXXX escape) becomes one U+FFFD.
      const call = parseCall(body?.method, toWellFormedDeep(body?.input));
      const result = await options.core.call(call.method, call.input);
      return sendJson(response, result.ok ? 200 : statusFor(result.error.code), result);
    } catch (error) {
      if (error instanceof ApiError) return sendJson(response, statusFor(error.code), failure(error));
      throw error;
    }
  }

  function handleEvents(requestUrl: URL, request: http.IncomingMessage, response: http.ServerResponse): void {
    if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
    // EventSource cannot set headers, so the token travels as a query parameter on this one route.
    if (!tokenMatches(requestUrl.searchParams.get('token') ?? undefined, listener.token)) {
      return sendJson(response, 401, failure(new ApiError('unauthorized', 'Missing or wrong token')));
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    sseClients.add(response);
    request.on('close', () => sseClients.delete(response));
  }

  return server;
}

const READ_METHODS: ReadonlySet<string> = new Set(readMethods);

/** An IPv6 address goes in brackets in a URL and a Host header. */
function hostPart(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

function broadcast(clients: Set<http.ServerResponse>, event: CoreEvent): void {
  const frame = `data: ${JSON.stringify(event)}\n\n`;
  for (const client of clients) client.write(frame);
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function statusFor(code: string): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden_sender':
    case 'forbidden':
      return 403;
    case 'unknown_method':
    case 'not_found':
      return 404;
    case 'database_corrupt':
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}

function failure(error: ApiError): CallResult {
  return { ok: false, error: error.toBody() };
}

/** A body that cannot be read: too large (413) or too slow (408). */
class BodyError extends Error {
  constructor(
    readonly status: 408 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

function readBody(request: http.IncomingMessage, limitBytes: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new BodyError(413, `Body over ${limitBytes} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: Error | null): void => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', done);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) done(new BodyError(413, `Body over ${limitBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = (): void => done(null);
    const timer = setTimeout(() => done(new BodyError(408, `Body not received within ${timeoutMs} ms`)), timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', done);
  });
}

/**
 * Answers a body error, then closes the connection. A client still sending would see a reset
 * instead of the answer if the socket closed now: the rest of a too-large body is read and
 * discarded first, for at most `graceMs`. A too-slow body gets no such grace.
 */
function refuseBody(request: http.IncomingMessage, response: http.ServerResponse, error: BodyError, graceMs: number): void {
  const body = JSON.stringify(failure(new ApiError('invalid_input', error.message)));
  response.writeHead(error.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  response.write(body);
  if (error.status === 408 || request.readableEnded) {
    response.end();
    return;
  }
  const close = (): void => {
    clearTimeout(timer);
    response.end();
    request.socket.destroySoon();
  };
  const timer = setTimeout(close, graceMs);
  request.once('end', close).once('error', close);
  request.resume();
}

function methodNotAllowed(response: http.ServerResponse, allow: string): void {
  response.writeHead(405, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Allow: allow });
  response.end('Method not allowed');
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function serveStatic(root: string, pathname: string, response: http.ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendText(response, 400, 'Malformed percent-encoding in the path');
  }
  const candidate = path.resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  // Refuse anything that escapes the renderer folder (../ tricks).
  const insideRoot = candidate === root || candidate.startsWith(root + path.sep);
  const file = insideRoot && fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : path.join(root, 'index.html');
  if (!fs.existsSync(file)) return sendText(response, 503, 'The renderer is not built yet: run `npm run build`.');
  const hashedAsset = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  fs.createReadStream(file).pipe(response);
}
