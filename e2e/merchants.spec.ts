/**
 * Merchant tiers end to end, against the reference platform (2,000 merchants, 14 days): the board
 * loads with the tier distribution and the grid; a rule change is previewed (who moves where) and
 * applied, and the counts change; an override and a package are set while the platform takes no
 * commands, show at once, survive a restart, and each reaches the platform exactly once when it is
 * back. Screenshots of the board, the drawer and the rule editor in both languages.
 */
import fs from 'node:fs';
import { test, type Browser, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput, OutboxEntry } from '../electron/core/api';
import { callCockpit, makeDataDir, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, saveScreenshot, watchConsoleErrors } from './fixtures';
import { startPushGate, startTestPlatform, type PlatformServerHandle, type PushGate } from './platform';

test.describe.configure({ mode: 'serial', timeout: 150_000 });

let platform: PlatformServerHandle;
let gate: PushGate;
let cockpit: CockpitServer;
let dataDir: string;
let page: Page;
let consoleErrors: string[];
let browserRef: Browser;
let overridden = '';

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

async function merchantOutbox(): Promise<OutboxEntry[]> {
  return (await call('sync.outbox', {})).filter((entry) => entry.type.startsWith('merchant.'));
}

async function language(lng: 'zh-CN' | 'en'): Promise<void> {
  await call('settings.update', { language: lng, theme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('lang', lng, { timeout: 5_000 });
  await page.waitForTimeout(300);
}

const GRID = '[data-testid="grid-merchants"]';

/** A cell of the pinned totals row. */
function totalsCell(colId: string) {
  return page.locator(`${GRID} .ag-grid-pinned-bottom-rows .ag-row [col-id="${colId}"]`).first();
}

/** GMV in fen as the grid shows it: 万元, two decimals, grouped. */
function wan(fen: number, lng: 'zh-CN' | 'en'): string {
  return new Intl.NumberFormat(lng === 'zh-CN' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 1_000_000);
}

/** Scrolls the merchant grid's rows to the bottom (the element that scrolls them, whatever ag-grid calls it). */
async function scrollGridToEnd(): Promise<void> {
  await page.locator(GRID).evaluate((grid) => {
    const scroller = [...grid.querySelectorAll<HTMLElement>('*')].find((element) => {
      const overflow = getComputedStyle(element).overflowY;
      return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight * 2;
    });
    if (!scroller) throw new Error('no scrolling viewport in the merchant grid');
    scroller.scrollTop = scroller.scrollHeight;
  });
}

async function tierCount(tier: string): Promise<number> {
  const text = (await page.getByTestId(`merchants-tier-count-${tier}`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(150_000);
  platform = await startTestPlatform();
  gate = await startPushGate(platform.url);
  dataDir = makeDataDir('merchants');
  await startCockpit();
  await caughtUp();
  browserRef = browser;
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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

test('the board shows the tier distribution and every merchant in one scrolling grid, with a totals row', async () => {
  await page.getByTestId('nav-merchants').click();
  await expect(page.getByRole('heading', { level: 1, name: '商家分层' })).toBeVisible();
  const list = await call('merchants.list', { limit: 1 });
  expect(list.total).toBe(2_000);
  await expect(page.getByTestId('merchants-tier-count-head')).toHaveText((list.distribution.head ?? 0).toLocaleString('zh-CN'));
  await expect(page.getByTestId('merchants-page')).toContainText('共 2,000 家');
  await expect(page.locator(`${GRID} .ag-row`).first()).toBeVisible();
  // The pinned row under the grid sums the whole filtered set, as the core answers it.
  await expect(page.getByTestId('merchants-totals')).toHaveText('合计 2,000 家');
  await expect(totalsCell('gmvFen')).toHaveText(wan(list.totals.gmvFen, 'zh-CN'));
  await expect(totalsCell('gmvPrevFen')).toHaveText(wan(list.totals.gmvPrevFen, 'zh-CN'));
  await expect(totalsCell('orders')).toHaveText(list.totals.orders.toLocaleString('zh-CN'));
  // No tick box in the totals row.
  await expect(page.locator(`${GRID} .ag-grid-pinned-bottom-rows [data-testid^="merchant-select-"]`)).toHaveCount(0);
  // Sorted on the core by score, highest first: the first row is the top merchant of all 2,000.
  const top = await call('merchants.list', { limit: 1, sort: { field: 'score', dir: 'desc' } });
  await expect(page.locator(`${GRID} .ag-row[row-index="0"]`).first()).toContainText(top.rows[0]!.id);
  await saveScreenshot(page, 'merchants-board-zh');
  // One grid over all of them: scrolled to its end, it reads the last block from the core.
  const last = await call('merchants.list', { offset: 1_999, limit: 1, sort: { field: 'score', dir: 'desc' } });
  await scrollGridToEnd();
  await expect(page.locator(`${GRID} .ag-row[row-index="1999"]`).first()).toContainText(last.rows[0]!.id);
  await expect(page.getByTestId('merchants-page')).toContainText('–2,000 家，共 2,000 家');
  await expect(page.getByTestId('merchants-totals')).toBeVisible();
  await saveScreenshot(page, 'merchants-board-end-zh');
  // Another order on a header click: the core sorts all 2,000, the grid starts again from the top.
  const byGmv = await call('merchants.list', { limit: 1, sort: { field: 'gmvFen', dir: 'desc' } });
  await page.getByTestId('merchant-sort-gmvFen').click();
  await expect(page.locator(`${GRID} .ag-row[row-index="0"]`).first()).toContainText(byGmv.rows[0]!.id);
  await page.getByTestId('merchant-sort-score').click();
  await expect(page.locator(`${GRID} .ag-row[row-index="0"]`).first()).toContainText(top.rows[0]!.id);
  // Ticks: one, then a shift-click four rows down ticks the run; the rows in view in one go.
  const firstFour = await call('merchants.list', { limit: 4, sort: { field: 'score', dir: 'desc' } });
  await page.getByTestId(`merchant-select-${firstFour.rows[0]!.id}`).check();
  await page.getByTestId(`merchant-select-${firstFour.rows[3]!.id}`).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('merchants-bulk')).toContainText('已选 4 家');
  for (const row of firstFour.rows) await expect(page.getByTestId(`merchant-select-${row.id}`)).toBeChecked();
  await page.getByTestId('merchants-select-in-view').click();
  const inView = Number((await page.getByTestId('merchants-page').textContent())?.match(/第 1–(\d+) 家/)?.[1]);
  expect(inView).toBeGreaterThan(4);
  await expect(page.getByTestId('merchants-bulk')).toContainText(`已选 ${inView} 家`);
  await page.getByTestId('merchants-bulk').getByRole('button', { name: '清空选择' }).click();
  await expect(page.getByTestId('merchants-bulk')).toContainText('已选 0 家');
  // A tier card filters the grid on the core; the totals follow.
  const heads = await call('merchants.list', { limit: 1, tiers: ['head'] });
  await page.getByTestId('merchants-tier-head').click();
  await expect(page.getByTestId('merchants-page')).toContainText(`共 ${heads.total.toLocaleString('zh-CN')} 家`);
  await expect(page.getByTestId('merchants-totals')).toHaveText(`合计 ${heads.total.toLocaleString('zh-CN')} 家`);
  await expect(totalsCell('gmvFen')).toHaveText(wan(heads.totals.gmvFen, 'zh-CN'));
  await saveScreenshot(page, 'merchants-board-head-zh');
  await page.getByTestId('merchants-tier-head').click();
  await language('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Merchant tiers' })).toBeVisible();
  await expect(page.getByTestId('merchants-page')).toContainText('of 2,000 merchants');
  await expect(page.getByTestId('merchants-totals')).toHaveText('Total 2,000 merchants');
  await expect(totalsCell('gmvFen')).toHaveText(wan(list.totals.gmvFen, 'en'));
  await saveScreenshot(page, 'merchants-board-en');
  await scrollGridToEnd();
  await expect(page.locator(`${GRID} .ag-row[row-index="1999"]`).first()).toContainText(last.rows[0]!.id);
  await saveScreenshot(page, 'merchants-board-end-en');
  await language('zh-CN');
});

test('change a rule, preview who moves, apply: the counts change and a snapshot is kept', async () => {
  const headBefore = await tierCount('head');
  await page.getByTestId('merchants-tab-rules').click();
  await expect(page.getByTestId('merchant-rules')).toBeVisible();
  // Head from the top 5 % to the top 20 % of ranked merchants.
  const head = page.getByRole('spinbutton', { name: '头部 按排名百分位' });
  await head.fill('80');
  await page.getByTestId('merchant-rules-name').fill('头部放宽到前 20%');
  await page.getByTestId('merchant-rules-preview').click();
  const result = page.getByTestId('merchant-rules-preview-result');
  await expect(result).toContainText('家商家会换层级');
  const preview = await call('merchants.preview', { rules: { ...(await call('merchants.ruleSets', {})).versions[0]!.rules, cutoffs: { head: { percentile: 80 }, waist: { percentile: 75 }, smb: { percentile: 30 } } } });
  expect(preview.after.head ?? 0).toBeGreaterThan(headBefore);
  await expect(page.getByTestId('merchant-rules-preview-counts')).toContainText((preview.after.head ?? 0).toLocaleString('zh-CN'));
  await saveScreenshot(page, 'merchants-rules-zh');
  await language('en');
  await expect(page.getByTestId('merchant-rules-preview-result')).toContainText('merchants would change tier');
  await saveScreenshot(page, 'merchants-rules-en');
  await language('zh-CN');

  await page.getByTestId('merchant-rules-apply').click();
  await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
  await expect(page.getByText(/已应用：快照 #\d+ 已保存/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => tierCount('head'), { timeout: 15_000 }).toBe(preview.after.head ?? 0);
  const snapshots = await call('merchants.snapshots', {});
  expect(snapshots.at(-1)).toMatchObject({ ruleSetName: '头部放宽到前 20%', merchants: 2_000 });
  expect((await call('merchants.ruleSets', {})).activeVersion).toBe(snapshots.at(-1)!.ruleSetVersion);
});

test('migrations between two snapshots: a Sankey, and a flow lists its merchants; the worklist and the growth centre', async () => {
  // Back to the default rules: a second snapshot, in which the widened head shrinks again.
  await call('merchants.apply', { version: 1 });
  await page.reload();
  await page.getByTestId('merchants-tab-migrations').click();
  const migration = page.getByTestId('merchant-migrations');
  await expect(migration.getByRole('img', { name: '两份快照之间商家在层级间的流动' }).locator('canvas')).toHaveCount(1);
  await page.getByTestId('merchant-flow-head-waist').click();
  const [from, to] = (await call('merchants.snapshots', {})).slice(-2);
  const moved = await call('merchants.migrationMerchants', { fromSnapshotId: from!.id, toSnapshotId: to!.id, from: 'head', to: 'waist' });
  expect(moved.length).toBe(256);
  await expect(page.getByTestId('merchant-flow-merchants')).toContainText(moved[0]!.id);
  await saveScreenshot(page, 'merchants-migrations-zh');
  await page.getByTestId('merchants-tab-worklist').click();
  await expect(page.getByTestId('merchant-worklist-total')).toContainText('条不匹配');
  await saveScreenshot(page, 'merchants-worklist-zh');
  await page.getByTestId('merchants-tab-growth').click();
  await expect(page.getByTestId('merchant-growth')).toContainText('升级进入');
  await language('en');
  await saveScreenshot(page, 'merchants-growth-en');
  await language('zh-CN');
});

test('offline: an override and a package show at once in the drawer and the grid', async () => {
  gate.hold();
  const candidates = await call('merchants.list', { limit: 50, tiers: ['smb'], sort: { field: 'score', dir: 'desc' } });
  const merchant = candidates.rows.find((row) => row.override === null && row.packageIds.length === 0) ?? candidates.rows[0]!;
  overridden = merchant.id;
  await page.getByTestId('merchants-tab-merchants').click();
  await page.getByTestId('merchants-search').locator('input').fill(merchant.id);
  await page.getByTestId('merchants-search').locator('input').press('Enter');
  await expect(page.getByTestId('merchants-page')).toContainText('共 1 家');
  await page.getByTestId(`merchant-open-${merchant.id}`).click();
  const drawer = page.getByTestId('merchant-drawer');
  await expect(drawer.getByTestId('merchant-why')).toContainText('所以是中小商家');
  await saveScreenshot(page, 'merchants-drawer-zh');
  await language('en');
  await expect(drawer.getByTestId('merchant-why')).toContainText('so SMB');
  await saveScreenshot(page, 'merchants-drawer-en');
  await language('zh-CN');

  await drawer.getByTestId('merchant-override-tier').click();
  await page.locator('.ant-select-item-option[title="头部"]').click();
  await drawer.getByTestId('merchant-override-reason').fill('品牌旗舰店，战略重点');
  await drawer.getByTestId('merchant-override-submit').click();
  await expect(drawer.getByTestId('merchant-overrides')).toContainText('品牌旗舰店，战略重点');
  await expect(drawer.getByTestId('merchant-why')).toContainText('人工分层为头部');

  const packages = await call('merchants.packages', {});
  const headPackage = packages.find((p) => p.targetTier === 'head') ?? packages[0]!;
  await drawer.getByTestId('merchant-assign-package').click();
  await page.keyboard.type(headPackage.name);
  await page.keyboard.press('Enter');
  await drawer.getByTestId('merchant-assign-submit').click();
  await expect(drawer.getByTestId('merchant-packages')).toContainText(headPackage.name);
  await page.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
  await saveScreenshot(page, 'merchants-drawer-actions-zh');
  await language('en');
  await expect(drawer.getByTestId('merchant-why')).toContainText('Manual tier Head');
  await saveScreenshot(page, 'merchants-drawer-actions-en');
  await language('zh-CN');
  await page.keyboard.press('Escape');
  // The grid row says so too, before the platform has seen anything.
  await expect(page.locator('[data-testid="grid-merchants"] .ag-row').first()).toContainText('人工：头部');
  await expect(page.locator('[data-testid="grid-merchants"] .ag-row').first()).toContainText(headPackage.name);
  expect((await merchantOutbox()).map((entry) => [entry.type, entry.state === 'done'])).toEqual([
    ['merchant.set_tier_override', false],
    ['merchant.assign_package', false],
  ]);
});

test('after a restart and reconnecting, each change reaches the platform exactly once', async () => {
  await page.close();
  await cockpit.stop();
  await startCockpit();
  page = await browserRef.newPage({ viewport: { width: 1440, height: 900 } });
  consoleErrors = watchConsoleErrors(page);
  await openCockpit(page, cockpit);
  expect((await merchantOutbox()).filter((entry) => entry.state !== 'done')).toHaveLength(2);
  const detail = await call('merchants.detail', { id: overridden });
  expect(detail.row.tier).toBe('head');
  expect(detail.packages.filter((p) => p.status === 'active')).toHaveLength(1);

  gate.release();
  await expect.poll(async () => (await merchantOutbox()).map((entry) => entry.state), { timeout: 60_000 }).toEqual(['done', 'done']);
  const overrides: Record<string, unknown>[] = [];
  for await (const record of platform.snapshot('tier_overrides')) if (record.merchant_id === overridden) overrides.push(record);
  expect(overrides).toHaveLength(1);
  expect(overrides[0]).toMatchObject({ tier: 'head', reason: '品牌旗舰店，战略重点' });
  const assigned: Record<string, unknown>[] = [];
  for await (const record of platform.snapshot('merchant_packages')) if (record.merchant_id === overridden && record.status === 'active') assigned.push(record);
  expect(assigned).toHaveLength(1);

  await page.getByTestId('nav-merchants').click();
  await expect(page.getByRole('heading', { level: 1, name: '商家分层' })).toBeVisible();
  await expect.poll(async () => (await call('merchants.detail', { id: overridden })).row.override, { timeout: 30_000 }).toBe('head');
});

test('bulk: tick two merchants and assign them a package in one go', async () => {
  const top = await call('merchants.list', { limit: 2, sort: { field: 'score', dir: 'desc' } });
  const packages = await call('merchants.packages', {});
  const chosen = packages.find((p) => top.rows.every((row) => !row.packageIds.includes(p.id)))!;
  await page.getByTestId('merchants-tab-merchants').click();
  for (const row of top.rows) await page.getByTestId(`merchant-select-${row.id}`).check();
  await expect(page.getByTestId('merchants-bulk')).toContainText('已选 2 家');
  await page.getByTestId('merchants-bulk-assign').click();
  await page.getByRole('dialog').getByTestId('merchant-assign-package').click();
  await page.keyboard.type(chosen.name);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByTestId('merchant-assign-submit').click();
  await expect(page.getByText('已加入待上传队列：2 条操作')).toBeVisible();
  for (const row of top.rows) await expect(page.locator(`[data-testid="grid-merchants"] .ag-row[row-id="${row.id}"]`).first()).toContainText(chosen.name);
  await expect(page.getByTestId('merchants-bulk')).toContainText('已选 0 家');
});
