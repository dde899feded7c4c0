#!/usr/bin/env node
/**
 * The `cockpit` command. Each sub-command lives in its own module under `commands/` and
 * registers itself on the shared program; this file only wires them together.
 * Run with `npm run cockpit -- <command>` (tsx, no build step).
 */
import { Command, CommanderError } from 'commander';
import { registerServe } from './commands/serve';
import { registerSentiment } from './commands/sentiment';
import { registerPlatformSim } from './commands/platform-sim';
import { registerSync } from './commands/sync';
import { registerExport } from './commands/export';
import { registerBench } from './commands/bench';
import { registerOpinion } from './commands/opinion';
import { registerOkr } from './commands/okr';
import { registerMerchants } from './commands/merchants';
import { registerSuppliers } from './commands/suppliers';
import { registerReviewPack } from './commands/review-pack';

export function buildProgram(): Command {
  const program = new Command('cockpit')
    .description('Ops Cockpit (运营驾驶舱) command line')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerServe(program);
  registerSentiment(program);
  registerPlatformSim(program);
  registerSync(program);
  registerExport(program);
  registerBench(program);
  registerOpinion(program);
  registerOkr(program);
  registerMerchants(program);
  registerSuppliers(program);
  registerReviewPack(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line reason (or the help text).
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cockpit: ${message}\n`);
    process.exitCode = 1;
  }
}

void main(process.argv);
