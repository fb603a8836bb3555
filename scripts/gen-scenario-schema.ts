// Regenerates scenarios/scenario.schema.json from the validator's tables (run: npx tsx scripts/gen-scenario-schema.ts).
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/sim/scenario-schema.js';
import { writeFileAtomic } from '../src/cli/visualize-command.js';

const target = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
await writeFileAtomic(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
