/**
 * The reference platform over real HTTP on loopback: auth and scoping, feeds, determinism,
 * deletes, commands and live changes. Fault injection is in faults.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, RESOURCES, feedPageSchema, meSchema, type CommandResult } from './contract';
import { startPlatformServer, type PlatformServerHandle } from './index';
import { resolveAlertsInProgress } from './scenarios';

interface Item {
  op: 'upsert' | 'delete';
  id: string;
  version: number;
  data?: Record<string, unknown>;
}
interface Page {
  items: Item[];
  next_cursor: string;
  has_more: boolean;
  server_time: string;
}

async function call(server: PlatformServerHandle, path: string, token?: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
  const res = await fetch(server.url + path, { ...init, headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function page(server: PlatformServerHandle, resource: string, token: string, cursor?: string, limit = 5000): Promise<Page> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await call(server, `/v1/changes/${resource}?${query}`, token);
  expect(res.status, res.text.slice(0, 200)).toBe(200);
  return JSON.parse(res.text) as Page;
}

/** Pages through a feed until caught up; returns all items and the last cursor. */
async function drain(server: PlatformServerHandle, resource: string, token: string, cursor?: string, limit = 5000): Promise<{ items: Item[]; cursor: string; pages: number }> {
  const items: Item[] = [];
  let pages = 0;
  for (;;) {
    const p = await page(server, resource, token, cursor, limit);
    pages++;
    items.push(...p.items);
    cursor = p.next_cursor;
    if (!p.has_more) return { items, cursor, pages };
  }
}

async function commands(server: PlatformServerHandle, token: string, list: unknown[]): Promise<CommandResult[]> {
  const res = await call(server, '/v1/commands', token, { method: 'POST', body: JSON.stringify({ commands: list }) });
  expect(res.status, res.text.slice(0, 200)).toBe(200);
  return (JSON.parse(res.text) as { results: CommandResult[] }).results;
}

let server: PlatformServerHandle;
let all: string; // all categories
let scoped: string; // a few categories
let colleague: string; // another all-categories operator
let commandSeq = 0;
const commandId = (): string => `0190f3c2-0000-7000-8000-${String(++commandSeq).padStart(12, '0')}`;

beforeAll(async () => {
  server = await startPlatformServer({ seed: 42, scale: 'small' });
  all = server.tokens.operators[0]!.token;
  scoped = server.tokens.operators[2]!.token;
  colleague = server.tokens.operators.at(-1)!.token;
});
afterAll(() => server.close());

describe('auth and scoping', () => {
  it('answers /v1/health without a token', async () => {
    const res = await call(server, '/v1/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'ok', server_time: '2026-11-11T10:00:00+08:00' });
  });

  it('answers 401 without a token or with a wrong one', async () => {
    for (const token of [undefined, 'op_nope']) {
      for (const path of ['/v1/me', '/v1/changes/merchants']) {
        const res = await call(server, path, token);
        expect(res.status).toBe(401);
        expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
  });

  it('tells who the operator is and which categories they manage', async () => {
    const me = meSchema.parse(JSON.parse((await call(server, '/v1/me', scoped)).text));
    expect(me.category_ids).toEqual(server.tokens.operators[2]!.category_ids);
    expect(me.category_ids.length).toBeLessThan(12);
    const everything = meSchema.parse(JSON.parse((await call(server, '/v1/me', all)).text));
    expect(everything.category_ids).toHaveLength(12);
  });

  it('serves a scoped operator only the data of their categories', async () => {
    const me = meSchema.parse(JSON.parse((await call(server, '/v1/me', scoped)).text));
    const inScope = (categoryId: unknown): boolean => me.category_ids.some((c) => String(categoryId).startsWith(c));
    const mine = (await drain(server, 'merchants', scoped)).items;
    const everything = (await drain(server, 'merchants', all)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(everything.length);
    expect(mine.every((item) => inScope(item.data?.category_id))).toBe(true);
    expect(everything.filter((item) => inScope(item.data?.category_id)).length).toBe(mine.length);
    const skus = (await drain(server, 'skus', scoped)).items;
    expect(skus.every((item) => inScope(item.data?.category_id))).toBe(true);
    // Global reference data is visible to everyone.
    expect((await drain(server, 'people', scoped)).items.length).toBe(80);
  });
});

describe('change feeds', () => {
  it('reaches every record exactly once, all valid against the contract', async () => {
    for (const resource of RESOURCES) {
      const { items, pages } = await drain(server, resource, all, undefined, 3331);
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size, resource).toBe(ids.length);
      const snapshot: string[] = [];
      for await (const record of server.snapshot(resource)) snapshot.push(String(record.id));
      expect([...ids].sort(), resource).toEqual(snapshot);
      expect(pages).toBe(Math.max(1, Math.ceil(items.length / 3331)));
      const schema = RECORD_SCHEMAS[resource];
      const step = items.length > 20_000 ? 13 : 1; // zod is slow: sample the big feeds
      for (let k = 0; k < items.length; k += step) {
        const item = items[k]!;
        expect(item.op).toBe('upsert');
        const parsed = schema.safeParse(item.data);
        if (!parsed.success) throw new Error(`${resource} ${item.id}: ${parsed.error.message}`);
        expect(item.data?.id).toBe(item.id);
        expect(item.data?.version).toBe(item.version);
      }
    }
  }, 60_000);

  it('has the page shape of the SPEC and an opaque cursor', async () => {
    const p = await page(server, 'merchants', all, undefined, 10);
    expect(feedPageSchema.safeParse(p).success).toBe(true);
    expect(p.items).toHaveLength(10);
    expect(p.has_more).toBe(true);
    expect(p.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const next = await page(server, 'merchants', all, p.next_cursor, 10);
    expect(next.items[0]!.id).not.toBe(p.items[0]!.id);
  });

  it('validates limit and cursor', async () => {
    expect((await call(server, '/v1/changes/merchants?limit=0', all)).status).toBe(400);
    expect((await call(server, '/v1/changes/merchants?limit=abc', all)).status).toBe(400);
    const big = JSON.parse((await call(server, '/v1/changes/merchant_metrics?limit=99999', all)).text) as Page;
    expect(big.items).toHaveLength(5000);
    const bad = await call(server, '/v1/changes/merchants?cursor=garbage', all);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: 'bad_cursor' } });
    const other = await page(server, 'skus', all, undefined, 1);
    expect((await call(server, `/v1/changes/merchants?cursor=${other.next_cursor}`, all)).status).toBe(400);
    expect((await call(server, '/v1/changes/nope', all)).status).toBe(404);
  });

  it('is deterministic: the same seed gives the same bytes, another seed other data', async () => {
    const twin = await startPlatformServer({ seed: 42, scale: 'small' });
    const other = await startPlatformServer({ seed: 43, scale: 'small' });
    try {
      for (const resource of ['merchants', 'mentions', 'merchant_metrics', 'alerts', 'supply_links', 'okr_teams', 'kpi_points']) {
        const a = await call(server, `/v1/changes/${resource}?limit=500`, all);
        const b = await call(twin, `/v1/changes/${resource}?limit=500`, twin.tokens.operators[0]!.token);
        expect(b.text, resource).toBe(a.text);
        const c = await call(other, `/v1/changes/${resource}?limit=500`, other.tokens.operators[0]!.token);
        expect(c.text, resource).not.toBe(a.text);
      }
      expect(twin.tokens).toEqual(server.tokens);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('looks like Chinese e-commerce, with a little hostile text', async () => {
    const merchants = (await page(server, 'merchants', all, undefined, 200)).items;
    expect(merchants.some((m) => /旗舰店|专营店|小店|店/.test(String(m.data?.name)))).toBe(true);
    expect(merchants.every((m) => /[\u4e00-\u9fff]/.test(String(m.data?.province)))).toBe(true);
    const mentions = (await drain(server, 'mentions', all)).items.map((m) => m.data!);
    const texts = mentions.map((m) => String(m.text));
    expect(texts.filter((t) => /[\u4e00-\u9fff]/.test(t)).length).toBe(texts.length);
    const hostile = texts.filter((t) => /<script|<img|\u202e/.test(t) || t.includes('\u0000') || t.length > 5000);
    expect(hostile.length).toBeGreaterThan(0);
    expect(hostile.length).toBeLessThan(texts.length * 0.02);
    expect(new Set(mentions.map((m) => m.source)).size).toBe(7);
    expect(mentions.filter((m) => m.source === 'review').every((m) => typeof m.rating === 'number')).toBe(true);
    expect(mentions.filter((m) => m.source !== 'review').every((m) => m.rating === null)).toBe(true);
  });
});

describe('commands', () => {
  async function openAlert(): Promise<Record<string, unknown>> {
    for await (const alert of server.snapshot('alerts')) if (alert.status === 'open' && alert.subject_type !== 'platform') return alert;
    throw new Error('no open alert');
  }

  it('applies, answers duplicate on a resend, and shows the effect in the feed with a higher version', async () => {
    const { cursor } = await drain(server, 'alerts', all);
    const alert = await openAlert();
    const command = { id: commandId(), type: 'alert.acknowledge', entity_id: alert.id, base_version: alert.version, payload: {}, issued_at: '2026-11-11T10:00:05+08:00' };
    const [applied] = await commands(server, all, [command]);
    expect(applied).toMatchObject({ id: command.id, status: 'applied', entity: { id: alert.id, version: Number(alert.version) + 1, status: 'acknowledged', acknowledged_by: 'p_0000' } });
    const [again] = await commands(server, all, [command]);
    expect(again).toMatchObject({ id: command.id, status: 'duplicate', entity: { version: Number(alert.version) + 1 } });
    const { items } = await drain(server, 'alerts', all, cursor);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ op: 'upsert', id: alert.id, version: Number(alert.version) + 1, data: { status: 'acknowledged' } });
  });

  it('answers conflict when another operator moved the record on', async () => {
    const alert = await openAlert();
    const [theirs] = server.applyCommands([{ id: commandId(), type: 'alert.comment', entity_id: alert.id, base_version: alert.version, payload: { text: '我先看一下' } }], colleague);
    expect(theirs!.status).toBe('applied');
    const mine = { id: commandId(), type: 'alert.acknowledge', entity_id: alert.id, base_version: alert.version, payload: {} };
    const [result] = await commands(server, all, [mine]);
    expect(result).toMatchObject({ id: mine.id, status: 'conflict', entity: { id: alert.id, version: Number(alert.version) + 1, status: 'open' } });
    // Without base_version (or with the current one) the command goes through.
    const [retry] = await commands(server, all, [{ ...mine, id: commandId(), base_version: Number(alert.version) + 1 }]);
    expect(retry!.status).toBe('applied');
  });

  it('rejects what can never succeed, with a code and a message', async () => {
    const alert = await openAlert();
    const outOfScope = await (async () => {
      const me = server.tokens.operators[2]!;
      for await (const a of server.snapshot('alerts')) {
        const cat = String(a.subject_type === 'merchant' ? server.getRecord('merchants', String(a.subject_id))?.category_id : '');
        if (a.subject_type === 'merchant' && !me.category_ids.some((c) => cat.startsWith(c))) return a;
      }
      throw new Error('no alert out of scope');
    })();
    const results = await commands(server, all, [
      { id: commandId(), type: 'alert.fly', entity_id: alert.id, payload: {} },
      { id: commandId(), type: 'alert.escalate', entity_id: alert.id, payload: { level: 9, note: '' } },
      { id: commandId(), type: 'alert.acknowledge', entity_id: 'al_999999', payload: {} },
      { nonsense: true },
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results.map((r) => r.error?.code)).toEqual(['unknown_command_type', 'invalid_payload', 'not_found', 'invalid_command']);
    expect(results.every((r) => typeof r.error?.message === 'string' && r.error.message.length > 0)).toBe(true);
    const [forbidden] = await commands(server, scoped, [{ id: commandId(), type: 'alert.comment', entity_id: outOfScope.id, payload: { text: 'hi' } }]);
    expect(forbidden).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const tooMany = await call(server, '/v1/commands', all, { method: 'POST', body: JSON.stringify({ commands: new Array(201).fill({}) }) });
    expect(tooMany.status).toBe(400);
  });

  it('keeps one alert per client-derived id: opening an existing id answers duplicate', async () => {
    const id = '0190f3c2-aaaa-7bbb-8ccc-000000000001';
    const payload = { dedup_key: 'quality:merchant:mer_0000001', title: '测试告警', severity: 'P2', subject_type: 'merchant', subject_id: 'mer_0000001', topic: 'quality' };
    const [first] = await commands(server, all, [{ id: commandId(), type: 'alert.open', entity_id: id, payload }]);
    expect(first).toMatchObject({ status: 'applied', entity: { id, version: 1, status: 'open', severity: 'P2' } });
    const [second] = server.applyCommands([{ id: commandId(), type: 'alert.open', entity_id: id, payload }], colleague);
    expect(second).toMatchObject({ status: 'duplicate', entity: { id, version: 1 } });
    const { items } = await drain(server, 'alerts', all);
    expect(items.filter((item) => item.id === id)).toHaveLength(1);
  });

  it('covers every command type of the SPEC', async () => {
    const merchant = server.getRecord('merchants', 'mer_0000010')!;
    const link = server.getRecord('supply_links', 'sl_0000001_0')!;
    const sku = String(link.sku_id);
    let supplier = 'sup_0000001';
    for await (const s of server.snapshot('suppliers')) if (s.status === 'active') { supplier = String(s.id); break; }
    const team = server.getRecord('okr_teams', 'team_000')!;
    const objective = (await drain(server, 'objectives', all)).items.find((o) => o.data?.team_id === team.id)!;
    const kr = (await drain(server, 'key_results', all)).items.find((k) => k.data?.objective_id === objective.id)!;
    const alert = await openAlert();
    const ids = { mp: '0190f3c2-1111-7000-8000-000000000001', sl: '0190f3c2-1111-7000-8000-000000000002', team: '0190f3c2-1111-7000-8000-000000000003', member: '0190f3c2-1111-7000-8000-000000000004', obj: '0190f3c2-1111-7000-8000-000000000005', kr: '0190f3c2-1111-7000-8000-000000000006', ci: '0190f3c2-1111-7000-8000-000000000007' };
    const list = [
      { type: 'alert.assign', entity_id: alert.id, payload: { assignee_id: 'p_0007' } },
      { type: 'alert.start_response', entity_id: alert.id, payload: { note: '已联系商家' } },
      { type: 'alert.escalate', entity_id: alert.id, payload: { level: 3, note: '升级到总监' } },
      { type: 'alert.comment', entity_id: alert.id, payload: { text: '<script>alert(1)</script> 也是数据' } },
      { type: 'alert.resolve', entity_id: alert.id, payload: { resolution: '商家已退款' } },
      { type: 'mention.label', entity_id: 'mn_0000003', payload: { label: 'negative', topic: 'logistics' } },
      { type: 'merchant.set_tier_override', entity_id: merchant.id, payload: { tier: 'head', reason: '战略合作', expires_on: null } },
      { type: 'merchant.clear_tier_override', entity_id: merchant.id, payload: { reason: '合作结束' } },
      { type: 'merchant.assign_package', entity_id: ids.mp, payload: { merchant_id: merchant.id, package_id: 'pkg_03', note: null } },
      { type: 'merchant.revoke_package', entity_id: ids.mp, payload: { reason: '不再符合条件' } },
      { type: 'supply_link.propose_backup', entity_id: ids.sl, payload: { sku_id: sku, supplier_id: supplier, lead_time_days: 7, unit_cost_fen: 1200, moq: 100 } },
      { type: 'supply_link.set_qualification', entity_id: ids.sl, payload: { qualification: 'qualified', note: '验厂通过' } },
      { type: 'supply_link.switch_primary', entity_id: ids.sl, payload: { from_link_id: link.id, reason: '原供应商限产' } },
      { type: 'okr.team.upsert', entity_id: ids.team, payload: { name: '测试专项组', mission: '验证', category_id: 'cat_01', sponsor_id: 'p_0001', lead_id: 'p_0002', starts_on: '2026-11-01', ends_on: '2027-01-31' } },
      { type: 'okr.member.add', entity_id: ids.member, payload: { team_id: ids.team, person_id: 'p_0010', role: '成员', home_department: 'logistics' } },
      { type: 'okr.member.leave', entity_id: ids.member, payload: { left_on: '2026-11-20' } },
      { type: 'okr.objective.upsert', entity_id: ids.obj, payload: { team_id: ids.team, title: '提升履约体验', owner_id: 'p_0002', parent_objective_id: objective.id } },
      { type: 'okr.key_result.upsert', entity_id: ids.kr, payload: { objective_id: ids.obj, title: '48小时发货率', unit: '%', direction: 'increase', start_value: 88, target_value: 97, owner_id: 'p_0002' } },
      { type: 'okr.check_in', entity_id: ids.ci, payload: { key_result_id: ids.kr, value: 91, confidence: 0.7, note: '进展顺利' } },
      { type: 'okr.team.close', entity_id: ids.team, payload: { retrospective: '达成' } },
      { type: 'okr.key_result.upsert', entity_id: kr.id, payload: { title: '改个标题' } },
    ].map((c) => ({ id: commandId(), ...c }));
    const results = await commands(server, all, list);
    for (const [k, result] of results.entries()) expect(result.status, `${list[k]!.type}: ${JSON.stringify(result.error)}`).toBe('applied');
    expect(server.getRecord('key_results', ids.kr)).toMatchObject({ current_value: 91 });
    expect(server.getRecord('supply_links', ids.sl)).toMatchObject({ role: 'primary' });
    expect(server.getRecord('supply_links', String(link.id))).toMatchObject({ role: 'backup' });
    expect(server.getRecord('alerts', String(alert.id))).toMatchObject({ status: 'resolved', escalation_level: 3, assignee_id: 'p_0007' });
  });

  it('shows a deleted record as a delete item', async () => {
    let merchant = '';
    for await (const override of server.snapshot('tier_overrides')) { merchant = String(override.merchant_id); break; }
    const { cursor } = await drain(server, 'tier_overrides', all);
    const before = server.getRecord('tier_overrides', `to_${merchant}`)!;
    const [result] = await commands(server, all, [{ id: commandId(), type: 'merchant.clear_tier_override', entity_id: merchant, payload: { reason: '到期' } }]);
    expect(result!.status).toBe('applied');
    const { items } = await drain(server, 'tier_overrides', all, cursor);
    expect(items).toEqual([{ op: 'delete', id: `to_${merchant}`, version: Number(before.version) + 1 }]);
    // A fresh bootstrap shows the tombstone too, and the record is gone from the snapshot.
    const bootstrap = (await drain(server, 'tier_overrides', all)).items;
    expect(bootstrap.find((item) => item.id === `to_${merchant}`)).toMatchObject({ op: 'delete' });
    expect(server.getRecord('tier_overrides', `to_${merchant}`)).toBeNull();
  });
});

describe('live', () => {
  it('adds mentions, KPI points, incidents with alerts, and other operators\' commands, deterministically', async () => {
    const a = await startPlatformServer({ seed: 9, scale: 'small' });
    const b = await startPlatformServer({ seed: 9, scale: 'small' });
    try {
      const token = (s: PlatformServerHandle): string => s.tokens.operators[0]!.token;
      const cursors: Record<string, string> = {};
      for (const resource of ['mentions', 'kpi_points', 'alerts', 'risk_events', 'check_ins']) cursors[resource] = (await drain(a, resource, token(a))).cursor;
      a.tick(150);
      b.tick(150);
      expect(a.serverTime()).toBe('2026-11-11T10:07:30+08:00');
      expect(a.ticks).toBe(150);
      const news: Record<string, Item[]> = {};
      for (const resource of Object.keys(cursors)) news[resource] = (await drain(a, resource, token(a), cursors[resource])).items;
      expect(news.mentions!.length).toBeGreaterThan(150 * 2);
      expect(news.kpi_points!.length).toBeGreaterThan(60);
      expect(news.alerts!.some((item) => item.data?.status === 'acknowledged' && item.data.acknowledged_by !== 'p_0000')).toBe(true);
      const opened = news.alerts!.filter((item) => !item.id.startsWith('al_')); // incidents open alerts with derived UUID-like ids
      expect(opened.length).toBeGreaterThan(0);
      for (const alert of opened) expect((alert.data?.mention_ids as string[]).every((id) => a.getRecord('mentions', id) !== null)).toBe(true);
      for (const [resource, items] of Object.entries(news)) {
        for (const item of items) if (item.op === 'upsert') expect(RECORD_SCHEMAS[resource as 'mentions'].safeParse(item.data).success, `${resource} ${item.id}`).toBe(true);
      }
      // The twin, ticked as often, holds the same data.
      const tail = async (s: PlatformServerHandle): Promise<Item[]> => (await drain(s, 'mentions', token(s))).items.slice(-200);
      expect(await tail(b)).toEqual(await tail(a));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('scale', () => {
  it('starts medium quickly and small well under a second', async () => {
    let started = performance.now();
    const small = await startPlatformServer({ scale: 'small', seed: 5 });
    expect(performance.now() - started).toBeLessThan(1000);
    await small.close();
    started = performance.now();
    const medium = await startPlatformServer({ scale: 'medium', seed: 5 });
    expect(performance.now() - started).toBeLessThan(5000);
    const p = await page(medium, 'merchant_metrics', medium.tokens.operators[0]!.token);
    expect(p.items).toHaveLength(5000);
    await medium.close();
  });
});

describe('bursts and observers (for burst-to-alert timing)', () => {
  it('publishes a burst of negative mentions in the feed, tells which page carried it and which commands arrived, and a quiet day resolves every alert in progress', async () => {
    const server = await startPlatformServer({ scale: 'small', seed: 5 });
    try {
      const token = server.tokens.operators[0]!.token;
      const start = await drain(server, 'mentions', token);
      const served: [number, number][] = [];
      const applied: string[] = [];
      const stop = server.observe({
        pageServed: (resource, from, to) => resource === 'mentions' && served.push([from, to]),
        commandsApplied: (list) => applied.push(...list.map((c) => (c as { type: string }).type)),
      });
      const burst = server.injectBurst(12);
      expect(burst.toPos - burst.fromPos).toBe(12);
      const after = await drain(server, 'mentions', token, start.cursor);
      expect(after.items.map((i) => i.id)).toEqual(burst.mentionIds);
      for (const item of after.items) expect(item.data).toMatchObject({ merchant_id: burst.subjectId });
      expect(served.some(([from, to]) => from < burst.toPos && to > burst.fromPos)).toBe(true);

      const resolved = await resolveAlertsInProgress(server);
      expect(resolved).toBeGreaterThan(0);
      expect(applied).toEqual([]); // applied through the handle, not over HTTP
      const alert = (await drain(server, 'alerts', token)).items.find((i) => i.op === 'upsert')!;
      await commands(server, token, [{ id: commandId(), type: 'alert.comment', entity_id: alert.id, base_version: null, payload: { text: 'seen' } }]);
      expect(applied).toEqual(['alert.comment']);
      stop();
      for await (const record of server.snapshot('alerts')) expect(['resolved', 'dismissed']).toContain(record.status);
    } finally {
      await server.close();
    }
  });
});
