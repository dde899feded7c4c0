import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { commandRegistry } from '../../core/domains';
import { createSyncEngine } from '../../core/sync/engine';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LOCAL_ALERT_ID = '019a6f00-0000-7abc-8def-0123456789ab';
const KEYS = ['id', 'status', 'severity', 'subject_type', 'subject_id', 'topic', 'opened_at', 'sla_due_at', 'mention_count', 'local'];

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let dbFile: string;

function cockpit(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

function alertLines(): Record<string, unknown>[] {
  const result = cockpit('opinion', 'alerts', '--db', dbFile, '--format', 'jsonl');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Runs `work` with a sync engine on the test database, then closes both. */
async function withEngine<T>(work: (engine: ReturnType<typeof createSyncEngine>) => Promise<T> | T): Promise<T> {
  const opened = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  const engine = createSyncEngine({
    sqlite: opened.sqlite,
    logger: recordingLogger(),
    platform: { url: platform.url, token: platform.tokens.operators[0]!.token },
    commands: commandRegistry,
  });
  try {
    return await work(engine);
  } finally {
    opened.close();
  }
}

beforeAll(async () => {
  temp = makeTempDir();
  dbFile = path.join(temp.dir, 'cockpit.sqlite');
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  platform.setLive(false);
  await withEngine((engine) => engine.syncOnce());
});
afterAll(async () => {
  await platform.close();
  temp.cleanup();
});

describe('cockpit opinion alerts', () => {
  it('prints every synced alert sorted by id, keys in the contract order, none local', async () => {
    const lines = alertLines();
    const ids = lines.map((line) => line.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(Object.keys(line)).toEqual(KEYS);
    const first = lines[0]!;
    const record = platform.getRecord('alerts', first.id as string)!;
    expect(first).toEqual({
      id: record.id, status: record.status, severity: record.severity, subject_type: record.subject_type, subject_id: record.subject_id,
      topic: record.topic, opened_at: record.opened_at, sla_due_at: record.sla_due_at, mention_count: record.mention_count, local: false,
    });
    expect(lines.every((line) => line.local === false)).toBe(true);
  });

  it('shows an alert opened through the outbox as local until the platform has it', async () => {
    await withEngine((engine) =>
      engine.issueCommand({
        type: 'alert.open', entityId: LOCAL_ALERT_ID, baseVersion: null,
        payload: {
          dedup_key: 'quality:merchant:mer_0000001', title: '测试 质量负面舆情激增', severity: 'P1', subject_type: 'merchant',
          subject_id: 'mer_0000001', topic: 'quality', opened_at: '2026-11-11T09:00:00+08:00', sla_due_at: '2026-11-11T11:00:00+08:00',
          mention_ids: [], mention_count: 12, negative_share: 0.9,
        },
      }),
    );
    const local = alertLines().find((line) => line.id === LOCAL_ALERT_ID);
    expect(local).toEqual({
      id: LOCAL_ALERT_ID, status: 'open', severity: 'P1', subject_type: 'merchant', subject_id: 'mer_0000001', topic: 'quality',
      opened_at: '2026-11-11T09:00:00+08:00', sla_due_at: '2026-11-11T11:00:00+08:00', mention_count: 12, local: true,
    });

    await withEngine((engine) => engine.pushOnce());
    expect(platform.getRecord('alerts', LOCAL_ALERT_ID)).toMatchObject({ status: 'open' });
    expect(alertLines().find((line) => line.id === LOCAL_ALERT_ID)).toMatchObject({ local: false, status: 'open' });
  });

  it('leaves the database file untouched and fails in one line on a missing file', () => {
    const before = fs.readFileSync(dbFile);
    alertLines();
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    const missing = cockpit('opinion', 'alerts', '--db', path.join(temp.dir, 'nope.sqlite'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^cockpit: no database at .*nope\.sqlite\n$/);
  });
});
