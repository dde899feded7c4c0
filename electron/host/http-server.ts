/**
 * Browser mode: the same core API over HTTP (calls) and server-sent events (events), bound to
 * 127.0.0.1 and guarded by a random per-launch token, plus the built renderer as static files.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApiError, parseCall, type CallResult, type CoreEvent } from '../core/api';
import type { CoreClient } from '../core/runtime/worker-client';
import { SECURITY_HEADERS } from './security-headers';

export interface HostOptions {
  core: CoreClient;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface HostHandle {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to servers. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
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
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const body: CallResult = { ok: false, error: { code: 'internal', message: String(error) } };
      if (!response.headersSent) sendJson(response, 500, body);
      else response.destroy();
    });
  });
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = options.core.onEvent((event) => broadcast(sseClients, event));
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // A page on another site can resolve its own name to 127.0.0.1 (DNS rebinding): insist on our host.
    if (!allowedHosts.has(request.headers.host ?? '')) return sendText(response, 421, 'Misdirected request');
    const requestUrl = new URL(request.url ?? '/', url);
    if (requestUrl.pathname === '/api/call') return handleCall(request, response);
    if (requestUrl.pathname === '/api/events') return handleEvents(requestUrl, request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');
    return serveStatic(options.staticDir, requestUrl.pathname, response);
  }

  async function handleCall(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed');
    if (!tokenMatches(bearer(request.headers.authorization), token)) {
      return sendJson(response, 401, failure(new ApiError('unauthorized', 'Missing or wrong token')));
    }
    let body: { method?: unknown; input?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch (error) {
      return sendJson(response, 400, failure(new ApiError('invalid_input', `Body is not JSON: ${String(error)}`)));
    }
    try {
      const call = parseCall(body?.method, body?.input);
      const result = await options.core.call(call.method, call.input);
      return sendJson(response, result.ok ? 200 : statusFor(result.error.code), result);
    } catch (error) {
      if (error instanceof ApiError) return sendJson(response, statusFor(error.code), failure(error));
      throw error;
    }
  }

  function handleEvents(requestUrl: URL, request: http.IncomingMessage, response: http.ServerResponse): void {
    // EventSource cannot set headers, so the token travels as a query parameter on this one route.
    if (!tokenMatches(requestUrl.searchParams.get('token') ?? undefined, token)) {
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

  return {
    url,
    token,
    launchUrl: `${url}/#token=${token}`,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
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
  const decoded = decodeURIComponent(pathname);
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
