/** The suppliers methods through the real core, against the reference platform: switch, conflict, rules. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPlatformServer, type PlatformServerHandle } from '../../../platform';
import { makeTempDir } from '../../testing/temp-dir';
import type { OutboxEntry } from '../api';
import type { CoverageRow, SwitchPlanDetail } from '../api/suppliers';
import { createCore, type Core } from '../runtime/core';

let temp: ReturnType<typeof makeTempDir>;
let platform: PlatformServerHandle;
let core: Core | null = null;

beforeEach(async () => {
  temp = makeTempDir();
  platform = await startPlatformServer({ seed: 7, scale: 'small' });
  core = createCore({
    dataDir: temp.dir, mode: 'browser', appVersion: '1.0.0', writeLogs: false,
    platform: { kind: 'remote', url: platform.url, token: platform.tokens.operators[0]!.token }, pollIntervalMs: 200,
  });
});
afterEach(async () => {
  await core?.close();
  core = null;
  await platform.close();
  temp.cleanup();
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core!.call(method as never, input as never);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A covered core SKU, once the supply feeds have arrived, and its switch plan. */
async function coveredSku(): Promise<{ row: CoverageRow; plan: SwitchPlanDetail }> {
  const row = await until(async () => {
    const rows = await call<CoverageRow[]>('suppliers.coverage', { coverage: ['covered'] });
    return rows.find((r) => r.usableBackups > 0 && r.primaryLinkId);
  });
  return { row, plan: await call<SwitchPlanDetail>('suppliers.switchPlan', { skuId: row.skuId }) };
}

describe('suppliers through the core API', () => {
  it('switches the primary at once locally and on the platform', async () => {
    const { row, plan } = await coveredSku();
    const best = plan.backups[0]!;
    await call('suppliers.switchPrimary', { linkId: best.linkId, fromLinkId: row.primaryLinkId, reason: '测试切换' });
    const local = (await call<CoverageRow[]>('suppliers.coverage', {})).find((r) => r.skuId === row.skuId)!;
    expect(local).toMatchObject({ primaryLinkId: best.linkId, primarySupplierId: best.supplierId, unsyncedCommands: 1 });
    await until(async () => platform.getRecord('supply_links', best.linkId)?.role === 'primary');
    expect(platform.getRecord('supply_links', row.primaryLinkId!)?.role).toBe('backup');
    await until(async () => (await call<CoverageRow[]>('suppliers.coverage', {})).find((r) => r.skuId === row.skuId)?.unsyncedCommands === 0);
  });

  it('shows a switch another operator made first as a conflict with both versions', async () => {
    const { row, plan } = await coveredSku();
    const target = plan.backups[0]!;
    const colleague = platform.tokens.operators.at(-1)!.token;
    // The colleague qualifies-again the same link (a new version) before our switch reaches the platform.
    const current = platform.getRecord('supply_links', target.linkId)!;
    const [answer] = platform.applyCommands(
      [{ id: '0190f3c2-0000-7000-8000-000000000001', type: 'supply_link.set_qualification', entity_id: target.linkId, base_version: current.version, payload: { qualification: 'qualified', note: '复审' }, issued_at: '2026-11-11T10:00:00+08:00' }],
      colleague,
    );
    expect(answer?.status).toBe('applied');
    await call('suppliers.switchPrimary', { linkId: target.linkId, fromLinkId: row.primaryLinkId, reason: '洪涝' });
    const conflict = await until(async () => (await call<OutboxEntry[]>('sync.outbox', { states: ['conflict'] })).find((e) => e.entityId === target.linkId));
    expect(conflict.serverEntity).toMatchObject({ id: target.linkId, role: 'backup' });
    expect(conflict.payload).toMatchObject({ from_link_id: row.primaryLinkId });
    // Keep mine: re-issued on the server's version, then applied.
    await call('sync.resolveConflict', { commandId: conflict.id, choice: 'keep_mine' });
    await until(async () => platform.getRecord('supply_links', target.linkId)?.role === 'primary');
  });

  it('takes the colleague\'s version when asked: the local switch is undone', async () => {
    const { row, plan } = await coveredSku();
    const target = plan.backups[0]!;
    const current = platform.getRecord('supply_links', target.linkId)!;
    platform.applyCommands(
      [{ id: '0190f3c2-0000-7000-8000-000000000002', type: 'supply_link.set_qualification', entity_id: target.linkId, base_version: current.version, payload: { qualification: 'qualified', note: null }, issued_at: '2026-11-11T10:00:00+08:00' }],
      platform.tokens.operators.at(-1)!.token,
    );
    await call('suppliers.switchPrimary', { linkId: target.linkId, fromLinkId: row.primaryLinkId, reason: '洪涝' });
    const conflict = await until(async () => (await call<OutboxEntry[]>('sync.outbox', { states: ['conflict'] })).find((e) => e.entityId === target.linkId));
    await call('sync.resolveConflict', { commandId: conflict.id, choice: 'take_theirs' });
    const local = await until(async () => {
      const found = (await call<CoverageRow[]>('suppliers.coverage', {})).find((r) => r.skuId === row.skuId);
      return found?.unsyncedCommands === 0 && found;
    });
    expect(platform.getRecord('supply_links', target.linkId)?.role).toBe('backup');
    expect(local.primaryLinkId).toBe(row.primaryLinkId);
  });

  it('proposes a backup and changes a qualification, both visible at once', async () => {
    const { row, plan } = await coveredSku();
    const backup = plan.backups[0]!;
    await call('suppliers.setQualification', { linkId: backup.linkId, qualification: 'expired', note: '证书过期' });
    const after = (await call<CoverageRow[]>('suppliers.coverage', {})).find((r) => r.skuId === row.skuId)!;
    expect(after.usableBackups).toBe(row.usableBackups - 1);
    const supplier = plan.backups[0]!.supplierId;
    const { linkId } = await call<{ linkId: string }>('suppliers.proposeBackup', { skuId: row.skuId, supplierId: supplier, leadTimeDays: 7, unitCostFen: 1000, moq: 100 });
    const proposed = (await call<CoverageRow[]>('suppliers.coverage', {})).find((r) => r.skuId === row.skuId)!;
    expect(proposed.unsyncedCommands).toBe(2); // the new link is in qualification: not usable yet
    expect(proposed.usableBackups).toBe(after.usableBackups);
    await until(async () => platform.getRecord('supply_links', linkId)?.qualification === 'in_qualification');
    await until(async () => platform.getRecord('supply_links', backup.linkId)?.qualification === 'expired');
    expect(await core!.call('suppliers.setQualification', { linkId: row.primaryLinkId!, qualification: 'expired', note: null } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('previews and saves grading rules as versions', async () => {
    await coveredSku();
    const stored = await call<{ version: number; rules: Record<string, unknown> }>('suppliers.rules', {});
    expect(stored.version).toBe(0);
    const strict = { ...stored.rules, cutoffs: { A: 99, B: 98, C: 97 } };
    const preview = await call<{ changed: number; transitions: number[][] }>('suppliers.previewRules', { rules: strict });
    expect(preview.changed).toBeGreaterThan(0);
    expect(preview.transitions.flat().reduce((a, b) => a + b, 0)).toBe(200);
    expect((await call<{ version: number }>('suppliers.saveRules', { rules: strict, expectedVersion: 0 })).version).toBe(1);
    expect(await core!.call('suppliers.saveRules', { rules: strict, expectedVersion: 0 } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core!.call('suppliers.switchPlan', { skuId: 'sku_missing' } as never)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
