/**
 * Supplier backup pools end to end, against the reference platform: the overview and both grids in
 * both languages; a new risk event arrives through sync and its affected core SKUs show in the
 * impact panel; a switch plan confirmed in the dialog reaches the platform; a colleague's change
 * to the same link first comes back as a conflict, resolved both ways. Screenshots of every view.
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

function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return callCockpit(cockpit, method, input);
}

async function language(lng: 'zh-CN' | 'en'): Promise<void> {
  await call('settings.update', { language: lng, theme: 'light' });
  await page.waitForTimeout(300);
}

async function tab(name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

/** A colleague touches the link on the platform (a new version): our switch on the old one conflicts. */
function colleagueRequalifies(linkId: string, n: number): void {
  const link = platform.getRecord('supply_links', linkId)!;
  const [answer] = platform.applyCommands(
    [{ id: `0190f3c2-0000-7000-8000-00000000000${n}`, type: 'supply_link.set_qualification', entity_id: linkId, base_version: link.version, payload: { qualification: 'qualified', note: '复审' }, issued_at: '2026-11-11T10:00:00+08:00' }],
    platform.tokens.operators.at(-1)!.token,
  );
  expect(answer?.status).toBe('applied');
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  platform = await startTestPlatform();
  gate = await startPushGate(platform.url);
  dataDir = makeDataDir('suppliers');
  cockpit = await startCockpitServer(dataDir, ['--api', gate.url, '--token', platform.tokens.operators[0]!.token]);
  await waitUntilCaughtUp(cockpit, 90_000);
  page = await browser.newPage();
  consoleErrors = watchConsoleErrors(page);
  await openCockpit(page, cockpit);
  await language('zh-CN');
});

test.afterEach(async () => {
  expect(consoleErrors, 'console errors on the page').toEqual([]);
});

test.afterAll(async () => {
  await page?.close();
  await cockpit?.stop();
  await gate?.close();
  await platform?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('overview, coverage and supplier grids, rules, in both languages', async () => {
  await page.getByTestId('nav-suppliers').click();
  await expect(page.getByRole('heading', { level: 1, name: '供应商分级与备选池' })).toBeVisible();
  const overview = await call('suppliers.overview', {});
  await expect(page.getByTestId('suppliers-overview')).toContainText(String(overview.coreSkus));
  await saveScreenshot(page, 'suppliers-overview-zh-CN');
  await tab(/核心 SKU 覆盖/);
  await expect(page.locator('.ag-cell:visible', { hasText: '单一货源' }).first()).toBeVisible();
  await saveScreenshot(page, 'suppliers-coverage-zh-CN');
  await tab(/^供应商$/);
  await expect(page.locator('.ag-cell:visible', { hasText: '必备证书过期' }).first()).toBeVisible();
  await saveScreenshot(page, 'suppliers-grid-zh-CN');
  await tab(/分级规则/);
  await page.getByTestId('rules-preview').click();
  await expect(page.getByTestId('rules-preview-result')).toBeVisible();
  await saveScreenshot(page, 'suppliers-rules-zh-CN');

  await language('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Supplier grading & backup pools' })).toBeVisible();
  await tab(/Overview/);
  await saveScreenshot(page, 'suppliers-overview-en');
  await tab(/Core SKU coverage/);
  await saveScreenshot(page, 'suppliers-coverage-en');
  await tab(/^Suppliers$/);
  await saveScreenshot(page, 'suppliers-grid-en');
  await tab(/Grading rules/);
  await saveScreenshot(page, 'suppliers-rules-en');
  await language('zh-CN');
});

test('a new risk event arrives through sync, its core SKUs light up, and a confirmed switch reaches the platform', async () => {
  const before = new Set((await call('suppliers.riskEvents', {})).map((e) => e.id));
  let fresh: string | undefined;
  for (let i = 0; i < 200 && !fresh; i++) {
    platform.tick(1);
    fresh = ['risk_L00000', 'risk_L00001'].find((id) => platform.getRecord('risk_events', id) && !before.has(id));
  }
  expect(fresh, 'the live platform opened a risk event').toBeDefined();
  await expect.poll(async () => (await call('suppliers.riskEvents', {})).some((e) => e.id === fresh), { timeout: 30_000 }).toBe(true);
  const impact = await call('suppliers.impact', { eventId: fresh! });
  const plan = impact.plans.find((p) => p.backups.length > 0);
  expect(plan, 'an affected core SKU with a usable backup').toBeDefined();

  await tab(/风险事件/);
  await page.getByTestId(`impact-${fresh}`).click();
  const panel = page.getByTestId('impact-panel');
  await expect(panel.getByText(plan!.skuId)).toBeVisible();
  await saveScreenshot(page, 'suppliers-risk-zh-CN');
  await panel.getByTestId(`plan-${plan!.skuId}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId(`plan-row-${plan!.backups[0]!.linkId}`)).toBeVisible();
  await dialog.getByRole('textbox').fill('风险事件：切换到备选');
  await saveScreenshot(page, 'suppliers-switch-plan-zh-CN');
  await page.locator('#switch-confirm').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => platform.getRecord('supply_links', plan!.backups[0]!.linkId)?.role, { timeout: 30_000 }).toBe('primary');

  await language('en');
  await saveScreenshot(page, 'suppliers-risk-en');
  await panel.getByTestId(`plan-${impact.plans.filter((p) => p.backups.length > 0).at(-1)!.skuId}`).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await saveScreenshot(page, 'suppliers-switch-plan-en');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await language('zh-CN');
});

test("a colleague's change to the same link comes back as a conflict, resolved both ways", async () => {
  const candidates = (await call('suppliers.coverage', { coverage: ['covered'] })).filter((r) => r.primaryLinkId && r.unsyncedCommands === 0);
  for (const [n, choice] of [[1, 'keep_mine'], [2, 'take_theirs']] as const) {
    const row = candidates[n]!;
    const target = (await call('suppliers.switchPlan', { skuId: row.skuId })).backups[0]!;
    gate.hold();
    await call('suppliers.switchPrimary', { linkId: target.linkId, fromLinkId: row.primaryLinkId!, reason: 'e2e' });
    colleagueRequalifies(target.linkId, n);
    gate.release();
    await expect.poll(async () => (await call('sync.outbox', { states: ['conflict'] })).some((e) => e.entityId === target.linkId), { timeout: 30_000 }).toBe(true);
    const conflict = (await call('sync.outbox', { states: ['conflict'] })).find((e) => e.entityId === target.linkId)!;
    expect(conflict.serverEntity).toMatchObject({ id: target.linkId, role: 'backup' });
    if (n === 1) {
      await page.getByTestId('nav-sync').click();
      await saveScreenshot(page, 'suppliers-conflict-zh-CN');
      await page.getByTestId('nav-suppliers').click();
    }
    await call('sync.resolveConflict', { commandId: conflict.id, choice });
    if (choice === 'keep_mine') {
      await expect.poll(() => platform.getRecord('supply_links', target.linkId)?.role, { timeout: 30_000 }).toBe('primary');
    } else {
      await expect
        .poll(async () => (await call('suppliers.coverage', {})).find((r) => r.skuId === row.skuId)?.primaryLinkId, { timeout: 30_000 })
        .toBe(row.primaryLinkId);
      expect(platform.getRecord('supply_links', target.linkId)?.role).toBe('backup');
    }
  }
});
