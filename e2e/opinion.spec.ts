/**
 * Public opinion end to end, against the reference platform: the queue in both languages, a
 * monitoring step (scoring + detection) from the board, an alert's detail with the platform's
 * hostile mentions shown as inert text, and the workflow (acknowledge, assign, comment, start
 * response) done while the platform takes no commands; once it does, each command reaches it
 * once, in order. Screenshots of the queue, the detail and the mentions explorer, zh-CN and en.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

/** Where the attention badge and "mine" pictures go, besides e2e/screenshots. */
const ATTENTION_SHOTS = '/tmp/shots-attention';
const RECORDED = '__e2eNotifications';

async function attentionShot(name: string): Promise<void> {
  await saveScreenshot(page, name);
  fs.mkdirSync(ATTENTION_SHOTS, { recursive: true });
  fs.copyFileSync(path.join('e2e/screenshots', `${name}.png`), path.join(ATTENTION_SHOTS, `${name}.png`));
}

test('a new P1 badges the navigation on any board and notifies once per alert, even after a reload; "mine" lists my alerts', async () => {
  // Desktop notifications allowed, and recorded (in sessionStorage, so a reload keeps the record).
  await page.context().grantPermissions(['notifications'], { origin: cockpit.baseUrl });
  await page.addInitScript((key) => {
    class RecordingNotification {
      static readonly permission = 'granted';
      static requestPermission(): Promise<string> {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        const list = JSON.parse(sessionStorage.getItem(key) ?? '[]') as unknown[];
        list.push({ title, body: options.body, tag: options.tag });
        sessionStorage.setItem(key, JSON.stringify(list));
        (window as unknown as { __lastNotification?: RecordingNotification }).__lastNotification = this;
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
  }, RECORDED);
  await page.reload();
  await expect(page.getByTestId('status-bar')).toBeVisible();
  const recorded = () => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]') as { title: string; body: string; tag: string }[], RECORDED);

  // Another board; the demo's alerts are days old: nothing to notify yet.
  await page.getByTestId('nav-merchants').click();
  const before = await call('opinion.attention', {});
  expect(before.pendingNotifications).toEqual([]);

  // Two P1 bursts, opened on the platform just now by a colleague's cockpit (hostile text in one title); one is assigned to me.
  const me = platform.tokens.operators[0]!;
  const colleague = platform.tokens.operators.at(-1)!;
  const openedAt = new Date(Date.now() - 60_000).toISOString();
  const hostile = '<img src=x onerror="window.__pwned=1">牛肉干发霉\u202Egnp.exe\n投诉激增';
  const bursts = [
    { id: randomUUID(), title: hostile, topic: 'food_safety', assignee_id: me.id },
    { id: randomUUID(), title: '全平台虚假宣传投诉激增', topic: 'false_advertising', assignee_id: null },
  ];
  const results = platform.applyCommands(
    bursts.map((burst) => ({
      id: randomUUID(), type: 'alert.open', entity_id: burst.id,
      payload: {
        dedup_key: `${burst.topic}:platform:platform`, title: burst.title, severity: 'P1', subject_type: 'platform', subject_id: null,
        topic: burst.topic, opened_at: openedAt, assignee_id: burst.assignee_id, mention_count: 60, negative_share: 0.9,
      },
    })),
    colleague.token,
  );
  expect(results.map((result) => result.status)).toEqual(['applied', 'applied']);
  await call('sync.now', {});

  // One notification per alert, as plain text.
  await expect.poll(async () => (await recorded()).length, { timeout: 90_000 }).toBe(2);
  const shown = await recorded();
  expect(shown.map((n) => n.tag).sort()).toEqual(bursts.map((b) => `opinion-alert-${b.id}`).sort());
  expect(shown.every((n) => n.title === 'P1 舆情预警')).toBe(true);
  expect(shown.map((n) => n.body)).toContain('<img src=x onerror="window.__pwned=1">牛肉干发霉gnp.exe 投诉激增');

  // The badge on this other board: the core's count, and its two parts in words.
  const after = await call('opinion.attention', {});
  expect(after.openP1).toBe(before.openP1 + 2);
  expect(after.pendingNotifications).toEqual([]);
  const badge = page.getByTestId('nav-opinion-badge');
  await expect(badge).toHaveAttribute('data-count', String(after.attention), { timeout: 30_000 });
  const summary = `${after.openP1} 条 P1 未关闭${after.breached > 0 ? ` · ${after.breached} 条响应超时` : ''}`;
  await expect(badge).toHaveAttribute('aria-label', `舆情监测：${after.attention} 条待关注（${summary}）`);
  await badge.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: summary })).toBeVisible();
  await expect(badge).toContainText(after.attention > 99 ? '99+' : String(after.attention));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('商家分层');
  await attentionShot('opinion-attention-badge-zh');
  // Collapsed navigation: the count sits on the icon.
  await page.getByTestId('nav-toggle').click();
  await expect(page.getByTestId('nav-opinion-badge')).toHaveAttribute('data-count', String(after.attention));
  await page.mouse.move(700, 600);
  await attentionShot('opinion-attention-badge-collapsed-zh');
  await page.getByTestId('nav-toggle').click();
  await language('en');
  await expect(badge).toHaveAttribute('aria-label', new RegExp(`^Public opinion: ${after.attention} need attention \\(${after.openP1} open P1`));
  await attentionShot('opinion-attention-badge-en');
  await language('zh-CN');

  // A click on a notification opens the alert on the opinion board.
  await page.evaluate(() => (window as unknown as { __lastNotification: { onclick: () => void } }).__lastNotification.onclick());
  const last = shown.at(-1)!.tag.replace('opinion-alert-', '');
  await expect(page).toHaveURL(new RegExp(`#/opinion\\?alert=${last}$`));
  await expect(page.getByTestId('alert-drawer').getByTestId('alert-title')).toBeVisible();
  await page.keyboard.press('Escape');

  // A reload claims nothing again.
  await page.reload();
  await expect(page.getByTestId('nav-opinion-badge')).toHaveAttribute('data-count', String(after.attention), { timeout: 30_000 });
  await page.waitForTimeout(2_000);
  expect(await recorded()).toHaveLength(2);

  // "Mine": the alerts assigned to the person behind the token.
  await page.getByTestId('nav-opinion').click();
  await page.getByTestId('filter-mine').click();
  await expect(page.getByRole('checkbox', { name: '只看我的' })).toBeChecked();
  await expect(page.getByTestId(`sla-${bursts[0]!.id}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(`sla-${bursts[1]!.id}`)).toHaveCount(0);
  await page.mouse.move(700, 600);
  const mine = await call('alerts.queue', { mine: true, statuses: ['open', 'acknowledged', 'responding'] });
  expect(mine.operatorId).toBe(me.id);
  expect(mine.rows.every((row) => row.assigneeId === me.id)).toBe(true);
  await attentionShot('opinion-queue-mine-zh');
  await language('en');
  await expect(page.getByRole('checkbox', { name: 'Mine' })).toBeChecked();
  await attentionShot('opinion-queue-mine-en');
  await language('zh-CN');
});
