/**
 * The merchants domain. Its methods and handlers arrive with its board; until then it declares its
 * commands, so the outbox can carry them.
 */
import { defineDomain } from '../domain';
import { merchantCommands } from './commands';

export const merchantsDomain = defineDomain({
  name: 'merchants',
  methods: {},
  createHandlers: () => ({}),
  commands: merchantCommands,
  countedTables: ['categories', 'people', 'merchants', 'merchant_metrics', 'packages', 'merchant_packages', 'tier_overrides'],
});
