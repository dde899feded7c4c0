/**
 * Public opinion end to end, against the reference platform: the queue in both languages, a
 * monitoring step (scoring + detection) from the board, an alert's detail with the platform's
 * hostile mentions shown as inert text, and the workflow (acknowledge, assign, comment, start
 * response) done while the platform takes no commands; once it does, each command reaches it
 * once, in order. Screenshots of the queue, the detail and the mentions explorer, zh-CN and en.
 */
import fs from 'node:fs';
import { test, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../electron/core/api';
import { makeDataDir, callCockpit, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, saveScreenshot, watchConsoleErrors } from './fixtures';
import { startPushGate, startTestPlatform, type PlatformServerHandle, type PushGate } from './platform';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let platform: PlatformServerHandle;
let gate: PushGate;
let cockpit: CockpitServer;
let dataDir: string;
let page: Page;
let consoleErrors: string[];
let dialogs = 0;

function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return callCockpit(cockpit, method, input);
}

async function caughtUp(): Promise<void> {
  await waitUntilCaughtUp(cockpit, 90_000);
}

async function language(lng: 'zh-CN' | 'en'): Promise<void> {
  await call('settings.update', { language: lng, theme: 'light' });
  await page.waitForTimeout(300);
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  platform = await startTestPlatform();
  gate = await startPushGate(platform.url);
  dataDir = makeDataDir('opinion');
  cockpit = await startCockpitServer(dataDir, ['--api', gate.url, '--token', platform.tokens.operators[0]!.token]);
  await caughtUp();
  page = await browser.newPage();
  consoleErrors = watchConsoleErrors(page);
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await openCockpit(page, cockpit);
  await language('zh-CN');
});

test.afterEach(async () => {
  expect(consoleErrors, 'console errors on the page').toEqual([]);
  expect(dialogs, 'no dialog opened by page content').toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test.afterAll(async () => {
  await page?.close();
  await cockpit?.stop();
  await gate?.close();
  await platform?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the queue by SLA risk, scored and checked for bursts from the board, in both languages', async () => {
  await page.getByTestId('nav-opinion').click();
  await expect(page.getByRole('heading', { level: 1, name: '舆情监测' })).toBeVisible();
  const queue = await call('alerts.queue', { statuses: ['open', 'acknowledged', 'responding'] });
  expect(queue.rows.length).toBeGreaterThan(0);
  await expect(page.getByTestId(`sla-${queue.rows[0]!.id}`)).toBeVisible();
  await page.getByTestId('detect-now').click();
  await expect(page.getByText(/检测完成/)).toBeVisible({ timeout: 60_000 });
  const scoring = await call('opinion.scoring', {});
  expect(scoring.scored).toBe(scoring.total);
  await saveScreenshot(page, 'opinion-queue-zh');
  await language('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Public opinion' })).toBeVisible();
  await saveScreenshot(page, 'opinion-queue-en');
  await language('zh-CN');
});

test('offline: acknowledge, assign, comment and start response; each reaches the platform once, in order', async () => {
  const alert = (await call('alerts.queue', { statuses: ['open'] })).rows[0]!;
  gate.hold();
  await page.getByTestId(`open-${alert.id}`).click();
  const drawer = page.getByTestId('alert-drawer');
  await expect(drawer.getByTestId('alert-title')).toBeVisible();
  await drawer.getByTestId('detail-acknowledge').click();
  await expect(drawer.getByTestId('alert-status')).toHaveText('已确认');

  const assignee = (await call('alerts.assignees', {}))[0]!;
  await drawer.getByTestId('detail-assign').click();
  await page.getByTestId('assignee-select').click();
  await page.keyboard.type(assignee.name);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await drawer.getByTestId('detail-comment').click();
  await page.getByTestId('action-text').fill('<script>window.__pwned=1</script>已联系商家');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await drawer.getByTestId('detail-startResponse').click();
  await page.getByTestId('action-note').fill('公关声明起草中');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(drawer.getByTestId('alert-status')).toHaveText('响应中');
  await expect(drawer.getByTestId('alert-sla')).toHaveAttribute('data-sla-state', 'responded');
  await expect(drawer.getByText('<script>window.__pwned=1</script>已联系商家').first()).toBeVisible();
  await saveScreenshot(page, 'opinion-detail-zh');
  await language('en');
  await saveScreenshot(page, 'opinion-detail-en');
  await language('zh-CN');
  expect(platform.getRecord('alerts', alert.id)).toMatchObject({ status: 'open' });

  gate.release();
  await expect.poll(() => platform.getRecord('alerts', alert.id)?.status, { timeout: 60_000 }).toBe('responding');
  const record = platform.getRecord('alerts', alert.id)!;
  expect(record).toMatchObject({ assignee_id: assignee.id });
  expect((record.comments as { text: string }[]).slice(-2).map((c) => c.text)).toEqual(['<script>window.__pwned=1</script>已联系商家', '公关声明起草中']);
  const outbox = (await call('sync.outbox', {})).filter((entry) => entry.entityId === alert.id).sort((a, b) => a.seq - b.seq);
  // "Detect now" escalated the alert once if its SLA was already breached (the demo clock is in the past).
  expect(outbox.filter((entry) => entry.type === 'alert.escalate').length).toBeLessThanOrEqual(1);
  expect(outbox.filter((entry) => entry.type !== 'alert.escalate').map((entry) => [entry.type, entry.state])).toEqual([
    ['alert.acknowledge', 'done'], ['alert.assign', 'done'], ['alert.comment', 'done'], ['alert.start_response', 'done'],
  ]);
  await page.keyboard.press('Escape');
});

test('the mentions explorer shows hostile mentions as text and relabels', async () => {
  await page.getByRole('tab', { name: '舆情检索' }).click();
  await expect(page.locator('[data-testid^="relabel-"]').first()).toBeVisible();
  await page.getByTestId('mention-search').locator('input').fill('script');
  await page.getByTestId('mention-search').locator('input').press('Enter');
  await expect(page.getByText(/<script>/).first()).toBeVisible();
  await saveScreenshot(page, 'opinion-mentions-zh');
  await language('en');
  await saveScreenshot(page, 'opinion-mentions-en');
  await language('zh-CN');
});
