import type { meetingsMethods } from '../api/meetings';
import type { overviewMethods } from '../api/overview';
import type { DomainContext, HandlersOf } from '../domain';
import { createMeetingHandlers } from './meeting-handlers';
import { dataStamp, reviewPackView, reviewPackWorkbook } from './review-pack-export';
import { OverviewService } from './service';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof overviewMethods & typeof meetingsMethods> {
  const overview = new OverviewService(ctx.opened);
  return {
    ...createMeetingHandlers(ctx),
    'overview.northStar': () => overview.northStar(),
    'overview.setTarget': (input) => overview.setTarget(input),
    'overview.reviewPack': (input) => reviewPackView(ctx.opened.sqlite, ctx.opened.file, input),
    'overview.reviewPackWorkbook': (input) => reviewPackWorkbook(ctx.opened.sqlite, ctx.opened.file, input),
    'overview.dataStamp': () => dataStamp(ctx.opened.sqlite, ctx.opened.file),
  };
}
