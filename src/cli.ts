// The `continuum` command: parses arguments with commander and dispatches to the subcommands under src/cli/.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerDemo } from './cli/demo-command.js';
import { registerVisualize } from './cli/visualize-command.js';
import { registerSimulate } from './cli/simulate-command.js';
import { registerAudit } from './cli/audit-command.js';

const program = new Command();
program
  .name('continuum')
  .description('continuum-substrate: a cognitive substrate for AI personas as an actor system on XState v5')
  .version((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
  .showHelpAfterError();

registerDemo(program);
registerVisualize(program);
registerSimulate(program);
registerAudit(program);

await program.parseAsync(process.argv);
