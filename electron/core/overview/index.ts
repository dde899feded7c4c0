/** The overview domain: the north-star figures with local targets, the review pack, and the review meetings' notes and action items. */
import { meetingsMethods } from '../api/meetings';
import { overviewMethods } from '../api/overview';
import { defineDomain } from '../domain';
import { createHandlers } from './handlers';

export const overviewDomain = defineDomain({
  name: 'overview',
  methods: { ...overviewMethods, ...meetingsMethods },
  createHandlers: (ctx) => createHandlers(ctx),
  commands: [],
  countedTables: ['kpi_points'],
});
