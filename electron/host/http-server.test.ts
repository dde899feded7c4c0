import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-dir';
import { startCoreWorker, type CoreClient } from '../core/runtime/worker-client';
import { methods, readMethods } from '../core/api';
import { DEFAULT_BODY_TIMEOUT_MS, startHost, type HostHandle } from './http-server';

let temp: ReturnType<typeof makeTempDir>;
let core: CoreClient;
let host: HostHandle;

beforeAll(async () => {
  temp = makeTempDir();
  const staticDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>cockpit</title>');
  fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'do not serve');
  core = await startCoreWorker({ core: { dataDir: path.join(temp.dir, 'data'), mode: 'browser', appVersion: '1', writeLogs: false } });
  host = await startHost({ core, staticDir });
});
afterAll(async () => {
  await host.close();
  await core.close();
  temp.cleanup();
});

function call(body: unknown, token: string | null = host.token): Promise<Response> {
  return fetch(`${host.url}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('browser-mode host', () => {
  it('binds to loopback and puts the token in the URL fragment only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.launchUrl).toBe(`${host.url}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a valid call', async () => {
    const response = await call({ method: 'settings.get', input: {} });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'light' } });
  });

  it('refuses calls without the right token', async () => {
    expect((await call({ method: 'settings.get', input: {} }, null)).status).toBe(401);
    const wrong = await call({ method: 'settings.get', input: {} }, 'x'.repeat(host.token.length));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers unknown methods, bad input and broken JSON with typed errors', async () => {
    const unknown = await call({ method: 'fs.readFile', input: { path: '/etc/passwd' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const invalid = await call({ method: 'settings.update', input: { language: 'fr' } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = await call('{"method":');
    expect(broken.status).toBe(400);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await fetch(`${host.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await page.text()).toContain('<title>cockpit</title>');
    const escape = await fetch(`${host.url}/..%2Fsecret.txt`);
    expect(await escape.text()).not.toContain('do not serve');
  });

  it('rejects requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.url}/`, { headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('streams core events as server-sent events to token holders', async () => {
    const denied = await fetch(`${host.url}/api/events?token=wrong`);
    expect(denied.status).toBe(401);

    const controller = new AbortController();
    const stream = await fetch(`${host.url}/api/events?token=${host.token}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await call({ method: 'settings.update', input: { theme: 'dark' } });
    let received = '';
    while (!received.includes('settings.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    const frame = received.split('\n').find((line) => line.startsWith('data: '));
    expect(JSON.parse(frame!.slice(6))).toEqual({ name: 'settings.changed', payload: { language: 'zh-CN', theme: 'dark' } });
  });
});

/** Sends raw bytes and collects what the server answers until it closes the connection (or a time limit). */
function rawExchange(url: string, send: (socket: net.Socket) => void, limitMs = 5000): Promise<{ text: string; closedBy: 'server' | 'limit'; ms: number }> {
  const { port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => send(socket));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedBy: 'limit', ms: Date.now() - started });
    }, limitMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error) => (text ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedBy: 'server', ms: Date.now() - started });
    });
  });
}

describe('browser-mode host: HTTP edges', () => {
  it('answers an over-size body with 413 and a typed error, not a reset', async () => {
    const big = JSON.stringify({ method: 'settings.get', input: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const response = await call(big);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // Declared too large up front: refused before the body is read.
    const declared = await rawExchange(host.url, (socket) =>
      socket.write(`POST /api/call HTTP/1.1\r\nHost: ${new URL(host.url).host}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n{"method":`),
      1000,
    );
    expect(declared.text).toMatch(/^HTTP\/1\.1 413 /);
    // The host still answers afterwards.
    expect((await call({ method: 'settings.get', input: {} })).status).toBe(200);
  });

  it('answers malformed percent-encoding with 400, not 500', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/%C0%AF']) {
      const response = await fetch(`${host.url}${bad}`);
      expect(response.status, bad).toBe(400);
    }
  });

  it('answers /api/events only to GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${host.url}/api/events?token=${host.token}`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
  });

  it('gives a request body a few seconds, not five minutes', async () => {
    const slow = await startHost({ core, staticDir: path.join(temp.dir, 'renderer'), bodyTimeoutMs: 300 });
    try {
      const answer = await rawExchange(slow.url, (socket) =>
        socket.write(`POST /api/call HTTP/1.1\r\nHost: ${new URL(slow.url).host}\r\nAuthorization: Bearer ${slow.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"method":`),
      );
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer.closedBy).toBe('server');
      expect(answer.ms).toBeLessThan(3000);
    } finally {
      await slow.close();
    }
  });

  it('uses a body time limit of a few seconds by default', () => {
    expect(DEFAULT_BODY_TIMEOUT_MS).toBeGreaterThanOrEqual(2000);
    expect(DEFAULT_BODY_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });
});

describe('browser-mode host: text', () => {
  it('hands the core well-formed text only (one U+FFFD per lone surrogate)', async () => {
    const forwarded: unknown[] = [];
    const recording: CoreClient = {
      call: async (method, input) => {
        forwarded.push([method, input]);
        return { ok: true, value: { state: 'ok', file: 'x', problems: [], backups: [] } };
      },
      onEvent: () => () => undefined,
      close: async () => undefined,
    };
    const textHost = await startHost({ core: recording, staticDir: path.join(temp.dir, 'renderer') });
    try {
      const response = await fetch(`${textHost.url}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${textHost.token}` },
        body: '{"method":"database.restoreBackup","input":{"file":"backup \\ud800.sqlite"}}',
      });
      expect(response.status).toBe(200);
      expect(forwarded).toEqual([['database.restoreBackup', { file: 'backup \uFFFD.sqlite' }]]);
    } finally {
      await textHost.close();
    }
  });
});

describe('browser-mode host: war-room screens shared read-only', () => {
  let shareHost: HostHandle;
  const forwarded: string[] = [];
  beforeAll(async () => {
    const recording: CoreClient = {
      call: async (method) => {
        forwarded.push(String(method));
        return { ok: true, value: null } as never;
      },
      onEvent: () => () => undefined,
      close: async () => undefined,
    };
    shareHost = await startHost({ core: recording, staticDir: path.join(temp.dir, 'renderer'), share: { address: '127.0.0.1' } });
  });
  afterAll(async () => {
    await shareHost.close();
  });

  function viewerCall(method: string, token = shareHost.shared!.token): Promise<Response> {
    return fetch(`${shareHost.shared!.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ method, input: {} }),
    });
  }

  it('is off unless asked for, and has its own token and launch URL into the war room', () => {
    expect(host.shared).toBeNull();
    const shared = shareHost.shared!;
    expect(shared.url).not.toBe(shareHost.url);
    expect(shared.token).not.toBe(shareHost.token);
    expect(shared.token.length).toBeGreaterThanOrEqual(32);
    expect(shared.launchUrl).toBe(`${shared.url}/#token=${shared.token}&view=war-room`);
  });

  it('answers every write method of the contract with forbidden, before looking at its input', async () => {
    const writes = (Object.keys(methods) as string[]).filter((name) => !readMethods.includes(name as never));
    expect(writes.length).toBeGreaterThan(20);
    for (const method of writes) {
      const response = await viewerCall(method);
      expect(response.status, method).toBe(403);
      expect(await response.json(), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(forwarded.filter((method) => writes.includes(method))).toEqual([]);
  });

  it('passes read methods through, and keeps the two tokens apart', async () => {
    const response = await viewerCall('status.get');
    expect(response.status).toBe(200);
    expect(forwarded).toContain('status.get');
    expect((await viewerCall('status.get', shareHost.token)).status).toBe(401);
    const viewerOnMain = await fetch(`${shareHost.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shareHost.shared!.token}` },
      body: JSON.stringify({ method: 'status.get', input: {} }),
    });
    expect(viewerOnMain.status).toBe(401);
    const events = await fetch(`${shareHost.shared!.url}/api/events?token=${shareHost.shared!.token}`);
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('serves the screens themselves', async () => {
    const page = await fetch(`${shareHost.shared!.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('cockpit');
  });
});
