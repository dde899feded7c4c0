import type { DomainContext, HandlersOf } from '../domain';
import type { opinionMethods } from '../api/opinion';
import { OpinionService } from './service';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof opinionMethods> {
  const opinion = new OpinionService(ctx.opened);
  return {
    'alerts.list': (input) => opinion.list(input),
    'alerts.acknowledge': ({ id }) => {
      const result = opinion.acknowledge(ctx.engine, id);
      ctx.commandIssued();
      return result;
    },
  };
}
