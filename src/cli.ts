// The `continuum` command: runs the program (src/cli/program.ts) on the process's arguments and exits with its code.
import { runCli } from './cli/program.js';

process.exitCode = await runCli(process.argv.slice(2));
