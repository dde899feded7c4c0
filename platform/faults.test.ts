/** Every fault flag of the reference platform is observable over real HTTP, and 410 behaves as the SPEC says. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, type CommandResult } from './contract';
import { NO_FAULTS, startPlatformServer, type PlatformServerHandle } from './index';

interface Item {
  op: string;
  id: string;
  version: number;
  data?: Record<string, unknown>;
}

let server: PlatformServerHandle;
let token: string;

async function get(path: string, auth = token): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(server.url + path, { headers: { Authorization: `Bearer ${auth}` } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function items(resource: string, limit = 2000): Promise<Item[]> {
  const res = await get(`/v1/changes/${resource}?limit=${limit}`);
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { items: Item[] }).items;
}

beforeAll(async () => {
  server = await startPlatformServer({ seed: 7, scale: 'small' });
  token = server.tokens.operators[0]!.token;
});
afterEach(() => {
  server.setFaults({ ...NO_FAULTS });
});
afterAll(() => server.close());

describe('fault flags', () => {
  it('rejects unknown flags and bad values, changing nothing', () => {
    expect(() => server.setFaults({ errorRate: 2 })).toThrow(/rate/);
    expect(() => server.setFaults({ nope: 1 } as never)).toThrow(/unknown fault flag/);
    expect(() => server.setFaults({ latencyMs: 5, errorRate: -1 })).toThrow();
    expect(server.faults).toEqual(NO_FAULTS);
  });

  it('errorRate: answers 5xx', async () => {
    server.setFaults({ errorRate: 1 });
    const res = await get('/v1/changes/merchants');
    expect([500, 502, 503]).toContain(res.status);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'server_error' } });
    server.setFaults({ errorRate: 0.3 });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await get('/v1/me')).status));
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(2);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(10);
  });

  it('errorRate on commands: a 5xx says nothing about what was applied; a resend answers duplicate', async () => {
    let alert: Record<string, unknown> | null = null;
    for await (const a of server.snapshot('alerts')) if (a.status === 'open') { alert = a; break; }
    const command = { id: '0190f3c2-ffff-7000-8000-000000000001', type: 'alert.comment', entity_id: alert!.id, payload: { text: '重试测试' } };
    server.setFaults({ errorRate: 1 });
    let appliedBehindError = false;
    for (let attempt = 0; attempt < 20 && !appliedBehindError; attempt++) {
      const res = await fetch(`${server.url}/v1/commands`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ commands: [{ ...command, id: `${command.id.slice(0, -2)}${String(attempt).padStart(2, '0')}` }] }) });
      expect(res.status).toBeGreaterThanOrEqual(500);
      await res.text();
      appliedBehindError = Number(server.getRecord('alerts', String(alert!.id))?.version) > Number(alert!.version);
    }
    expect(appliedBehindError).toBe(true);
    server.setFaults({ errorRate: 0 });
    const res = await fetch(`${server.url}/v1/commands`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ commands: [command] }) });
    const [result] = ((await res.json()) as { results: CommandResult[] }).results;
    expect(['applied', 'duplicate']).toContain(result!.status);
  });

  it('latencyMs: slows every response down', async () => {
    server.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await get('/v1/me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rateLimitRate: answers 429 with Retry-After', async () => {
    server.setFaults({ rateLimitRate: 1, retryAfterSec: 3 });
    const res = await get('/v1/changes/merchants');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('truncateRate: cuts bodies (dropped connection or broken JSON)', async () => {
    server.setFaults({ truncateRate: 1 });
    let dropped = 0;
    let broken = 0;
    for (let k = 0; k < 12; k++) {
      try {
        const res = await get('/v1/changes/merchants?limit=500');
        expect(() => JSON.parse(res.text)).toThrow();
        broken++;
      } catch (error) {
        if (error instanceof Error && /JSON|expected/i.test(error.message)) throw error;
        dropped++;
      }
    }
    expect(dropped + broken).toBe(12);
    expect(dropped).toBeGreaterThan(0);
    expect(broken).toBeGreaterThan(0);
  });

  it('duplicateRate: repeats items already sent in the page', async () => {
    server.setFaults({ duplicateRate: 0.1 });
    const page = await items('merchants');
    const ids = page.map((item) => item.id);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(page.length).toBeLessThanOrEqual(2000);
  });

  it('duplicateRate: pages overlap now and then, and a full pass still reaches every record', async () => {
    server.setFaults({ duplicateRate: 0.3 });
    const seen: string[] = [];
    let cursor = '';
    let overlaps = 0;
    for (;;) {
      const res = await get(`/v1/changes/merchants?limit=300${cursor ? `&cursor=${cursor}` : ''}`);
      const body = JSON.parse(res.text) as { items: Item[]; next_cursor: string; has_more: boolean };
      if (seen.length > 0 && body.items.length > 0 && seen.includes(body.items[0]!.id)) overlaps++;
      seen.push(...body.items.map((item) => item.id));
      cursor = body.next_cursor;
      if (!body.has_more) break;
    }
    expect(overlaps).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(2000);
  });

  it('outOfOrderRate: follows an item with an older version of the same record', async () => {
    server.setFaults({ outOfOrderRate: 0.5 });
    const page = await items('suppliers', 200);
    const older = page.filter((item, k) => k > 0 && page[k - 1]!.id === item.id && page[k - 1]!.version > item.version);
    expect(older.length).toBeGreaterThan(5);
  });

  it('malformedRate: some records break the contract (missing field, wrong type, text in a number); id and version stay', async () => {
    server.setFaults({ malformedRate: 0.2 });
    const page = await items('merchant_metrics');
    const bad = page.filter((item) => !RECORD_SCHEMAS.merchant_metrics.safeParse(item.data).success);
    expect(bad.length).toBeGreaterThan(200);
    expect(bad.length).toBeLessThan(700);
    expect(bad.every((item) => item.data?.id === item.id && item.data.version === item.version)).toBe(true);
    expect(bad.some((item) => typeof item.data?.orders === 'string' || typeof item.data?.gmv_fen === 'string' || typeof item.data?.visits === 'string')).toBe(true);
    expect(bad.some((item) => Object.keys(item.data ?? {}).length < 15)).toBe(true);
    // The same position is malformed the same way on every read (deterministic).
    expect(await items('merchant_metrics')).toEqual(page);
  });

  it('can be set over HTTP with the admin token only', async () => {
    const post = (auth: string, body: unknown): Promise<Response> => fetch(`${server.url}/__sim/faults`, { method: 'POST', headers: { Authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });
    expect((await post(token, { latencyMs: 1 })).status).toBe(403);
    const res = await post(server.tokens.admin, { latencyMs: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ latencyMs: 1 });
    expect((await post(server.tokens.admin, { latencyMs: 'x' })).status).toBe(400);
    expect(server.faults.latencyMs).toBe(1);
  });
});

describe('410 cursor_expired', () => {
  it('after an explicit expiry: old cursors get 410, a new bootstrap works', async () => {
    const first = JSON.parse((await get('/v1/changes/merchants?limit=100')).text) as { next_cursor: string };
    server.expireCursors();
    const res = await get(`/v1/changes/merchants?cursor=${first.next_cursor}`);
    expect(res.status).toBe(410);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'cursor_expired', message: expect.any(String) } });
    const again = JSON.parse((await get('/v1/changes/merchants?limit=100')).text) as { next_cursor: string };
    expect((await get(`/v1/changes/merchants?cursor=${again.next_cursor}`)).status).toBe(200);
  });

  it('after the cursor TTL', async () => {
    server.setFaults({ cursorTtlMs: 300 });
    const first = JSON.parse((await get('/v1/changes/skus?limit=100')).text) as { next_cursor: string };
    const fresh = await get(`/v1/changes/skus?cursor=${first.next_cursor}&limit=100`);
    expect(fresh.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await get(`/v1/changes/skus?cursor=${first.next_cursor}`)).status).toBe(410);
    // The cursor of the page read before the pause is as old.
    const next = (JSON.parse(fresh.text) as { next_cursor: string }).next_cursor;
    expect((await get(`/v1/changes/skus?cursor=${next}`)).status).toBe(410);
    const restart = JSON.parse((await get('/v1/changes/skus?limit=100')).text) as { next_cursor: string };
    expect((await get(`/v1/changes/skus?cursor=${restart.next_cursor}`)).status).toBe(200);
  });

  it('for a change-log cursor of another server instance, but not for a cursor inside the generated data', async () => {
    const [a, b] = await Promise.all([startPlatformServer({ seed: 7, scale: 'small' }), startPlatformServer({ seed: 7, scale: 'small' })]);
    const read = async (s: PlatformServerHandle, path: string): Promise<{ status: number; body: { next_cursor: string; has_more: boolean } }> => {
      const res = await fetch(s.url + path, { headers: { Authorization: `Bearer ${s.tokens.operators[0]!.token}` } });
      return { status: res.status, body: (await res.json()) as { next_cursor: string; has_more: boolean } };
    };
    try {
      const base = await read(a, '/v1/changes/merchants?limit=100');
      expect((await read(b, `/v1/changes/merchants?cursor=${base.body.next_cursor}`)).status).toBe(200);
      a.tick(3);
      let cursor = '';
      for (;;) {
        const page = await read(a, `/v1/changes/mentions?limit=5000${cursor ? `&cursor=${cursor}` : ''}`);
        cursor = page.body.next_cursor;
        if (!page.body.has_more) break;
      }
      b.tick(3);
      expect((await read(a, `/v1/changes/mentions?cursor=${cursor}`)).status).toBe(200);
      expect((await read(b, `/v1/changes/mentions?cursor=${cursor}`)).status).toBe(410);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('a client that follows the SPEC converges under every fault at once', () => {
  it('ends with exactly the server records, at their latest versions', async () => {
    const s = await startPlatformServer({ seed: 11, scale: 'small' });
    const auth = { Authorization: `Bearer ${s.tokens.operators[0]!.token}` };
    s.setFaults({ errorRate: 0.15, truncateRate: 0.1, duplicateRate: 0.1, outOfOrderRate: 0.1, rateLimitRate: 0.1, retryAfterSec: 0 });
    const resources = ['alerts', 'mentions', 'tier_overrides'];
    const stores = new Map(resources.map((r) => [r, new Map<string, { version: number; deleted: boolean }>()]));
    const cursors = new Map<string, string>();
    let retries = 0;
    const pull = async (resource: string): Promise<void> => {
      const store = stores.get(resource)!;
      for (;;) {
        const cursor = cursors.get(resource);
        let body: { items: Item[]; next_cursor: string; has_more: boolean };
        try {
          const res = await fetch(`${s.url}/v1/changes/${resource}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
          const text = await res.text();
          if (res.status === 410) {
            cursors.delete(resource);
            continue;
          }
          if (res.status !== 200) {
            retries++;
            continue;
          }
          body = JSON.parse(text) as typeof body;
        } catch {
          retries++; // dropped connection or cut JSON: transient
          continue;
        }
        for (const item of body.items) {
          const held = store.get(item.id);
          if (!held || held.version < item.version) store.set(item.id, { version: item.version, deleted: item.op === 'delete' });
        }
        cursors.set(resource, body.next_cursor);
        if (!body.has_more) return;
      }
    };
    try {
      for (const resource of resources) await pull(resource);
      for (let round = 0; round < 5; round++) {
        s.tick(20);
        let merchant = '';
        for await (const o of s.snapshot('tier_overrides')) { merchant = String(o.merchant_id); break; }
        s.applyCommands([{ id: `0190f3c2-cccc-7000-8000-00000000000${round}`, type: 'merchant.clear_tier_override', entity_id: merchant, payload: { reason: '到期' } }], s.tokens.operators.at(-1)!.token);
        if (round === 2) s.expireCursors();
        for (const resource of resources) await pull(resource);
      }
      expect(retries).toBeGreaterThan(0);
      for (const resource of resources) {
        const expected = new Map<string, number>();
        for await (const record of s.snapshot(resource)) expected.set(String(record.id), Number(record.version));
        const live = [...stores.get(resource)!].filter(([, held]) => !held.deleted);
        expect(live.length, resource).toBe(expected.size);
        for (const [id, held] of live) expect(held.version, `${resource} ${id}`).toBe(expected.get(id));
      }
    } finally {
      await s.close();
    }
  });
});
