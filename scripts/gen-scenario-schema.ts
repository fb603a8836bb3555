// Regenerates scenarios/scenario.schema.json and the bounds table of docs/scenarios.md from the validator's
// tables (run: npx tsx scripts/gen-scenario-schema.ts; a test fails when either is stale).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText, withBoundsTable } from '../src/sim/scenario-schema.js';
import { writeFileAtomic } from '../src/cli/visualize-command.js';

const schema = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
await writeFileAtomic(schema, scenarioJsonSchemaText());
const doc = fileURLToPath(new URL('../docs/scenarios.md', import.meta.url));
await writeFileAtomic(doc, withBoundsTable(readFileSync(doc, 'utf8')));
console.log(`wrote ${schema} and the bounds table of ${doc}`);
