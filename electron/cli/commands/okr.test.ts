import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const AT = '2026-01-01T10:00:00+08:00';

let temp: ReturnType<typeof makeTempDir>;
let dbFile: string;

function cockpit(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

function report(...args: string[]): Record<string, unknown>[] {
  const result = cockpit('okr', 'report', '--db', dbFile, ...args, '--format', 'jsonl');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(() => {
  temp = makeTempDir();
  dbFile = path.join(temp.dir, 'cockpit.sqlite');
  const opened = openDatabase({ file: dbFile, logger: recordingLogger(), minBackupIntervalMs: Number.POSITIVE_INFINITY });
  const team = opened.sqlite.prepare(
    `INSERT INTO okr_teams (id, version, updated_at, name, mission, category_id, sponsor_id, lead_id, status, starts_on, ends_on, retrospective)
     VALUES (?, 1, '${AT}', ?, '', NULL, 'p1', 'p2', ?, ?, ?, ?)`,
  );
  // Inserted out of id order: the report sorts.
  team.run('team_c', '无KR', 'active', '2026-01-01', '2026-01-31', null);
  team.run('team_a', '爆品', 'active', '2026-01-01', '2026-01-31', null);
  team.run('team_b', '组建中', 'forming', '2026-02-01', '2026-03-03', null);
  team.run('team_d', '已结束', 'closed', '2025-11-01', '2025-12-01', '复盘');
  const objective = opened.sqlite.prepare(
    `INSERT INTO objectives (id, version, updated_at, team_id, title, owner_id, parent_objective_id) VALUES (?, 1, '${AT}', ?, 'O', 'p1', NULL)`,
  );
  objective.run('obj_a', 'team_a');
  objective.run('obj_b', 'team_b');
  objective.run('obj_d', 'team_d');
  const kr = opened.sqlite.prepare(
    `INSERT INTO key_results (id, version, updated_at, objective_id, title, unit, direction, start_value, target_value, current_value, owner_id)
     VALUES (?, 1, '${AT}', ?, 'KR', 'u', ?, ?, ?, ?, 'p1')`,
  );
  kr.run('kr_a2', 'obj_a', 'decrease', 48, 24, 45); // progress 0.125
  kr.run('kr_a1', 'obj_a', 'increase', 0, 10_000, 5_000); // 0.5
  kr.run('kr_a3', 'obj_a', 'increase', 90, 90, 91); // target = start, reached: 1
  kr.run('kr_b1', 'obj_b', 'increase', 0, 100, 0);
  kr.run('kr_d1', 'obj_d', 'increase', 0, 100, 80);
  kr.run('kr_d2', 'obj_d', 'decrease', 10, 0, 5);
  kr.run('kr_orphan', 'obj_missing', 'increase', 0, 1, 1); // its objective is not synced: no team
  opened.close();
});
afterAll(() => temp.cleanup());

describe('cockpit okr report', () => {
  it('prints one object per team sorted by id, keys in the contract order, hand-computed values', () => {
    const lines = report('--as-of', '2026-01-16');
    expect(lines.map((line) => Object.keys(line))).toEqual(Array(4).fill(['teamId', 'status', 'pace', 'expected', 'score', 'keyResults']));
    expect(lines).toEqual([
      {
        teamId: 'team_a', status: 'active', pace: 'off_track', expected: 0.5, score: (0.5 + 0.125 + 1) / 3,
        keyResults: [
          { id: 'kr_a1', progress: 0.5, pace: 'on_track' },
          { id: 'kr_a2', progress: 0.125, pace: 'off_track' },
          { id: 'kr_a3', progress: 1, pace: 'on_track' },
        ],
      },
      { teamId: 'team_b', status: 'forming', pace: 'not_started', expected: 0, score: 0, keyResults: [{ id: 'kr_b1', progress: 0, pace: 'on_track' }] },
      { teamId: 'team_c', status: 'active', pace: 'no_key_results', expected: 0.5, score: null, keyResults: [] },
      {
        teamId: 'team_d', status: 'closed', pace: 'closed', expected: 1, score: 0.65,
        keyResults: [{ id: 'kr_d1', progress: 0.8, pace: 'at_risk' }, { id: 'kr_d2', progress: 0.5, pace: 'off_track' }],
      },
    ]);
    for (const line of lines) {
      const keys = (line.keyResults as Record<string, unknown>[]).map((kr) => Object.keys(kr));
      for (const k of keys) expect(k).toEqual(['id', 'progress', 'pace']);
    }
  });

  it('moves with the day: early in the cycle the slow KR is only at risk', () => {
    const [teamA] = report('--as-of', '2026-01-07'); // 6 / 30 = 0.2 expected
    expect(teamA).toMatchObject({ teamId: 'team_a', expected: 0.2, pace: 'on_track' });
    const [late] = report('--as-of', '2026-01-10'); // 9 / 30 = 0.3: 0.125 ≥ 0.05 → at risk
    expect(late).toMatchObject({ expected: 0.3, pace: 'at_risk' });
  });

  it('defaults D to today in Asia/Shanghai', () => {
    const lines = report();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ teamId: 'team_a', expected: 1 }); // the cycle ended before today
  });

  it('refuses malformed and impossible dates with one line', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '20260101', 'tomorrow']) {
      const result = cockpit('okr', 'report', '--db', dbFile, '--as-of', bad, '--format', 'jsonl');
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/as-of/);
    }
  });

  it('refuses a missing database and other formats', () => {
    const missing = cockpit('okr', 'report', '--db', path.join(temp.dir, 'none.sqlite'), '--as-of', '2026-01-01');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^cockpit: no database at/);
    const csv = cockpit('okr', 'report', '--db', dbFile, '--format', 'csv');
    expect(csv.status).toBe(1);
    expect(csv.stderr.trim().split('\n')).toHaveLength(1);
  });
});
