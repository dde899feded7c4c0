/**
 * The domains the core is made of: one line each. contract.ts merges their methods the same way.
 * Adding a domain touches its own folders and these two lists, nothing else.
 */
import { CommandRegistry } from './sync';
import { merchantsDomain } from './merchants';
import { okrDomain } from './okr';
import { overviewDomain } from './overview';
import { opinionDomain } from './opinion';
import { suppliersDomain } from './suppliers';

export const domains = [
  opinionDomain,
  merchantsDomain,
  suppliersDomain,
  okrDomain,
  overviewDomain,
] as const;

/** Every command any domain declares: what the sync engine's outbox can carry. */
export const commandRegistry = new CommandRegistry(domains.flatMap((domain) => domain.commands));

/** The command types, as a union derived from the declarations. */
export type CommandType = (typeof domains)[number]['commands'][number]['type'];
