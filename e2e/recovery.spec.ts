import fs from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { makeDataDir, startCockpitServer, type CockpitServer } from './cockpit-server';
import { expect, saveScreenshot } from './fixtures';

/** A data folder whose database is garbage, with two backups (empty files are valid, empty databases). */
function damagedDataDir(): string {
  const dataDir = makeDataDir('damaged');
  fs.writeFileSync(path.join(dataDir, 'cockpit.sqlite'), Buffer.alloc(8192, 7));
  const backupsDir = path.join(dataDir, 'backups');
  fs.mkdirSync(backupsDir);
  for (const [name, takenAt] of [
    ['cockpit-20261120T080000000Z.sqlite', '2026-11-20T08:00:00Z'],
    ['cockpit-20261123T080000000Z.sqlite', '2026-11-23T08:00:00Z'],
  ] as const) {
    const file = path.join(backupsDir, name);
    fs.writeFileSync(file, '');
    fs.utimesSync(file, new Date(takenAt), new Date(takenAt));
  }
  return dataDir;
}

const test = base.extend<object, { damaged: CockpitServer }>({
  damaged: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const server = await startCockpitServer(damagedDataDir());
      await use(server);
      await server.stop();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

test('a damaged database opens the recovery screen, and restoring a backup opens the app', async ({ page, damaged }) => {
  await page.goto(damaged.launchUrl);
  await expect(page.getByTestId('recovery-title')).toHaveText('本地数据库已损坏');
  const backups = page.getByTestId('backup-row');
  await expect(backups).toHaveCount(2);
  // Newest first.
  await expect(backups.first()).toContainText('2026-11-23');
  await saveScreenshot(page, 'zh-CN-light-recovery');

  // antd spaces two-character Chinese button labels ("恢 复").
  await expect(backups.first().getByTestId('backup-restore')).toHaveText(/恢\s*复/);
  await backups.first().getByTestId('backup-restore').click();
  await page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('总览');
});

test('with no backup, starting an empty database opens the app and says what was rescued', async ({ page }) => {
  const dataDir = makeDataDir('damaged-no-backup');
  fs.writeFileSync(path.join(dataDir, 'cockpit.sqlite'), Buffer.alloc(8192, 7));
  const server = await startCockpitServer(dataDir);
  try {
    await page.goto(server.launchUrl);
    await expect(page.getByTestId('recovery-title')).toHaveText('本地数据库已损坏');
    await expect(page.getByText('没有可用的备份。可以用下方的“新建空数据库”重新开始。')).toBeVisible();
    await saveScreenshot(page, 'zh-CN-light-recovery-no-backup');
    await page.getByTestId('recovery-start-empty').click();
    await page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('总览');
    // A file SQLite cannot read at all: nothing rescued, and the user is told so.
    await expect(page.getByText('找回了 0 条未确认的本地操作；损坏文件的其余部分无法读取')).toBeVisible();
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('cockpit.sqlite.damaged-'))).toBe(true);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
