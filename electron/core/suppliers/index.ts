/**
 * The suppliers domain. Its methods and handlers arrive with its board; until then it declares its
 * commands, so the outbox can carry them.
 */
import { defineDomain } from '../domain';
import { supplierCommands } from './commands';

export const suppliersDomain = defineDomain({
  name: 'suppliers',
  methods: {},
  createHandlers: () => ({}),
  commands: supplierCommands,
  countedTables: ['skus', 'suppliers', 'supply_links', 'risk_events'],
});
