/**
 * Scenes set on a running reference server through its handle, shared by benchmarks and tests.
 */
import { randomUUID } from 'node:crypto';
import type { InjectedBurst, PlatformServerHandle } from './index';

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

export interface BurstWatch {
  /** When the first feed page carrying any of the burst's mentions was served (performance.now()), null until then. */
  readonly servedAt: number | null;
  /** The `alert.open` a cockpit sent for the burst's merchant: when it was applied, and the alert's id. */
  readonly opened: { at: number; alertId: string } | null;
  stop(): void;
}

/** Watches, from now on, how far a burst injected a moment ago (`injectBurst`) has come. */
export function watchBurst(server: PlatformServerHandle, burst: InjectedBurst): BurstWatch {
  let servedAt: number | null = null;
  let opened: BurstWatch['opened'] = null;
  const stop = server.observe({
    pageServed(resource, fromPos, toPos) {
      if (servedAt === null && resource === 'mentions' && fromPos < burst.toPos && toPos > burst.fromPos) servedAt = performance.now();
    },
    commandsApplied(commands) {
      if (opened) return;
      for (const command of commands as { type?: string; entity_id?: unknown; payload?: { subject_id?: unknown } }[]) {
        if (command.type === 'alert.open' && command.payload?.subject_id === burst.subjectId) {
          opened = { at: performance.now(), alertId: String(command.entity_id) };
          return;
        }
      }
    },
  });
  return {
    get servedAt() {
      return servedAt;
    },
    get opened() {
      return opened;
    },
    stop,
  };
}
