/**
 * The other side of sync, run inside the test process: the reference platform server, a proxy in
 * front of it that can hold the cockpit's pushes back (the network failing for `POST
 * /v1/commands` only, while the change feeds keep flowing), and a second operator acting on the
 * platform directly.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatformServer, type PlatformServerHandle, type PlatformServerOptions } from '../platform';

export type { PlatformServerHandle };

export async function startTestPlatform(options: PlatformServerOptions = {}): Promise<PlatformServerHandle> {
  return startPlatformServer({ seed: 11, scale: 'small', live: false, ...options });
}

export interface PushGate {
  /** What the cockpit is given as `--api`. */
  url: string;
  /** While held, every `POST /v1/commands` fails with 503 (the cockpit must keep the commands and retry). */
  hold(): void;
  release(): void;
  /** Pushes refused while held. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startPushGate(targetUrl: string): Promise<PushGate> {
  const target = new URL(targetUrl);
  let held = false;
  let refused = 0;
  const server = http.createServer((req, res) => {
    if (held && req.method === 'POST' && (req.url ?? '').startsWith('/v1/commands')) {
      refused += 1;
      req.resume();
      const body = JSON.stringify({ error: { code: 'server_error', message: 'push held back by the test' } });
      res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hold: () => void (held = true),
    release: () => void (held = false),
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface CommandResult {
  id: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  entity?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** Another operator, at another desk, changing records on the platform directly. */
export async function actAsOtherOperator(
  platform: PlatformServerHandle,
  command: { type: string; entityId: string; payload: Record<string, unknown> },
): Promise<CommandResult> {
  const response = await fetch(`${platform.url}/v1/commands`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${platform.tokens.admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands: [{ id: randomUUID(), type: command.type, entity_id: command.entityId, payload: command.payload }] }),
  });
  if (!response.ok) throw new Error(`the platform answered HTTP ${response.status}: ${await response.text()}`);
  const { results } = (await response.json()) as { results: CommandResult[] };
  return results[0] as CommandResult;
}

/** The platform's current record (what a fresh pull would bring). */
export async function platformRecord(platform: PlatformServerHandle, resource: string, id: string): Promise<Record<string, unknown> | undefined> {
  for await (const record of platform.snapshot(resource)) {
    if (record.id === id) return record;
  }
  return undefined;
}
