// Runs the benchmarks of one bench/*.bench.ts file and prints their results as one JSON line on stdout (the last
// line). `bench/run.ts` starts one process per file, so no benchmark inherits another's heap or JIT state.
import { pathToFileURL } from 'node:url';
import { runEntry, type BenchEntry, type BenchResult } from './harness.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: run-file.ts <bench file>');
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as { benches: BenchEntry[] };
const results: BenchResult[] = [];
for (const entry of mod.benches) {
  results.push(await runEntry(entry));
  process.stderr.write(`  measured ${entry.name}\n`);
}
process.stdout.write(`${JSON.stringify(results)}\n`);
