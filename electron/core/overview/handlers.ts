import type { overviewMethods } from '../api/overview';
import type { DomainContext, HandlersOf } from '../domain';
import { dataStamp, reviewPackView, reviewPackWorkbook } from './review-pack-export';
import { OverviewService } from './service';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof overviewMethods> {
  const overview = new OverviewService(ctx.opened);
  return {
    'overview.northStar': () => overview.northStar(),
    'overview.setTarget': (input) => overview.setTarget(input),
    'overview.reviewPack': (input) => reviewPackView(ctx.opened.sqlite, ctx.opened.file, input),
    'overview.reviewPackWorkbook': (input) => reviewPackWorkbook(ctx.opened.sqlite, ctx.opened.file, input),
    'overview.dataStamp': () => dataStamp(ctx.opened.sqlite, ctx.opened.file),
  };
}
