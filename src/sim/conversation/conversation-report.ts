// The cognition sections of report.html: prefetch hit rate over time per persona and per buffer (with the target,
// the failing line and the baseline), on the phase and pressure bands; the baseline side by side; what the governor
// decided. Built from the summary's streaming aggregates only (never the trace), so it works on a streamed trace.
import { formatMs, renderChart, type Band, type Series } from '../svg-chart.js';
import type { Summary } from '../summary.js';
import type { ConversationSummary, HitRateSeries } from './conversation-summary.js';
import type { GovernorSummary } from './governor-log.js';
import { BUFFER_LABEL, HANDLE_BUFFERS } from './handle-counters.js';
import { SLEEP_PHASES } from '../../runtime/signals.js';
/** Most lines per chart (as the region charts). */
const MAX_LINES_PER_CHART = 8;

/** Extra styles of these sections (joined to the report's stylesheet). */
export const CONVERSATION_STYLE = `.s-target{stroke:#16a34a;stroke-width:1;stroke-dasharray:6 3}.s-failing{stroke:#dc2626;stroke-width:1;stroke-dasharray:6 3}.s-baseline{stroke:#6b7385;stroke-width:1.6;stroke-dasharray:4 3}
.gain-pos{color:#13602e;font-weight:600}.gain-neg{color:#8e1b16;font-weight:600}`;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f2 = (x: number): string => x.toFixed(2);
const points = (s: HitRateSeries | undefined): Array<[number, number]> => (s ?? []).map(([t, r]) => [t, r]);

/**
 * One line series per stretch of points with no gap longer than `gapMs` (buckets without reads are left out of a
 * series, and a line across a quiet evening would draw a trend that is not there). Same name and class for each.
 */
function broken(name: string, cls: string, pts: ReadonlyArray<readonly [number, number]>, gapMs: number): Series[] {
  const out: Series[] = [];
  let run: Array<readonly [number, number]> = [];
  for (const p of pts) {
    if (run.length > 0 && p[0] - run[run.length - 1]![0] > gapMs) {
      out.push({ name, cls, points: run, kind: 'line' });
      run = [];
    }
    run.push(p);
  }
  if (run.length > 0 || out.length === 0) out.push({ name, cls, points: run, kind: 'line' });
  return out;
}

/** Pressure-level and sleep-phase bands from the governor summary's change lists. */
export function governorBands(g: GovernorSummary, durationMs: number): Band[] {
  const bands: Band[] = [];
  const spans = (changes: Array<{ t: number; value: string }>, initial: string, prefix: string, skip: string): void => {
    let since = 0;
    let value = initial;
    for (const c of [...changes, { t: durationMs, value: '' }]) {
      if (c.t > since && value !== skip) bands.push({ from: since, to: c.t, cls: `${prefix}-${value}`, label: `${prefix === 'lvl' ? 'pressure' : 'phase'} ${value}` });
      since = c.t;
      value = c.value;
    }
  };
  spans(g.levelChanges.map((c) => ({ t: c.t, value: c.level })), 'nominal', 'lvl', 'nominal');
  spans(g.phaseChanges.map((c) => ({ t: c.t, value: c.phase })), 'active', 'phase', 'active');
  return bands;
}

/** A legend of line series: a short line in each series' class and its name. */
function legend(series: readonly Series[]): string {
  const once = series.filter((x, i) => series.findIndex((y) => y.name === x.name) === i);
  return `<div class="legend">${once.map((x) => `<span><svg width="22" height="8" aria-hidden="true"><line class="series ${x.cls}" x1="1" y1="4" x2="21" y2="4"/></svg> ${esc(x.name)}</span>`).join('')}</div>`;
}

function guides(c: ConversationSummary, durationMs: number): Series[] {
  return [
    { name: `target ${c.predictor.target}`, cls: 's-target', points: [[0, c.predictor.target], [durationMs, c.predictor.target]], kind: 'line' },
    { name: `failing below ${c.predictor.failingBelow}`, cls: 's-failing', points: [[0, c.predictor.failingBelow], [durationMs, c.predictor.failingBelow]], kind: 'line' },
  ];
}

function hitRateCharts(c: ConversationSummary, durationMs: number, bands: Band[]): string {
  const personas = Object.keys(c.series.personas);
  const shown = personas.slice(0, MAX_LINES_PER_CHART);
  const more = personas.length > shown.length ? ` (first ${shown.length} of ${personas.length} personas)` : '';
  const gap = 3 * c.series.widthMs;
  const perPersona: Series[] = [
    ...shown.flatMap((p, i) => broken(p, `s${i}`, points(c.series.personas[p]), gap)),
    ...(c.baseline ? broken(`all personas, baseline (${c.baseline.kind})`, 's-baseline', points(c.baseline.series.buffers.prefetch), gap) : []),
    ...guides(c, durationMs),
  ];
  const perBuffer: Series[] = [
    ...HANDLE_BUFFERS.flatMap((b, i) => broken(BUFFER_LABEL[b], `s${i}`, points(c.series.buffers[b]), gap)),
    ...guides(c, durationMs),
  ];
  const ages = broken('mean age of the prefetch read (all personas)', 's3', c.series.buffers.prefetch.filter((p) => p[3] !== null).map(([t, , , age]) => [t, age!] as const), gap);
  return [
    renderChart({ title: `prefetch hit rate per persona${more} (hippocampus engram prefetch)`, durationMs, yLabel: 'hit rate', yScale: 'linear', yMax: 1, bands, series: perPersona, markers: [], height: 200 }),
    legend(perPersona),
    renderChart({ title: 'hit rate per buffer (all personas)', durationMs, yLabel: 'hit rate', yScale: 'linear', yMax: 1, bands, series: perBuffer, markers: [], height: 200 }),
    legend(perBuffer),
    renderChart({ title: 'how stale the answers are: mean age of the prefetch entry handle() read (ms since staged)', durationMs, yLabel: 'ms', yScale: 'log', bands, series: ages, markers: [], height: 170 }),
  ].join('');
}

function sideBySide(c: ConversationSummary): string {
  const b = c.baseline;
  const gain = (x: number, y: number | undefined): string => (y === undefined ? '—' : `<span class="${x - y >= 0 ? 'gain-pos' : 'gain-neg'}">${x - y >= 0 ? '+' : ''}${f2(x - y)}</span>`);
  const base = new Map((b?.personas ?? []).map((p) => [p.persona, p.prefetch.hitRate]));
  const rows = c.personas.map((p) => `<tr><td>${esc(p.persona)}</td><td>${p.handled}</td><td>${p.degraded}</td><td>${p.errors}</td><td>${f2(p.prefetch.hitRate)}</td><td>${f2(p.candidate.hitRate)}</td><td>${f2(p.blend.hitRate)}</td><td class="l">${p.predictor}</td>${b ? `<td>${base.has(p.persona) ? f2(base.get(p.persona)!) : '—'}</td><td>${gain(p.prefetch.hitRate, base.get(p.persona))}</td>` : ''}</tr>`);
  const head = `<tr><th>persona</th><th>handled</th><th>degraded</th><th>errors</th><th>prefetch</th><th>candidate</th><th>blend</th><th class="l">predictor</th>${b ? `<th>baseline prefetch</th><th>gain</th>` : ''}</tr>`;
  const buffers = HANDLE_BUFFERS.map((k) => `<tr><td>${esc(BUFFER_LABEL[k])}</td><td>${c.buffers[k].reads}</td><td>${c.buffers[k].hit}</td><td>${c.buffers[k].partial}</td><td>${c.buffers[k].miss}</td><td>${f2(c.buffers[k].hitRate)}</td>${b ? `<td>${f2(b.buffers[k].hitRate)}</td><td>${gain(c.buffers[k].hitRate, b.buffers[k].hitRate)}</td>` : ''}</tr>`).join('');
  const k = c.consolidation;
  const consolidation = k ? `<table><tr><th>hippocampus in phase</th><th>shallow passes</th><th>deep passes</th><th>engrams pruned</th></tr>${SLEEP_PHASES.map((p) => `<tr><td>${p}</td><td>${k[p].shallowPasses}</td><td>${k[p].deepPasses}</td><td>${k[p].pruned}</td></tr>`).join('')}</table>` : '';
  return `<table><tr><th>buffer</th><th>reads</th><th>hit</th><th>partial</th><th>miss</th><th>hit rate</th>${b ? `<th>baseline (${esc(b.kind)})</th><th>gain</th>` : ''}</tr>${buffers}</table><table>${head}${rows.join('')}</table>${consolidation}`;
}

function governorSection(g: GovernorSummary, durationMs: number, bands: Band[]): string {
  const parts: string[] = [];
  const shown = g.regions.slice(0, MAX_LINES_PER_CHART);
  const intervals = shown.map((r, i): Series => ({ name: r.region, cls: `s${i}`, points: r.series.map(([t, ms]) => [t, ms]), kind: 'steps' }));
  parts.push(renderChart({ title: 'governor: mean scheduled tick interval per region', durationMs, yLabel: 'ms', yScale: 'log', bands, markers: [], series: intervals, height: 200 }));
  parts.push(renderChart({ title: 'governor: budget weight per region (yield learning)', durationMs, yLabel: 'weight', yScale: 'linear', bands, markers: [], series: shown.map((r, i): Series => ({ name: r.region, cls: `s${i}`, points: r.series.map(([t, , w]) => [t, w]), kind: 'steps' })), height: 170 }));
  parts.push(legend(intervals));
  const rows = g.regions.map((r) => `<tr><td>${esc(r.region)}</td><td>${r.decisions.faster}</td><td>${r.decisions.hold}</td><td>${r.decisions.slower}</td><td>${r.decisions.sleep}</td><td>${r.weight ? f2(r.weight.min) : '—'}</td><td>${r.weight ? f2(r.weight.max) : '—'}</td><td>${r.weight ? f2(r.weight.last) : '—'}</td></tr>`).join('');
  parts.push(`<table><tr><th>region</th><th>faster</th><th>hold</th><th>slower</th><th>sleep</th><th>weight min</th><th>max</th><th>last</th></tr>${rows}</table>`);
  const phases = g.phaseChanges.map((c) => `${formatMs(c.t)} → ${c.phase}`).join(', ') || 'active throughout';
  const levels = g.levelChanges.map((c) => `${formatMs(c.t)} → ${c.level} (${esc(c.cause)})`).join(', ') || 'no change';
  parts.push(`<p>Phase changes: ${phases}.<br>Pressure level changes: ${levels}.</p>`);
  return parts.join('');
}

/** The sections, or '' when the run had neither a conversation nor a governor summary. */
export function renderCognitionSections(summary: Summary): string {
  const g = summary.governor;
  const c = summary.conversation;
  if (!g || !c) return '';
  const d = summary.durationMs;
  const bands = governorBands(g, d);
  const p = c.predictor;
  const verdict = p.verdict === 'failing' ? `<span class="verdict fail">predictor failing (below ${p.failingBelow})</span>` : p.verdict === 'no-reads' ? 'no reads' : `<span class="verdict pass">predictor ${p.verdict}</span>`;
  const base = c.baseline ? ` · baseline (${esc(c.baseline.kind)}) <b>${f2(c.baseline.predictor.hitRate)}</b>` : '';
  return [
    `<section id="conversation"><h2>Conversation: hit rate ${verdict}</h2>`,
    `<div class="kpis"><div class="kpi"><b>${f2(p.hitRate)}</b>prefetch hit rate (target ${p.target})</div>${c.baseline ? `<div class="kpi"><b>${f2(c.baseline.predictor.hitRate)}</b>baseline (${esc(c.baseline.kind)})</div>` : ''}<div class="kpi"><b>${c.content.messages}</b>messages</div><div class="kpi"><b>${c.handled}</b>handled</div><div class="kpi"><b>${c.degraded}</b>degraded</div><div class="kpi"><b>${c.errors}</b>errors</div><div class="kpi"><b>${c.content.reactions}</b>reactions</div><div class="kpi"><b>${c.content.topicShifts}</b>topic shifts</div></div>`,
    `<p>hit rate = (hit + 0.5·partial) ÷ reads per ${formatMs(c.series.widthMs)} bucket${base}.</p>`,
    hitRateCharts(c, d, bands),
    sideBySide(c),
    '</section>',
    `<section id="governor"><h2>What the governor decided</h2>${governorSection(g, d, bands)}</section>`,
  ].join('');
}
