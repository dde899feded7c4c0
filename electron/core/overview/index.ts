/** The overview domain: the north-star figures of the platform and its categories, with local targets. */
import { overviewMethods } from '../api/overview';
import { defineDomain } from '../domain';
import { createHandlers } from './handlers';

export const overviewDomain = defineDomain({
  name: 'overview',
  methods: overviewMethods,
  createHandlers: (ctx) => createHandlers(ctx),
  commands: [],
  countedTables: ['kpi_points'],
});
