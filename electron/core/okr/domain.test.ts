/**
 * The OKR domain end to end below the UI: the real database, the real outbox, the reference
 * platform. Teams are created while the platform is unreachable, show at once, and reach the
 * platform exactly once, in order, when it is back.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { ApiError } from '../api/errors';
import type { TeamCard, TeamDetail } from '../api/okr';
import type { DomainContext } from '../domain';
import { commandRegistry } from '../domains';
import { createSilentLogger } from '../runtime/logger';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createHandlers } from './handlers';
import { okrReport } from './report';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let opened: OpenedDatabase;
let today: string;
let now: () => Date;

function engineTo(url: string): SyncEngine {
  return createSyncEngine({
    sqlite: opened.sqlite,
    logger: recordingLogger(),
    platform: { url, token: platform.tokens.operators[0]!.token },
    commands: commandRegistry,
    operatorId: 'me',
    now,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
}

function handlersWith(engine: SyncEngine) {
  let issued = 0;
  const ctx: DomainContext = { opened, engine: () => engine, commandIssued: () => void issued++, logger: createSilentLogger() };
  return { handlers: createHandlers(ctx, now), issued: () => issued };
}

function outbox(): { type: string; state: string; entity_id: string }[] {
  return opened.sqlite.prepare('SELECT type, state, entity_id FROM outbox_commands ORDER BY seq').all() as never;
}

beforeAll(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  const serverNow = new Date(platform.serverTime());
  now = () => serverNow;
  today = platform.serverTime().slice(0, 10);
  opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  await engineTo(platform.url).syncOnce();
});
afterAll(async () => {
  opened.close();
  await platform.close();
  temp.cleanup();
});

describe('synced teams', () => {
  it('cards agree with the report, people load counts active memberships', () => {
    const { handlers } = handlersWith(engineTo(platform.url));
    const cards = handlers['okr.teams']({ asOf: today }) as TeamCard[];
    const report = okrReport(opened.sqlite, today);
    expect(cards.map((c) => c.id)).toEqual(report.map((line) => line.teamId));
    for (const [i, card] of cards.entries()) {
      const line = report[i]!;
      expect({ pace: card.pace, expected: card.expected, score: card.score }).toEqual({ pace: line.pace, expected: line.expected, score: line.score });
      expect(card.keyResultCount).toBe(line.keyResults.length);
    }
    const people = handlers['okr.people']({ asOf: today }) as { personId: string; load: number; teams: { teamId: string }[] }[];
    const active = new Set(cards.filter((c) => c.status === 'active').map((c) => c.id));
    const memberships = opened.sqlite
      .prepare('SELECT DISTINCT person_id, team_id FROM okr_members WHERE joined_on <= ? AND (left_on IS NULL OR left_on > ?)')
      .all(today, today) as { person_id: string; team_id: string }[];
    for (const person of people.slice(0, 10)) {
      expect(person.load).toBe(memberships.filter((m) => m.person_id === person.personId && active.has(m.team_id)).length);
    }
    expect(people.map((p) => p.load)).toEqual([...people.map((p) => p.load)].sort((a, b) => b - a));
  });

  it('refuses an impossible day', () => {
    const { handlers } = handlersWith(engineTo(platform.url));
    expect(() => handlers['okr.teams']({ asOf: '2026-02-30' })).toThrow(ApiError);
  });
});

describe('a team from the template, offline, then synced', () => {
  it('shows every change at once and sends each exactly once, in order', async () => {
    const offline = engineTo('http://127.0.0.1:9'); // nothing listens there
    const { handlers, issued } = handlersWith(offline);
    const people = handlers['okr.directory']({}) as { id: string; department: string }[];
    const lead = people.find((p) => p.department === 'operations')!;
    const sponsor = people.find((p) => p.id !== lead.id)!;
    const helper = people.find((p) => p.department === 'logistics')!;

    const created = handlers['okr.team.createFromTemplate']({ product: '冻干咖啡', leadId: lead.id, sponsorId: sponsor.id, startsOn: today }) as {
      teamId: string; commandIds: string[];
    };
    expect(created.commandIds).toHaveLength(1 + 1 + 3 + 4); // team, lead as member, 3 objectives, 4 KRs
    expect(issued()).toBe(1);
    const detail = () => handlers['okr.team']({ id: created.teamId, asOf: today }) as TeamDetail;
    let team = detail();
    expect(team.team).toMatchObject({ name: '冻干咖啡30天爆品冲刺', status: 'forming', pace: 'not_started', keyResultCount: 4, memberCount: 1, daysLeft: 30 });
    expect(team.team.departments).toEqual([{ department: 'operations', members: 1 }]);
    // The tree: the hit objective first, the two aligned to it after it.
    expect(team.objectives.map((o) => o.title)).toEqual(['把冻干咖啡打造成日销万单的爆品', '供给稳得住：放量不断货', '履约快一步：下单到签收更快']);
    const [hit, supply, delivery] = team.objectives;
    expect(supply!.parentObjectiveId).toBe(hit!.id);
    expect(delivery!.parentObjectiveId).toBe(hit!.id);
    const orders = hit!.keyResults.find((kr) => kr.title === '日订单量')!;
    expect(orders).toMatchObject({ startValue: 0, targetValue: 10_000, currentValue: 0, direction: 'increase', progress: 0 });
    const hours = delivery!.keyResults[0]!;
    expect(hours).toMatchObject({ startValue: 48, targetValue: 24, currentValue: 48, direction: 'decrease' });

    handlers['okr.team.update']({ id: created.teamId, status: 'active' });
    handlers['okr.member.add']({ teamId: created.teamId, personId: helper.id, role: '物流对接' });
    const added = handlers['okr.keyResult.upsert']({
      objectiveId: supply!.id, title: '断货SKU数', unit: '个', direction: 'decrease', startValue: 12, targetValue: 0,
    }) as { id: string };
    handlers['okr.checkIn']({ keyResultId: orders.id, value: 2_500, confidence: 0.7, note: '首批达人带货' });
    handlers['okr.checkIn']({ keyResultId: hours.id, value: 36, confidence: 0.6 });

    team = detail();
    expect(team.team.status).toBe('active');
    expect(team.team.keyResultCount).toBe(5);
    expect(team.team.memberCount).toBe(2);
    const ordersNow = team.objectives[0]!.keyResults.find((kr) => kr.id === orders.id)!;
    expect(ordersNow).toMatchObject({ currentValue: 2_500, progress: 0.25 });
    expect(ordersNow.checkIns).toMatchObject([{ value: 2_500, confidence: 0.7, note: '首批达人带货', local: true }]);
    const hoursNow = team.objectives[2]!.keyResults[0]!;
    expect(hoursNow).toMatchObject({ currentValue: 36, progress: 0.5 });
    expect(team.team.unsyncedCommands).toBe(9 + 5); // the template's nine, then update, member, KR, two check-ins
    const line = okrReport(opened.sqlite, today).find((l) => l.teamId === created.teamId)!;
    expect(line).toMatchObject({ status: 'active', expected: 0, pace: 'on_track' });
    expect(line.keyResults.find((kr) => kr.id === added.id)).toEqual({ id: added.id, progress: 0, pace: 'on_track' });

    const closed = handlers['okr.team.close']({ id: created.teamId, retrospective: '达人带货起量快；物流是瓶颈，下次先备仓。' }) as { score: number };
    // KRs: orders 0.25, reviews 0, in-stock 0, hours 0.5, out-of-stock SKUs 0 → mean 0.15
    expect(closed.score).toBeCloseTo(0.15, 12);
    expect(detail().team).toMatchObject({ status: 'closed', pace: 'closed', retrospective: '达人带货起量快；物流是瓶颈，下次先备仓。' });
    expect(() => handlers['okr.checkIn']({ keyResultId: orders.id, value: 1, confidence: 1 })).toThrow(/closed/);
    const library = handlers['okr.retrospectives']({ search: '备仓' }) as { teamId: string; score: number }[];
    expect(library).toEqual([expect.objectContaining({ teamId: created.teamId, score: closed.score })]);

    expect(await offline.pushOnce().catch(() => 0)).toBe(0);
    expect(outbox().filter((c) => c.state === 'done')).toHaveLength(0);

    // Back online: everything reaches the platform once, in the order it was issued.
    await engineTo(platform.url).syncOnce();
    const states = outbox().slice(-15);
    expect(states.map((c) => c.type)).toEqual([
      'okr.team.upsert', 'okr.member.add', 'okr.objective.upsert', 'okr.key_result.upsert', 'okr.key_result.upsert',
      'okr.objective.upsert', 'okr.key_result.upsert', 'okr.objective.upsert', 'okr.key_result.upsert',
      'okr.team.upsert', 'okr.member.add', 'okr.key_result.upsert', 'okr.check_in', 'okr.check_in', 'okr.team.close',
    ]);
    expect(states.every((c) => c.state === 'done')).toBe(true);
    const server = platform.getRecord('okr_teams', created.teamId)!;
    expect(server).toMatchObject({ status: 'closed', retrospective: '达人带货起量快；物流是瓶颈，下次先备仓。', lead_id: lead.id });
    expect(platform.getRecord('key_results', orders.id)).toMatchObject({ current_value: 2_500 });
    expect(platform.getRecord('key_results', hours.id)).toMatchObject({ current_value: 36 });
    const serverCheckIns: Record<string, unknown>[] = [];
    for await (const c of platform.snapshot('check_ins')) if (c.key_result_id === orders.id || c.key_result_id === hours.id) serverCheckIns.push(c);
    expect(serverCheckIns.map((c) => c.value).sort()).toEqual([2_500, 36].sort()); // each once

    team = detail();
    expect(team.team.version).toBe(server.version);
    expect(team.team.unsyncedCommands).toBe(0);
    const synced = team.objectives[0]!.keyResults.find((kr) => kr.id === orders.id)!;
    expect(synced.currentValue).toBe(2_500);
    expect(synced.checkIns.map((c) => c.local)).toEqual([false]);
    expect(team.members.map((m) => m.personId).sort()).toEqual([lead.id, helper.id].sort());
  });

  it('refuses what the platform would refuse, before queueing it', () => {
    const { handlers } = handlersWith(engineTo('http://127.0.0.1:9'));
    const before = outbox().length;
    expect(() => handlers['okr.team.createFromTemplate']({ product: 'x', leadId: 'nobody', sponsorId: 'nobody', startsOn: today })).toThrow(/no person/);
    expect(() => handlers['okr.checkIn']({ keyResultId: 'kr_missing', value: 1, confidence: 0.5 })).toThrow(/No key result/);
    const lead = (handlers['okr.directory']({}) as { id: string }[])[0]!.id;
    expect(() => handlers['okr.team.createFromTemplate']({ product: 'x', leadId: lead, sponsorId: lead, startsOn: '2026-02-30' })).toThrow(/calendar day/);
    expect(outbox().length).toBe(before);
  });
});
