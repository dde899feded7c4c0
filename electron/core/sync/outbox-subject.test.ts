/**
 * `sync.outbox` names what each command is about (its declaration's `subject`): the merchant's
 * name, the alert's title, the SKU and supplier, the key result's title. Through the real core for
 * one command of each domain, and below it (the engine's outbox) for every declared command type,
 * an entity the cockpit does not hold, a declaration without a subject and one that throws.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { methods, type OutboxEntry } from '../api';
import { commandRegistry, domains } from '../domains';
import { createCore, type Core } from '../runtime/core';
import { CommandRegistry, defineCommand } from './commands';
import { createSyncEngine, type SyncEngine } from './engine';

const AT = '2026-11-11T02:00:00+08:00';
/** Platform text is untrusted: markup, a right-to-left override, an escape. Returned as is. */
const MERCHANT = '<b>老王</b>旗舰店\u202Egnp.exe';
const ALERT = 'P1 \u001b[31m物流延迟\u001b[0m 投诉激增';
const SKU = '有机燕麦片 1kg';
const SUPPLIER = '华东粮油有限公司';
const TEAM = '双十一履约攻坚队';
const OBJECTIVE = '大促期间履约零事故';
const KEY_RESULT = '48 小时发货率 ≥ 99%';
const PERSON = '李娜';
const MENTION = '快递三天没动，客服也不回。'.repeat(10);

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('cockpit-outbox-subject-')));
afterEach(() => temp.cleanup());

function insert(sqlite: Database.Database, table: string, row: Record<string, unknown>): void {
  const full: Record<string, unknown> = { version: 1, updated_at: AT, ...row };
  const columns = Object.keys(full);
  sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(full));
}

/** One record of everything a command may address, written as the pull would have. */
function writeWorld(sqlite: Database.Database): void {
  insert(sqlite, 'people', { id: 'p_1', name: PERSON, department: 'logistics', title: '物流经理' });
  insert(sqlite, 'merchants', { id: 'mer_1', name: MERCHANT, shop_type: 'flagship', category_id: 'cat_01', province: '浙江', city: '杭州', opened_on: '2024-01-01', status: 'active' });
  insert(sqlite, 'packages', { id: 'pkg_1', name: '头部扶持包', target_tier: 'head', description: '…', benefits: '[]' });
  insert(sqlite, 'merchant_packages', { id: 'mp_1', merchant_id: 'mer_1', package_id: 'pkg_1', assigned_by: 'p_1', assigned_on: '2026-11-01', status: 'active', note: null });
  insert(sqlite, 'tier_overrides', { id: 'to_1', merchant_id: 'mer_1', tier: 'head', reason: '战略合作', set_by: 'p_1', expires_on: null });
  insert(sqlite, 'alerts', {
    id: 'al_1', dedup_key: 'logistics:merchant:mer_1', title: ALERT, severity: 'P1', status: 'open', subject_type: 'merchant', subject_id: 'mer_1',
    topic: 'logistics', opened_at: AT, sla_due_at: null, acknowledged_at: null, acknowledged_by: null, assignee_id: null, resolved_at: null,
    resolution: null, mention_ids: '[]', mention_count: 3, negative_share: 0.8, escalation_level: 0, comments: '[]',
  });
  insert(sqlite, 'mentions', { id: 'mn_1', source: 'weibo', url: null, author: '路人', text: MENTION, rating: null, merchant_id: 'mer_1', sku_id: null, category_id: null, published_at: AT, reach: 10 });
  insert(sqlite, 'skus', { id: 'sku_1', name: SKU, category_id: 'cat_01', is_core: 1, monthly_units: 1000, price_fen: 5000, unit_cost_fen: 3000 });
  insert(sqlite, 'suppliers', {
    id: 'sup_1', name: SUPPLIER, province: '浙江', city: '杭州', status: 'active', capacity_units_month: 10_000, on_time_rate: 0.95, defect_ppm: 200,
    price_index: 1, service_score: 90, certifications: '[]', last_audit_on: null,
  });
  insert(sqlite, 'suppliers', {
    id: 'sup_2', name: '备选供应商', province: '江苏', city: '苏州', status: 'active', capacity_units_month: 5_000, on_time_rate: 0.9, defect_ppm: 300,
    price_index: 1, service_score: 80, certifications: '[]', last_audit_on: null,
  });
  for (const [id, supplier, role] of [['sl_1', 'sup_1', 'backup'], ['sl_2', 'sup_2', 'primary']] as const) {
    insert(sqlite, 'supply_links', { id, sku_id: 'sku_1', supplier_id: supplier, role, share: 0.5, qualification: 'qualified', qualified_on: null, lead_time_days: 5, unit_cost_fen: 3000, moq: 100 });
  }
  insert(sqlite, 'okr_teams', { id: 't_1', name: TEAM, mission: '…', category_id: null, sponsor_id: 'p_1', lead_id: 'p_1', status: 'active', starts_on: '2026-11-01', ends_on: '2026-11-30', retrospective: null });
  insert(sqlite, 'okr_members', { id: 'm_1', team_id: 't_1', person_id: 'p_1', role: '组长', home_department: 'logistics', joined_on: '2026-11-01', left_on: null });
  insert(sqlite, 'objectives', { id: 'o_1', team_id: 't_1', title: OBJECTIVE, owner_id: 'p_1', parent_objective_id: null });
  insert(sqlite, 'key_results', { id: 'kr_1', objective_id: 'o_1', title: KEY_RESULT, unit: '%', direction: 'increase', start_value: 90, target_value: 99, current_value: 95, owner_id: 'p_1' });
}

/** What the contract lets through: the entries exactly as the renderer receives them. */
function asSent(entries: unknown): OutboxEntry[] {
  return methods['sync.outbox'].output.parse(entries);
}

describe('sync.outbox through the core', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  async function call<T>(method: string, input: unknown): Promise<T> {
    const result = await core!.call(method as never, input as never);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  it('names a merchant, an alert, a supply link and a key result by their own words', async () => {
    const seeded = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
    writeWorld(seeded.sqlite);
    seeded.close();
    // Offline: nothing answers on port 9, so every command stays queued with its subject.
    core = createCore({
      dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false, domainBackground: false,
      platform: { kind: 'remote', url: 'http://127.0.0.1:9', token: 'offline' }, pollIntervalMs: 60_000,
    });
    // The platform connection starts in the background: wait for the engine.
    for (let i = 0; i < 200 && !(await core.call('sync.progress', {})).ok; i++) await new Promise((resolve) => setTimeout(resolve, 50));

    const { commandIds: [merchant] } = await call<{ commandIds: string[] }>('merchants.setOverride', { merchantIds: ['mer_1'], tier: 'waist', reason: '测试', expiresOn: null });
    const { commandId: alert } = await call<{ commandId: string }>('alerts.acknowledge', { id: 'al_1' });
    const { commandId: link } = await call<{ commandId: string }>('suppliers.setQualification', { linkId: 'sl_1', qualification: 'expired', note: null });
    const { commandId: checkIn } = await call<{ commandId: string }>('okr.checkIn', { keyResultId: 'kr_1', value: 97, confidence: 0.8 });

    const listed = await call<OutboxEntry[]>('sync.outbox', {});
    const subjects = Object.fromEntries(listed.map((entry) => [entry.id, entry.subject]));
    expect(subjects).toEqual({
      [merchant!]: MERCHANT,
      [alert]: ALERT,
      [link]: `${SKU} · ${SUPPLIER}`,
      [checkIn]: KEY_RESULT,
    });
    // A filtered list names its entries too.
    expect((await call<OutboxEntry[]>('sync.outbox', { entityId: 'al_1' })).map((entry) => entry.subject)).toEqual([ALERT]);
  }, 60_000);
});

describe('sync.outbox below the core', () => {
  let opened: OpenedDatabase | undefined;
  let engine: SyncEngine | undefined;
  let logger: ReturnType<typeof recordingLogger>;

  function start(commands: CommandRegistry = commandRegistry): void {
    opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
    writeWorld(opened.sqlite);
    logger = recordingLogger();
    // Never started: commands are only queued and listed.
    engine = createSyncEngine({ sqlite: opened.sqlite, logger, platform: { url: 'http://127.0.0.1:9', token: 'offline' }, commands, operatorId: 'p_1' });
  }
  afterEach(async () => {
    await engine?.stop();
    opened?.close();
    engine = undefined;
    opened = undefined;
  });

  function issue(type: string, entityId: string, payload: Record<string, unknown>, baseVersion: number | null = 1): string {
    return engine!.issueCommand({ type, entityId, baseVersion, payload });
  }

  function subjectsById(): Record<string, string | null> {
    return Object.fromEntries(asSent(engine!.listOutbox()).map((entry) => [entry.id, entry.subject]));
  }

  it('declares a subject on every command of every domain', () => {
    const missing = domains.flatMap((domain) => domain.commands).filter((declaration) => !declaration.subject).map((declaration) => declaration.type);
    expect(missing).toEqual([]);
  });

  it('names every command type by what it addresses', () => {
    start();
    const expected: Record<string, string> = {
      // Merchants: the merchant, addressed directly, by the assignment's payload or by its record.
      [issue('merchant.set_tier_override', 'mer_1', { tier: 'waist', reason: '测试', expires_on: null })]: MERCHANT,
      [issue('merchant.clear_tier_override', 'mer_1', { reason: '到期' })]: MERCHANT,
      [issue('merchant.assign_package', 'mp_new', { merchant_id: 'mer_1', package_id: 'pkg_1', note: null }, null)]: MERCHANT,
      [issue('merchant.revoke_package', 'mp_1', { reason: '不再适用' })]: MERCHANT,
      // Opinion: the alert's title; a mention by the start of its text.
      [issue('alert.open', 'al_new', { dedup_key: 'k', title: '新预警：退款率上升', subject_type: 'platform' }, null)]: '新预警：退款率上升',
      [issue('alert.acknowledge', 'al_1', {})]: ALERT,
      [issue('alert.assign', 'al_1', { assignee_id: 'p_1' })]: ALERT,
      [issue('alert.start_response', 'al_1', { note: null })]: ALERT,
      [issue('alert.escalate', 'al_1', { level: 1, note: null })]: ALERT,
      [issue('alert.comment', 'al_1', { text: '已联系' })]: ALERT,
      [issue('alert.resolve', 'al_1', { resolution: '已处理' })]: ALERT,
      [issue('alert.dismiss', 'al_1', { reason: '误报' })]: ALERT,
      [issue('mention.label', 'mn_1', { label: 'negative', topic: 'logistics' })]: `${Array.from(MENTION).slice(0, 80).join('')}…`,
      // Suppliers: the link's SKU and supplier (the link becoming primary for a switch).
      [issue('supply_link.propose_backup', 'sl_new', { sku_id: 'sku_1', supplier_id: 'sup_1', lead_time_days: 3, unit_cost_fen: 2900, moq: 50 }, null)]: `${SKU} · ${SUPPLIER}`,
      [issue('supply_link.set_qualification', 'sl_1', { qualification: 'qualified', note: null })]: `${SKU} · ${SUPPLIER}`,
      [issue('supply_link.switch_primary', 'sl_1', { from_link_id: 'sl_2', reason: '产能' })]: `${SKU} · ${SUPPLIER}`,
      // OKR: the team's name, the objective's and key result's title, a membership by team and person.
      [issue('okr.team.upsert', 't_1', { mission: '新使命' })]: TEAM,
      [issue('okr.team.upsert', 't_new', { name: '新团队', sponsor_id: 'p_1', lead_id: 'p_1', starts_on: '2026-12-01', ends_on: '2026-12-31' }, null)]: '新团队',
      [issue('okr.member.add', 'm_new', { team_id: 't_1', person_id: 'p_1', role: '成员', home_department: 'logistics' }, null)]: `${TEAM} · ${PERSON}`,
      [issue('okr.member.leave', 'm_1', { left_on: '2026-11-20' })]: `${TEAM} · ${PERSON}`,
      [issue('okr.objective.upsert', 'o_1', { owner_id: 'p_1' })]: OBJECTIVE,
      [issue('okr.key_result.upsert', 'kr_1', { target_value: 99.5 })]: KEY_RESULT,
      [issue('okr.check_in', 'ci_new', { key_result_id: 'kr_1', value: 97, confidence: 0.8, note: '' }, null)]: KEY_RESULT,
      [issue('okr.team.close', 't_1', { retrospective: '复盘' })]: TEAM,
    };
    const covered = new Set(asSent(engine!.listOutbox()).map((entry) => entry.type));
    expect([...covered].sort()).toEqual(domains.flatMap((domain) => domain.commands.map((declaration) => declaration.type)).sort());
    expect(subjectsById()).toEqual(expected);
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('is null for an entity the cockpit does not hold', () => {
    start();
    const merchant = issue('merchant.set_tier_override', 'mer_unknown', { tier: 'waist', reason: '测试', expires_on: null }, null);
    const alert = issue('alert.acknowledge', 'al_unknown', {});
    const link = issue('supply_link.set_qualification', 'sl_unknown', { qualification: 'qualified', note: null });
    const checkIn = issue('okr.check_in', 'ci_x', { key_result_id: 'kr_unknown', value: 1, confidence: 0.5, note: '' }, null);
    expect(subjectsById()).toEqual({ [merchant]: null, [alert]: null, [link]: null, [checkIn]: null });
  });

  it('is null without a subject, and a subject that throws is logged without breaking the list', () => {
    const payload = z.object({});
    start(new CommandRegistry([
      defineCommand({ type: 'test.unnamed', resource: 'alerts', payload }),
      defineCommand({ type: 'test.broken', resource: 'merchants', payload, subject: () => { throw new Error('boom'); } }),
      defineCommand({ type: 'test.bad_field', resource: 'merchants', payload, subject: (ctx) => ctx.text('merchants', ctx.entityId, 'no_such_field') }),
      defineCommand({ type: 'test.named', resource: 'merchants', payload, subject: (ctx) => ctx.text('merchants', ctx.entityId, 'name') }),
    ]));
    const unnamed = issue('test.unnamed', 'al_1', {});
    const broken = [issue('test.broken', 'mer_1', {}), issue('test.broken', 'mer_1', {})];
    const badField = issue('test.bad_field', 'mer_1', {});
    const named = issue('test.named', 'mer_1', {});
    expect(subjectsById()).toEqual({ [unnamed]: null, [broken[0]!]: null, [broken[1]!]: null, [badField]: null, [named]: MERCHANT });
    const errors = logger.lines.filter((line) => line.level === 'error');
    // Once per command type and list, with the first command and how many failed.
    expect(errors.map((line) => line.details)).toEqual([
      expect.objectContaining({ type: 'test.broken', commandId: broken[0], commands: 2, err: expect.objectContaining({ message: 'boom' }) }),
      expect.objectContaining({ type: 'test.bad_field', commandId: badField, commands: 1, err: expect.objectContaining({ message: 'merchants.no_such_field is not a text field of a synced record' }) }),
    ]);
  });
});
