/** The review meetings' handlers, spread into the overview domain's (handlers.ts). */
import type { meetingsMethods } from '../api/meetings';
import type { DomainContext, HandlersOf } from '../domain';
import { MeetingsService } from './meetings-service';

export function createMeetingHandlers(ctx: DomainContext, now?: () => Date): HandlersOf<typeof meetingsMethods> {
  const meetings = new MeetingsService(ctx.opened.sqlite, () => ctx.engine(), now);
  return {
    'meetings.list': (range) => meetings.list(range),
    'meetings.saveNote': (input) => meetings.saveNote(input),
    'meetings.deleteNote': ({ id }) => meetings.deleteNote(id),
    'meetings.saveAction': (input) => meetings.saveAction(input),
    'meetings.deleteAction': ({ id }) => meetings.deleteAction(id),
    'meetings.convertAction': (input) => {
      const action =
        input.kind === 'okr_checkin'
          ? meetings.convertToCheckIn(input.id, input.keyResultId, { value: input.value, confidence: input.confidence })
          : meetings.convertToAlertComment(input.id, input.alertId);
      ctx.commandIssued();
      return action;
    },
  };
}
