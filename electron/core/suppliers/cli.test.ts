/** `cockpit suppliers report|impact` as a user runs it: the real CLI entry on a real database file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { AS_OF, writeFixture } from './test-fixture';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const temp = makeTempDir();
const dbFile = path.join(temp.dir, 'cockpit.sqlite');

function cockpit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const opened = openDatabase({ file: dbFile, logger: recordingLogger() });
  writeFixture(opened);
  opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  opened.close();
});
afterAll(() => temp.cleanup());

describe('cockpit suppliers', () => {
  it('report: one JSON line per core SKU, sorted by id, keys in the contract order', () => {
    const run = cockpit('suppliers', 'report', '--db', dbFile, '--format', 'jsonl', '--as-of', AS_OF);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        '{"skuId":"sku_1","coverage":"covered","primarySupplierId":"sup_a","usableBackups":2,"backupCapacityCovers":true,"monthlyRevenueFen":5000000}',
        '{"skuId":"sku_2","coverage":"single_source","primarySupplierId":"sup_b","usableBackups":0,"backupCapacityCovers":false,"monthlyRevenueFen":2000000}',
        '{"skuId":"sku_4","coverage":"no_primary","primarySupplierId":null,"usableBackups":1,"backupCapacityCovers":false,"monthlyRevenueFen":100000}',
        '',
      ].join('\n'),
    );
  });

  it('impact: by event and by provinces, one JSON object', () => {
    const byEvent = cockpit('suppliers', 'impact', '--db', dbFile, '--event', 'risk_00001', '--json', '--as-of', AS_OF);
    expect(byEvent.status).toBe(0);
    const report = JSON.parse(byEvent.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['suppliers', 'skus', 'coreSkus', 'revenueAtRiskFen', 'plans']);
    expect(report).toMatchObject({ suppliers: ['sup_a', 'sup_c', 'sup_d'], skus: 2, coreSkus: 1, revenueAtRiskFen: 5_000_000 });
    const plans = report.plans as { skuId: string; backups: Record<string, unknown>[] }[];
    expect(plans.map((p) => Object.keys(p))).toEqual([['skuId', 'backups']]);
    expect(Object.keys(plans[0]!.backups[0]!).slice(0, 3)).toEqual(['linkId', 'supplierId', 'grade']);

    const byProvinces = JSON.parse(cockpit('suppliers', 'impact', '--db', dbFile, '--province', '海南', '--province', '广东', '--json').stdout) as Record<string, unknown>;
    // 广东 = sup_b: sku_1 0.2 → 1,000,000; sku_2 1.0 → 2,000,000; 海南 = sup_f: 23 (see engine.test.ts).
    expect(byProvinces).toMatchObject({ suppliers: ['sup_b', 'sup_f'], skus: 5, coreSkus: 2, revenueAtRiskFen: 3_000_023 });
  });

  it('names what was not found, on one line, and exits 1', () => {
    const event = cockpit('suppliers', 'impact', '--db', dbFile, '--event', 'risk_404', '--json');
    expect(event).toMatchObject({ status: 1, stdout: '', stderr: 'cockpit: no risk event risk_404\n' });
    const province = cockpit('suppliers', 'impact', '--db', dbFile, '--province', '浙江', '--province', '西藏', '--json');
    expect(province).toMatchObject({ status: 1, stdout: '', stderr: 'cockpit: no suppliers in province 西藏\n' });
    expect(cockpit('suppliers', 'impact', '--db', dbFile, '--json').stderr).toMatch(/^cockpit: give either --event ID or --province NAME/);
  });

  it('never writes to the database it reads', () => {
    const before = fs.statSync(dbFile).mtimeMs;
    cockpit('suppliers', 'report', '--db', dbFile);
    expect(fs.existsSync(`${dbFile}-wal`) && fs.statSync(`${dbFile}-wal`).size > 0).toBe(false);
    expect(fs.statSync(dbFile).mtimeMs).toBe(before);
  });
});
