// The terminal lines of the cognition sections: the conversation's hit rates per buffer and persona (with the
// baseline beside them and a sparkline over time), the hippocampus's consolidation by phase, and what the governor decided (phases, levels, cadence, budget).
import { alignColumns } from '../summary-table.js';
import { SLEEP_PHASES } from '../../runtime/signals.js';
import type { ConsolidationByPhase } from '../../actors/cognition/consolidation-tally.js';
import type { ConversationSummary, HitRateSeries } from './conversation-summary.js';
import type { GovernorSummary } from './governor-log.js';
import { BUFFER_LABEL, HANDLE_BUFFERS } from './handle-counters.js';

const f2 = (x: number): string => x.toFixed(2);
const dur = (ms: number): string => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(2)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
const BLOCKS = '▁▂▃▄▅▆▇█';
/** Most characters of a sparkline. */
export const SPARK_WIDTH = 48;

/** A sparkline of a hit-rate series (0…1), merged down to at most SPARK_WIDTH characters. */
export function sparkline(series: HitRateSeries, durationMs: number): string {
  if (series.length === 0) return '';
  const cells: Array<{ score: number; reads: number }> = Array.from({ length: SPARK_WIDTH }, () => ({ score: 0, reads: 0 }));
  for (const [t, rate, reads] of series) {
    const cell = cells[Math.min(SPARK_WIDTH - 1, Math.floor((t / durationMs) * SPARK_WIDTH))]!;
    cell.score += rate * reads;
    cell.reads += reads;
  }
  return cells.map((c) => (c.reads === 0 ? ' ' : BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((c.score / c.reads) * BLOCKS.length))]!)).join('');
}

/** The conversation section: content, per-buffer hit rates, the predictor verdict, per persona, sparklines. */
export function formatConversation(c: ConversationSummary, durationMs: number): string {
  const lines: string[] = [];
  const k = c.content;
  lines.push(`conversation: ${k.messages} messages, ${k.reactions} reactions, ${c.handled} handled (${c.errors} errors, ${c.degraded} degraded, ${k.skipped} to absent personas); ${k.topicShifts} topic shifts (${k.domainShifts} across domains), ${k.questions} questions, ${k.codeBlocks} code blocks, ${k.deadlines} deadlines`);
  const p = c.predictor;
  const b = c.baseline;
  const verdict = { failing: `predictor FAILING (below ${p.failingBelow})`, 'below-target': `predictor below-target (${p.failingBelow}–${p.target})`, 'on-target': `predictor on-target (above ${p.target})`, 'no-reads': 'no reads' }[p.verdict];
  lines.push(`prefetch hit rate ${f2(p.hitRate)} — ${verdict}${b ? `; baseline (${b.kind}) ${f2(b.predictor.hitRate)}, gain ${p.hitRate - b.predictor.hitRate >= 0 ? '+' : ''}${f2(p.hitRate - b.predictor.hitRate)}` : ''}`);
  const rows: string[][] = [['buffer', 'region', 'reads', 'hit', 'partial', 'miss', 'hit rate', ...(b ? ['baseline'] : [])]];
  for (const key of HANDLE_BUFFERS) {
    const r = c.buffers[key];
    rows.push([BUFFER_LABEL[key], r.region, String(r.reads), String(r.hit), String(r.partial), String(r.miss), f2(r.hitRate), ...(b ? [f2(b.buffers[key].hitRate)] : [])]);
  }
  lines.push(...alignColumns(rows, 2));
  lines.push('');
  const base = new Map((b?.personas ?? []).map((x) => [x.persona, x]));
  const people: string[][] = [['persona', 'handled', 'degraded', 'errors', 'prefetch', 'candidate', 'blend', 'predictor', ...(b ? ['baseline'] : []), `prefetch hit rate over ${dur(durationMs)}`]];
  for (const x of c.personas) {
    people.push([x.persona, String(x.handled), String(x.degraded), String(x.errors), f2(x.prefetch.hitRate), f2(x.candidate.hitRate), f2(x.blend.hitRate), x.predictor, ...(b ? [base.has(x.persona) ? f2(base.get(x.persona)!.prefetch.hitRate) : '-'] : []), `|${sparkline(c.series.personas[x.persona] ?? [], durationMs)}|`]);
  }
  lines.push(...alignColumns(people));
  if (c.consolidation) lines.push(...formatConsolidation(c.consolidation));
  if (c.errorsSeen.length) lines.push(`errors: ${c.errorsSeen.join(' | ')}`);
  return lines.join('\n');
}

/** The hippocampus's consolidation by phase: passes and engrams pruned (pruning belongs to sleep alone). */
export function formatConsolidation(k: ConsolidationByPhase): string[] {
  const rows: string[][] = [['hippocampus in phase', 'shallow passes', 'deep passes', 'pruned']];
  for (const p of SLEEP_PHASES) rows.push([`  ${p}`, String(k[p].shallowPasses), String(k[p].deepPasses), String(k[p].pruned)]);
  return ['', ...alignColumns(rows)];
}

/** The governor section: phase and level changes, then per region its decisions, budget weight and interval. */
export function formatGovernor(g: GovernorSummary): string {
  const lines: string[] = [];
  const phases = g.phaseChanges.map((c) => `${c.phase} at ${dur(c.t)}`).join(' → ');
  lines.push(`governor: phase ${phases ? `active → ${phases}` : 'active throughout'}${g.unlisted.phase ? ` (+${g.unlisted.phase} more)` : ''}`);
  lines.push(`  pressure: ${g.levelChanges.length ? g.levelChanges.map((c) => `${c.level} at ${dur(c.t)} (${c.cause})`).join(', ') : 'no level change'}${g.unlisted.level ? ` (+${g.unlisted.level} more)` : ''}`);
  if (g.regions.length === 0) return lines.join('\n');
  const rows: string[][] = [['region', 'faster', 'hold', 'slower', 'sleep', 'weight min', 'max', 'last', 'interval first', 'last ms']];
  for (const r of g.regions) {
    const first = r.series[0];
    const last = r.series.at(-1);
    rows.push([r.region, String(r.decisions.faster), String(r.decisions.hold), String(r.decisions.slower), String(r.decisions.sleep),
      r.weight ? f2(r.weight.min) : '-', r.weight ? f2(r.weight.max) : '-', r.weight ? f2(r.weight.last) : '-', first ? String(Math.round(first[1])) : '-', last ? String(Math.round(last[1])) : '-']);
  }
  lines.push(...alignColumns(rows.map((r) => r.map((c, i) => (i === 0 ? `  ${c}` : c)))));
  return lines.join('\n');
}
