import type { meetingsMethods } from '../api/meetings';
import type { DomainContext, HandlersOf } from '../domain';
import { MeetingsService } from './meetings-service';

export function createMeetingHandlers(ctx: DomainContext): HandlersOf<typeof meetingsMethods> {
  const meetings = new MeetingsService(ctx.opened.sqlite, ctx.engine);
  const converted = <T>(result: T): T => {
    ctx.commandIssued();
    return result;
  };
  return {
    'meetings.list': ({ from, to }) => meetings.list(from, to),
    'meetings.saveNote': (input) => meetings.saveNote(input),
    'meetings.deleteNote': ({ id }) => meetings.deleteNote(id),
    'meetings.saveAction': (input) => meetings.saveAction(input),
    'meetings.deleteAction': ({ id }) => meetings.deleteAction(id),
    'meetings.convertAction': (input) =>
      converted(input.kind === 'okr_checkin' ? meetings.convertToCheckIn(input.id, input.keyResultId, input) : meetings.convertToAlertComment(input.id, input.alertId)),
  };
}
