// Formats an evaluation report as Markdown tables (what `npm run eval` prints and the README shows).
import type { EvalReport } from './run-eval.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;
const diff = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;
const num = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The retrieval table, the experiments and the acceptance table, as Markdown. */
export function formatEvaluation(report: EvalReport): string {
  const seeds = report.seeds.length === 1 ? `seed ${report.seeds[0]}` : `seeds ${report.seeds.join(', ')}`;
  const head = `Embedder \`${report.embedder}\` · ${seeds} · ${report.personas} personas × ${report.engramsPerPersona} engrams · ${report.queries} held-out queries · budget ${report.totalTokens} tokens per recall`;
  const retrieval = table(
    ['method', 'recall@B', 'precision@B', 'cross-channel recall', 'cross-channel precision', 'channel noise', 'budget use', 'k', 'engrams scored'],
    report.rows.map(({ name, metrics: m }) => [name, pct(m.recall), pct(m.precision), pct(m.crossRecall), pct(m.crossPrecision), pct(m.noise), pct(m.budgetUse), num(m.k), num(m.scored)]),
  );
  const ev = report.eviction;
  const eviction = table(
    [`eviction to ${pct(ev.keepShare)} of the store`, 'salience-weighted retention', 'thread content among the forgotten', 'relevant engrams kept', 'recall@B after'],
    [
      ['algorithm 4 (floor 0.8, fades first)', pct(ev.algorithm4.salienceRetention), pct(ev.algorithm4.contentForgotten), pct(ev.algorithm4.relevantRetention), pct(ev.algorithm4.recall)],
      ['FIFO (oldest first)', pct(ev.fifo.salienceRetention), pct(ev.fifo.contentForgotten), pct(ev.fifo.relevantRetention), pct(ev.fifo.recall)],
    ],
  );
  const acceptance = table(
    ['algorithm', 'metric', 'with it', 'no-op', 'no-op baseline', 'difference ± 2 SE', 'seeds beating it alone', 'beats it (> 2 SE)'],
    report.acceptance.map((a) => [
      a.algorithm, `${a.metric} (${a.better} is better)`, pct(a.withIt), pct(a.noOp), a.noOpName,
      `${diff(a.withIt - a.noOp)} ± ${(a.twoSe * 100).toFixed(1)}`,
      `${a.perSeed.filter((x) => x.pass).length} / ${a.perSeed.length}`,
      a.counts ? (a.pass ? 'yes' : 'NO') : a.pass ? '(yes)' : '(no)',
    ]),
  );
  const blend = `Genome blend (algorithm 6): mean weight on the query's task adapter ${pct(report.blend.genome)} vs ${pct(report.blend.uniform)} for a uniform blend over ${report.blend.adapters} adapters.`;
  const sp = report.split;
  const curve = (xs: readonly number[]) => xs.map(pct).join(' / ');
  const split = [
    `Algorithm 1's ceiling (focus fraction 0.5 / 0.6 / 0.7 / 0.8 / 0.9): precision on home queries ${curve(sp.byKind.home)}; on cross-channel queries ${curve(sp.byKind.cross)}.`,
    `An oracle that knows each query's kind (${sp.oracleFraction.home} home, ${sp.oracleFraction.cross} cross) would gain ${pts(sp.oracleGain)} over the fixed 70/30 split; the best split per query, chosen knowing the answer, ${pts(sp.perQueryGain)}.`,
    `The focus confidence averages ${sp.meanConfidence.home.toFixed(2)} on home and ${sp.meanConfidence.cross.toFixed(2)} on cross-channel queries (AUC ${sp.auc.toFixed(2)}).`,
  ].join('\n');
  const alg1 = report.acceptance.find((a) => a.algorithm.startsWith('1'));
  const perSeed = alg1 && alg1.perSeed.length > 1
    ? `Algorithm 1 per seed (precision, recall minus the fixed 70/30 split, ± 2 SE): ${alg1.perSeed.map((x) => `seed ${x.seed} ${diff(x.difference)} ± ${(x.twoSe * 100).toFixed(1)}`).join('; ')}.`
    : '';
  return [head, '', retrieval, '', eviction, '', blend, '', split, '', acceptance, ...(perSeed ? ['', perSeed] : [])].join('\n');
}
