import { inArray, max, count } from 'drizzle-orm';
import type { CockpitDb } from '../../../db/open';
import { outboxCommands, syncCursors } from '../../../db/schema';
import type { Status } from '../api';
import type { CoreEvents } from './events';

/** The status bar's facts: connectivity, last sync, and how much local work is still unsent. */
export class StatusService {
  private online = false;
  private syncing = false;

  constructor(
    private readonly db: CockpitDb,
    private readonly events: CoreEvents,
    private readonly platform: Status['platform'],
  ) {}

  get(): Status {
    const lastSync = this.db.select({ at: max(syncCursors.caughtUpAt) }).from(syncCursors).get();
    const pending = this.db
      .select({ n: count() })
      .from(outboxCommands)
      .where(inArray(outboxCommands.state, ['pending', 'sent', 'conflict']))
      .get();
    return {
      online: this.online,
      syncing: this.syncing,
      lastSyncAt: lastSync?.at ?? null,
      pendingChanges: pending?.n ?? 0,
      platform: this.platform,
    };
  }

  /** Called by the sync engine whenever connectivity or activity changes. */
  update(change: { online?: boolean; syncing?: boolean }): void {
    this.online = change.online ?? this.online;
    this.syncing = change.syncing ?? this.syncing;
    this.publish();
  }

  publish(): void {
    this.events.emit('status.changed', this.get());
  }
}
