/**
 * Burst to alert, end to end: the reference platform (its clock at now) publishes a burst of
 * negative posts about one merchant that nobody has opened an alert for; the cockpit pulls it,
 * scores it on its sync thread, detects it and opens the alert, which appears on the opinion board
 * and reaches the platform as `alert.open`. Both times, counted from the feed page that carried
 * the burst, are recorded in the test's annotations (`bench burst` is the benchmark of record).
 */
import fs from 'node:fs';
import { test } from '@playwright/test';
import { resolveAlertsInProgress, watchBurst } from '../platform/scenarios';
import { makeDataDir, callCockpit, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, saveScreenshot, watchConsoleErrors } from './fixtures';
import { startTestPlatform, type PlatformServerHandle } from './platform';

test.describe.configure({ timeout: 240_000 });

let platform: PlatformServerHandle;
let cockpit: CockpitServer;
let dataDir: string;

// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  platform = await startTestPlatform({ startTime: 'now' });
  dataDir = makeDataDir('burst');
  cockpit = await startCockpitServer(dataDir, ['--api', platform.url, '--token', platform.tokens.operators[0]!.token]);
  await waitUntilCaughtUp(cockpit, 120_000);
});

test.afterAll(async () => {
  await cockpit?.stop();
  await platform?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a burst published on the platform becomes an alert on the board and on the platform within seconds', async ({ page }, testInfo) => {
  const consoleErrors = watchConsoleErrors(page);
  await resolveAlertsInProgress(platform);
  await expect
    .poll(async () => (await callCockpit(cockpit, 'alerts.queue', { statuses: ['open', 'acknowledged', 'responding'] })).rows.length, { timeout: 60_000 })
    .toBe(0);
  await expect.poll(async () => (await callCockpit(cockpit, 'opinion.scoring', {})).caughtUp, { timeout: 60_000 }).toBe(true);
  await openCockpit(page, cockpit);
  await page.getByTestId('nav-opinion').click();
  await expect(page.getByRole('heading', { level: 1, name: '舆情监测' })).toBeVisible();

  const burst = platform.injectBurst(80);
  const watch = watchBurst(platform, burst);

  // The queue was empty: the first countdown to appear is the burst's alert, shown without a reload.
  const onScreen = page.locator('[data-testid^="sla-"]').first().waitFor({ timeout: 60_000 }).then(() => performance.now());
  await expect.poll(() => watch.opened !== null, { timeout: 60_000 }).toBe(true);
  const { alertId, at: openedAt } = watch.opened!;
  const onScreenAt = await onScreen;
  watch.stop();
  await expect(page.getByTestId(`sla-${alertId}`)).toBeVisible();
  const servedAt = watch.servedAt ?? 0;
  testInfo.annotations.push({
    type: 'burst-to-alert',
    description: `page served → alert.open on the platform ${Math.round(openedAt - servedAt)} ms; → on screen ${Math.round(onScreenAt - servedAt)} ms`,
  });
  console.log(`burst to alert: platform +${Math.round(openedAt - servedAt)} ms, screen +${Math.round(onScreenAt - servedAt)} ms`);
  expect(servedAt).toBeGreaterThan(0);
  const row = (await callCockpit(cockpit, 'alerts.queue', {})).rows.find((r) => r.id === alertId)!;
  expect(row).toMatchObject({ subjectType: 'merchant', subjectId: burst.subjectId, status: 'open' });
  await saveScreenshot(page, 'opinion-burst-detected-zh');
  expect(consoleErrors).toEqual([]);
});
