/** The suppliers domain: grades, backup coverage, risk impact and switch plans (issue 13). */
import { ApiError } from '../api/errors';
import { suppliersMethods } from '../api/suppliers';
import { defineDomain } from '../domain';
import { supplierCommands } from './commands';
import { createHandlers } from './handlers';
import { RulesVersionError, SupplyLookupError } from './service';

export const suppliersDomain = defineDomain({
  name: 'suppliers',
  methods: suppliersMethods,
  createHandlers,
  commands: supplierCommands,
  countedTables: ['skus', 'suppliers', 'supply_links', 'risk_events'],
  toApiError(error) {
    if (error instanceof SupplyLookupError) return new ApiError('not_found', error.message);
    if (error instanceof RulesVersionError) return new ApiError('invalid_input', error.message);
    return null;
  },
});
