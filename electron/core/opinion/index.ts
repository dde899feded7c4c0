/** The public-opinion domain: alerts, mentions and the actions on them. */
import { opinionMethods } from '../api/opinion';
import { defineDomain } from '../domain';
import { opinionCommands } from './commands';
import { startOpinionMonitoring } from './background';
import { createHandlers } from './handlers';
import { opinionScoringOnSyncThread } from './monitor';

export const opinionDomain = defineDomain({
  name: 'opinion',
  methods: opinionMethods,
  createHandlers,
  commands: opinionCommands,
  countedTables: ['mentions', 'alerts'],
  background: startOpinionMonitoring,
  syncThreadWork: opinionScoringOnSyncThread,
});
