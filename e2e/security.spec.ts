import { expect, test } from './fixtures';

test('pages carry the strict Content-Security-Policy header', async ({ request, cockpit }) => {
  const response = await request.get(`${cockpit.baseUrl}/`);
  expect(response.status()).toBe(200);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  // The meta policy in index.html (used under Electron's file://) says the same about scripts.
  const html = await response.text();
  expect(html).toContain(`http-equiv="Content-Security-Policy"`);
  // No inline script: every <script> loads a file from our origin.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    expect(attributes).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
    expect(body?.trim()).toBe('');
  }
  expect(html).not.toMatch(/\son[a-z]+=/i);
});

test('/api/call without the token answers 401 unauthorized', async ({ request, cockpit }) => {
  const response = await request.post(`${cockpit.baseUrl}/api/call`, { data: { method: 'app.info', input: {} } });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

  const events = await request.get(`${cockpit.baseUrl}/api/events`);
  expect(events.status()).toBe(401);
});

test('an unknown method answers a typed unknown_method error', async ({ request, cockpit }) => {
  const response = await request.post(`${cockpit.baseUrl}/api/call`, {
    headers: { Authorization: `Bearer ${cockpit.token}` },
    data: { method: 'no.such.method', input: {} },
  });
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
});
