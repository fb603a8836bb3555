// `npm run bench`: runs every bench/*.bench.ts (or those whose file name contains an argument), each file in a
// fresh Node process (so no benchmark inherits another's heap or JIT state), prints a table of ops/sec beside the
// plain-JS baseline and the ratio, and writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, type BenchResult } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'run-file.ts'), join(here, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '[]';
  results.push(...(JSON.parse(last) as BenchResult[]));
}
console.log(`\n${formatTable(results)}\n`);
const out = join(here, 'results.json');
// A filtered run keeps the other benchmarks' last figures, replacing only what it measured.
let previous: BenchResult[] = [];
try {
  previous = JSON.parse(readFileSync(out, 'utf8')) as BenchResult[];
} catch {
  previous = [];
}
const measured = new Set(results.map((r) => r.name));
const merged = filters.length === 0 ? results : [...previous.filter((r) => !measured.has(r.name)), ...results];
writeFileSync(`${out}.tmp`, `${JSON.stringify(merged, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}`);
