import type { DomainContext, HandlersOf } from '../domain';
import type { opinionMethods } from '../api/opinion';
import { OpinionActionsService } from './actions-service';
import { OpinionBoardService } from './board-service';
import { DetectionService } from './detection-service';
import { monitorFor } from './monitor';
import { OpinionAttentionService } from './notifications';
import { retentionFor } from './retention';
import { OpinionService } from './service';

/** The SLA clock: the caller's instant when given (tests, the e2e's controllable clock), else now. */
function nowOf(at: string | undefined): number {
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isFinite(ms) ? ms : Date.now();
}

export function createHandlers(ctx: DomainContext): HandlersOf<typeof opinionMethods> {
  const opinion = new OpinionService(ctx.opened);
  const { sqlite } = ctx.opened;
  const detection = new DetectionService(sqlite);
  const thresholds = () => detection.thresholds();
  const board = new OpinionBoardService(sqlite, thresholds);
  const actions = new OpinionActionsService(sqlite, ctx.engine, thresholds);
  const retention = retentionFor(ctx.opened);
  const attention = new OpinionAttentionService(sqlite, thresholds);
  /** Each action answers its command id, and the status bar learns of it at once. */
  const issued = (commandId: string) => {
    ctx.commandIssued();
    return { commandId };
  };
  return {
    'alerts.list': (input) => opinion.list(input),
    'alerts.acknowledge': ({ id }) => {
      const result = opinion.acknowledge(ctx.engine, id);
      ctx.commandIssued();
      return result;
    },
    'alerts.queue': ({ mine, ...input }) => {
      if (!mine) return board.queue(input, nowOf(input.at));
      // "Mine": the operator behind the token; nobody's alerts until the platform has said who that is.
      const operatorId = ctx.operatorId?.() ?? null;
      return operatorId === null ? { nowMs: nowOf(input.at), rows: [], operatorId } : { ...board.queue({ ...input, assigneeId: operatorId }, nowOf(input.at)), operatorId };
    },
    'alerts.detail': ({ id, at }) => board.detail(id, nowOf(at)),
    'alerts.assign': ({ id, assigneeId }) => issued(actions.assign(id, assigneeId)),
    'alerts.comment': ({ id, text }) => issued(actions.comment(id, text)),
    'alerts.startResponse': ({ id, note }) => issued(actions.startResponse(id, note)),
    'alerts.escalate': ({ id, level, note }) => issued(actions.escalate(id, level, note)),
    'alerts.resolve': ({ id, resolution }) => issued(actions.resolve(id, resolution)),
    'alerts.dismiss': ({ id, reason }) => issued(actions.dismiss(id, reason)),
    'mentions.search': (input) => board.search(input),
    'alerts.assignees': () => board.assignees(),
    'mentions.relabel': ({ id, label, topic }) => issued(actions.relabel(id, label, topic)),
    'opinion.scoring': () => monitorFor(ctx).scoringProgress(),
    'opinion.detectNow': ({ at, maxBatches }) => {
      const step = monitorFor(ctx).step(nowOf(at), { maxScoringBatches: maxBatches ?? 50 });
      if (step.openCommandIds.length + step.escalationCommandIds.length > 0) ctx.commandIssued();
      return {
        scored: step.scoring.scored, total: step.scoring.total, caughtUp: step.scoring.caughtUp,
        opened: step.detection?.opened.map((alert) => alert.id) ?? [], escalated: step.escalationCommandIds.length,
      };
    },
    'opinion.attention': ({ at }) => attention.attention(nowOf(at)),
    'opinion.claimNotifications': ({ ids, at }) => {
      const claimed = attention.claim(ids, nowOf(at));
      // The Electron main process shows them (the renderer's own notifications are blocked there).
      if (claimed.length > 0) ctx.emit?.('opinion.notify', { alerts: claimed });
      return claimed;
    },
    'opinion.retention': () => retention.status(),
    'opinion.setRetention': ({ windowDays }) => retention.setWindow(windowDays),
  };
}
