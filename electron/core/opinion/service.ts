import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { OpenedDatabase } from '../../../db/open';
import { alerts, outboxCommands } from '../../../db/schema';
import { ApiError, type AlertRow, type AlertSeverity, type AlertStatus, type AlertSubjectType, type MethodInput } from '../api';
import { UNACKED_STATES, type SyncHandle } from '../sync';
import { shanghaiTimestamp } from '../time';

const DEFAULT_LIST_LIMIT = 500;
/** Every alert gets a response within 2 hours of opening, unless the platform set its own due time. */
const RESPONSE_SLA_MS = 2 * 3600_000;

function responseDueAt(openedAt: string): string {
  return shanghaiTimestamp(Date.parse(openedAt) + RESPONSE_SLA_MS);
}

/**
 * Public-opinion alerts as the operator sees them: the synced records, plus whether each still has
 * local actions the platform has not acknowledged. Actions go through the outbox so they work offline.
 */
export class OpinionService {
  constructor(private readonly opened: OpenedDatabase) {}

  list({ statuses, limit }: MethodInput<'alerts.list'>): AlertRow[] {
    const { db } = this.opened;
    const rows = db
      .select()
      .from(alerts)
      .where(statuses?.length ? inArray(alerts.status, statuses) : undefined)
      .orderBy(desc(alerts.openedAt))
      .limit(limit ?? DEFAULT_LIST_LIMIT)
      .all();
    const unsynced = this.unsyncedCountByAlert(rows.map((row) => row.id));
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      title: row.title,
      // Feeds and local effects validate these against the SPEC's enums before they are stored.
      severity: row.severity as AlertSeverity,
      status: row.status as AlertStatus,
      subjectType: row.subjectType as AlertSubjectType,
      subjectId: row.subjectId,
      topic: row.topic,
      openedAt: row.openedAt,
      slaDueAt: row.slaDueAt ?? responseDueAt(row.openedAt),
      acknowledgedAt: row.acknowledgedAt,
      assigneeId: row.assigneeId,
      mentionCount: row.mentionCount,
      negativeShare: row.negativeShare,
      escalationLevel: row.escalationLevel,
      unsyncedCommands: unsynced.get(row.id) ?? 0,
    }));
  }

  /** Queues `alert.acknowledge` on the version the operator saw; the alert shows as acknowledged at once. */
  acknowledge(engine: () => SyncHandle, id: string): { commandId: string } {
    const alert = this.opened.db.select().from(alerts).where(eq(alerts.id, id)).get();
    if (!alert) throw new ApiError('not_found', `No alert ${id}`);
    if (alert.status !== 'open') throw new ApiError('invalid_input', `Alert ${id} is already ${alert.status}`);
    // The engine's built-in effect marks the alert acknowledged (by this operator, at this time).
    const commandId = engine().issueCommand({ type: 'alert.acknowledge', entityId: id, baseVersion: alert.version, payload: {} });
    return { commandId };
  }

  private unsyncedCountByAlert(ids: string[]): Map<string, number> {
    if (ids.length === 0) return new Map();
    const rows = this.opened.db
      .select({ entityId: outboxCommands.entityId, n: count() })
      .from(outboxCommands)
      .where(
        and(
          eq(outboxCommands.resource, 'alerts'),
          inArray(outboxCommands.entityId, ids),
          inArray(outboxCommands.state, [...UNACKED_STATES]),
        ),
      )
      .groupBy(outboxCommands.entityId)
      .all();
    return new Map(rows.map((row) => [row.entityId, row.n]));
  }
}
