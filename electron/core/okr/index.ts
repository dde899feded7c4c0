/**
 * The okr domain. Its methods and handlers arrive with its board; until then it declares its
 * commands, so the outbox can carry them.
 */
import { defineDomain } from '../domain';
import { okrCommands } from './commands';

export const okrDomain = defineDomain({
  name: 'okr',
  methods: {},
  createHandlers: () => ({}),
  commands: okrCommands,
  countedTables: ['okr_teams', 'okr_members', 'objectives', 'key_results', 'check_ins'],
});
