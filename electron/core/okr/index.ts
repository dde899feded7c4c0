/** The OKR strike-teams domain: teams, members, objectives, key results, check-ins and their pace. */
import { okrMethods } from '../api/okr';
import { defineDomain } from '../domain';
import { okrCommands } from './commands';
import { createHandlers } from './handlers';

export const okrDomain = defineDomain({
  name: 'okr',
  methods: okrMethods,
  createHandlers: (ctx) => createHandlers(ctx),
  commands: okrCommands,
  countedTables: ['okr_teams', 'okr_members', 'objectives', 'key_results', 'check_ins'],
});
