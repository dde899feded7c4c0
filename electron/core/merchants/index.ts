/** The merchant-tiering domain (商家分层): tiers, rule sets, snapshots, overrides and support packages. */
import { merchantsMethods } from '../api/merchants';
import { defineDomain } from '../domain';
import { merchantCommands } from './commands';
import { createHandlers } from './handlers';
import { startMerchantWarmUp } from './warm-up';

export const merchantsDomain = defineDomain({
  name: 'merchants',
  methods: merchantsMethods,
  createHandlers,
  commands: merchantCommands,
  countedTables: ['categories', 'people', 'merchants', 'merchant_metrics', 'packages', 'merchant_packages', 'tier_overrides'],
  background: (ctx) => startMerchantWarmUp(ctx),
});
