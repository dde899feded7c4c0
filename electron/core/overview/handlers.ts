import type { overviewMethods } from '../api/overview';
import type { DomainContext, HandlersOf } from '../domain';
import { OverviewService } from './service';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof overviewMethods> {
  const overview = new OverviewService(ctx.opened);
  return {
    'overview.northStar': () => overview.northStar(),
    'overview.setTarget': (input) => overview.setTarget(input),
  };
}
