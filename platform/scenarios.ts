/**
 * Scenes set on a running reference server through its handle, shared by benchmarks and tests.
 */
import { randomUUID } from 'node:crypto';
import type { PlatformServerHandle } from './index';

const IN_PROGRESS = new Set(['open', 'acknowledged', 'responding']);

/**
 * A quiet day: a colleague (the last operator) resolves every alert still being worked on. Before
 * timing a burst: an open platform-wide or category alert rightly holds back a merchant's alert of
 * the same topic (inhibition). Answers how many were resolved.
 */
export async function resolveAlertsInProgress(server: PlatformServerHandle): Promise<number> {
  const commands: unknown[] = [];
  for await (const alert of server.snapshot('alerts')) {
    if (!IN_PROGRESS.has(String(alert.status))) continue;
    commands.push({ id: randomUUID(), type: 'alert.resolve', entity_id: alert.id, base_version: alert.version, payload: { resolution: 'a quiet day' } });
  }
  const results = server.applyCommands(commands, server.tokens.operators.at(-1)!.id);
  return results.length;
}
