import { inArray, max, count } from 'drizzle-orm';
import type { CockpitDb } from '../../../db/open';
import { outboxCommands, syncCursors } from '../../../db/schema';
import type { Status } from '../api';
import { UNACKED_STATES } from '../sync/outbox';
import type { CoreEvents } from './events';

export type LiveStatus = Pick<Status, 'online' | 'syncing' | 'platform'>;

/** The status bar's facts: connectivity, last sync, and how much local work is still unsent. */
export class StatusService {
  constructor(
    private readonly db: CockpitDb,
    private readonly events: CoreEvents,
    private readonly live: () => LiveStatus,
  ) {}

  get(): Status {
    const lastSync = this.db.select({ at: max(syncCursors.caughtUpAt) }).from(syncCursors).get();
    const pending = this.db
      .select({ n: count() })
      .from(outboxCommands)
      .where(inArray(outboxCommands.state, [...UNACKED_STATES]))
      .get();
    return { ...this.live(), lastSyncAt: lastSync?.at ?? null, pendingChanges: pending?.n ?? 0 };
  }

  publish(): void {
    this.events.emit('status.changed', this.get());
  }
}
