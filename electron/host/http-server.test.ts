import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-dir';
import { startCoreWorker, type CoreClient } from '../core/runtime/worker-client';
import { startHost, type HostHandle } from './http-server';

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
