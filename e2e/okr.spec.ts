/**
 * OKR strike teams end to end: a team is created from the template while the platform takes no
 * commands (pushes held back), a KR is added, two check-ins move it, the team is closed with a
 * retrospective; the app restarts; once the platform takes commands again each change reaches it
 * exactly once, in order, and the board shows the platform's versions. Screenshots of the cards,
 * the team page with its burn-ups and the check-in form, in both languages and themes.
 */
import fs from 'node:fs';
import { test, type Browser, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput, OutboxEntry } from '../electron/core/api';
import { callCockpit, makeDataDir, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, saveScreenshot, watchConsoleErrors } from './fixtures';
import { platformRecord, startPushGate, startTestPlatform, type PlatformServerHandle, type PushGate } from './platform';

test.describe.configure({ mode: 'serial', timeout: 150_000 });

let platform: PlatformServerHandle;
let gate: PushGate;
let cockpit: CockpitServer;
let dataDir: string;
let page: Page;
let consoleErrors: string[];
let teamId = '';
let browserRef: Browser;

function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return callCockpit(cockpit, method, input);
}

async function startCockpit(): Promise<void> {
  const operator = platform.tokens.operators[0];
  if (!operator) throw new Error('the reference platform has no operators');
  cockpit = await startCockpitServer(dataDir, ['--api', gate.url, '--token', operator.token]);
}

function caughtUp(): Promise<void> {
  return waitUntilCaughtUp(cockpit);
}

async function okrOutbox(): Promise<OutboxEntry[]> {
  return (await call('sync.outbox', {})).filter((entry) => entry.type.startsWith('okr.'));
}

async function appearance(language: 'zh-CN' | 'en', theme: 'light' | 'dark'): Promise<void> {
  await call('settings.update', { language, theme });
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh-CN' ? 'zh-CN' : 'en', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(150_000);
  platform = await startTestPlatform();
  gate = await startPushGate(platform.url);
  dataDir = makeDataDir('okr');
  await startCockpit();
  await caughtUp();
  browserRef = browser;
  page = await browser.newPage();
  consoleErrors = watchConsoleErrors(page);
  await openCockpit(page, cockpit);
  await call('settings.update', { language: 'zh-CN', theme: 'light' });
});

test.afterEach(() => {
  expect(consoleErrors, 'console errors on the page').toEqual([]);
});

test.afterAll(async () => {
  await page?.close();
  await cockpit?.stop();
  await gate?.close();
  await platform?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the cards group teams by pace, in both languages and themes', async () => {
  await page.getByTestId('nav-okr').click();
  await expect(page.getByRole('heading', { level: 1, name: 'OKR 攻坚小组' })).toBeVisible();
  const teams = await call('okr.teams', {});
  expect(teams.length).toBeGreaterThan(0);
  await expect(page.getByTestId(`okr-card-${teams[0]!.id}`)).toBeVisible();
  await saveScreenshot(page, 'okr-cards-zh-light');
  await appearance('en', 'dark');
  await expect(page.getByRole('heading', { level: 1, name: 'OKR strike teams' })).toBeVisible();
  await saveScreenshot(page, 'okr-cards-en-dark');
  await page.getByTestId('okr-tab-risk').click();
  await expect(page.locator('[data-testid^="okr-risk-"]').first()).toBeVisible();
  await saveScreenshot(page, 'okr-risk-en-dark');
  await page.getByTestId('okr-tab-people').click();
  await saveScreenshot(page, 'okr-people-en-dark');
  await appearance('zh-CN', 'light');
  await page.getByTestId('okr-tab-cards').click();
});

test('offline: create from the template, add a KR, check in twice, close with a retrospective', async () => {
  gate.hold();
  const people = await call('okr.directory', {});
  const lead = people.find((p) => p.department === 'operations') ?? people[0]!;
  const sponsor = people.find((p) => p.id !== lead.id)!;

  await page.getByTestId('okr-new-team').click();
  await page.getByTestId('okr-create-product').fill('冻干咖啡');
  await page.getByTestId('okr-create-lead').click();
  await page.keyboard.type(lead.name);
  await page.keyboard.press('Enter');
  await page.getByTestId('okr-create-sponsor').click();
  await page.keyboard.type(sponsor.name);
  await page.keyboard.press('Enter');
  // The team starts on the platform's day, so the platform's check-in times fall inside its cycle.
  const platformDay = platform.serverTime().slice(0, 10);
  await page.getByTestId('okr-create-starts').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(platformDay);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('okr-template-preview')).toContainText('日订单量');
  await page.getByTestId('okr-create-submit').click();

  await expect(page.getByTestId('okr-team-page')).toBeVisible();
  teamId = (await call('okr.teams', {})).find((team) => team.name === '冻干咖啡30天爆品冲刺')?.id ?? '';
  expect(teamId).not.toBe('');
  expect(page.url()).toContain(`team=${teamId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('冻干咖啡30天爆品冲刺');

  // Add a KR to the supply objective.
  const detail = await call('okr.team', { id: teamId });
  const supply = detail.objectives[1]!;
  await page.getByTestId(`okr-add-kr-${supply.id}`).click();
  await page.getByTestId('okr-kr-title').fill('断货SKU数');
  await page.getByTestId('okr-kr-unit').fill('个');
  await page.getByTestId('okr-kr-start').fill('12');
  await page.getByTestId('okr-kr-target').fill('0');
  await page.getByTestId('okr-kr-submit').click();
  await expect(page.getByText('断货SKU数').first()).toBeVisible();

  // Two check-ins on the orders KR, from the keyboard: type the value, Enter.
  const orders = detail.objectives[0]!.keyResults.find((kr) => kr.title === '日订单量')!;
  await page.getByTestId('okr-checkin-value').fill('1500');
  await page.getByTestId('okr-checkin-note').fill('首批达人带货');
  await page.getByTestId('okr-checkin-value').press('Enter');
  await expect(page.getByTestId(`okr-kr-${orders.id}`)).toContainText('1,500');
  await page.getByTestId('okr-checkin-value').fill('3200');
  await page.getByTestId('okr-checkin-value').press('Enter');
  await expect(page.getByTestId(`okr-kr-${orders.id}`)).toContainText('3,200');
  await expect(page.getByTestId(`okr-kr-progress-${orders.id}`)).toContainText('32%');
  await saveScreenshot(page, 'okr-team-zh-light');
  await appearance('en', 'dark');
  await expect(page.getByTestId('okr-checkin-form')).toContainText('Key result');
  await saveScreenshot(page, 'okr-team-en-dark');
  await page.getByTestId('okr-checkin-form').screenshot({ path: 'e2e/screenshots/okr-checkin-form-en-dark.png' });
  await appearance('zh-CN', 'light');
  await page.getByTestId('okr-checkin-form').screenshot({ path: 'e2e/screenshots/okr-checkin-form-zh-light.png' });

  await page.getByTestId('okr-close').click();
  await page.getByTestId('okr-close-retrospective').fill('达人带货起量快；物流是瓶颈，下一期先备仓。');
  await page.getByTestId('okr-close-submit').click();
  await expect(page.getByTestId('okr-retrospective')).toContainText('下一期先备仓');

  const queued = await okrOutbox();
  expect(queued.every((entry) => entry.state === 'pending' || entry.state === 'sent')).toBe(true);
  expect(queued.map((entry) => entry.type)).toEqual([
    'okr.team.upsert', 'okr.member.add',
    'okr.objective.upsert', 'okr.key_result.upsert', 'okr.key_result.upsert',
    'okr.objective.upsert', 'okr.key_result.upsert',
    'okr.objective.upsert', 'okr.key_result.upsert',
    'okr.key_result.upsert', 'okr.check_in', 'okr.check_in', 'okr.team.close',
  ]);
  expect(platform.getRecord('okr_teams', teamId)).toBeNull();
});

test('after a restart and reconnecting, each change reaches the platform once, in order', async () => {
  await page.close();
  await cockpit.stop();
  await startCockpit();
  page = await browserRef.newPage();
  consoleErrors = watchConsoleErrors(page);
  await openCockpit(page, cockpit);
  // Still queued after the restart.
  expect((await okrOutbox()).filter((entry) => entry.state !== 'done')).toHaveLength(13);
  gate.release();
  await expect.poll(async () => (await okrOutbox()).map((entry) => entry.state), { timeout: 60_000 }).toEqual(Array(13).fill('done'));

  const team = await platformRecord(platform, 'okr_teams', teamId);
  expect(team).toMatchObject({ status: 'closed', retrospective: '达人带货起量快；物流是瓶颈，下一期先备仓。' });
  const checkIns: Record<string, unknown>[] = [];
  for await (const c of platform.snapshot('check_ins')) checkIns.push(c);
  const detail = await call('okr.team', { id: teamId });
  const orders = detail.objectives[0]!.keyResults.find((kr) => kr.title === '日订单量')!;
  const mine = checkIns.filter((c) => c.key_result_id === orders.id);
  expect(mine.map((c) => c.value)).toEqual([1500, 3200]); // once each, in order
  expect((await platformRecord(platform, 'key_results', orders.id))?.current_value).toBe(3200);

  // The board shows the platform's versions.
  await expect.poll(async () => (await call('okr.team', { id: teamId })).team.version, { timeout: 30_000 }).toBe(team!.version as number);
  const settled = await call('okr.team', { id: teamId });
  expect(settled.team.unsyncedCommands).toBe(0);
  expect(settled.objectives[0]!.keyResults.find((kr) => kr.id === orders.id)!.checkIns.map((c) => c.local)).toEqual([false, false]);
  await page.getByTestId('nav-okr').click();
  await page.getByTestId('okr-tab-library').click();
  await expect(page.getByTestId(`okr-retro-${teamId}`)).toContainText('下一期先备仓');
  await page.getByTestId(`okr-retro-open-${teamId}`).click();
  await expect(page.getByTestId('okr-team-page')).toBeVisible();
  await expect(page.getByTestId('okr-team-page')).not.toContainText('项未同步');
  await saveScreenshot(page, 'okr-team-closed-zh-light');
  await appearance('en', 'light');
  await page.getByTestId('okr-back').click();
  await page.getByTestId('okr-tab-library').click();
  await saveScreenshot(page, 'okr-library-en-light');
  await appearance('zh-CN', 'dark');
  await page.getByTestId('okr-tab-cards').click();
  await saveScreenshot(page, 'okr-cards-zh-dark');
  await appearance('zh-CN', 'light');
});
