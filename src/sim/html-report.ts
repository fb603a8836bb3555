// The HTML report of a simulation: one self-contained file (inline CSS and SVG, no script, no network) with each
// region's tick interval over time on pressure and sleep bands, consumption and misses, restart/failure markers,
// the expectations and the per-instance summary.
import type { SimulationResult } from './run-scenario.js';
import { formatMs, renderChart, type Series } from './svg-chart.js';
import { reportDataFromTrace, type ReportData } from './report-series.js';
import { replayHref, replaySectionHtml, type ReportReplay } from './replay-links.js';
import { CONVERSATION_STYLE, renderCognitionSections } from './conversation/conversation-report.js';

export { MAX_LINES_PER_CHART, MAX_WINDOWS } from './report-series.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#b9c1d0}
main{padding:20px 28px;max-width:1040px}section{background:#fff;border-radius:8px;padding:14px 18px;margin:0 0 18px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:17px;margin:4px 0 10px}.verdict{display:inline-block;padding:3px 12px;border-radius:12px;font-weight:700;margin-left:10px}
.pass{background:#d8f5e0;color:#13602e}.fail{background:#fde0df;color:#8e1b16}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #eceef2;text-align:right}th:first-child,td:first-child{text-align:left}
td.l,th.l{text-align:left}.kpis{display:flex;gap:22px;flex-wrap:wrap}.kpi b{display:block;font-size:20px}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;margin-right:4px}
svg.chart{display:block;max-width:100%;height:auto;margin:6px 0}.chart-title{font-size:13px;font-weight:600;fill:#1d2330}
.axis{font-size:11px;fill:#6b7385}.axis-line{stroke:#9aa2b1}.grid{stroke:#eceef2}
.lvl-moderate{fill:#ffe9a8;opacity:.55}.lvl-high{fill:#ffc38a;opacity:.55}.lvl-critical{fill:#ff9a9a;opacity:.55}
.phase-idle{fill:#c9def7;opacity:.5}.phase-sleep{fill:#a9b4d6;opacity:.55}
.series{stroke-width:1.6}.s0{stroke:#2563eb}.s1{stroke:#db2777}.s2{stroke:#059669}.s3{stroke:#d97706}.s4{stroke:#7c3aed}.s5{stroke:#0891b2}.s6{stroke:#65a30d}.s7{stroke:#b91c1c}
.s-fraction{stroke:#059669;stroke-width:2}.bar.s-misses{fill:#dc2626;opacity:.7}
.marker{stroke-width:1.5;stroke-dasharray:3 2}.m-crash{stroke:#f97316}.m-restart{stroke:#16a34a}.m-failed{stroke:#b91c1c;stroke-width:3;stroke-dasharray:none}
`;

const LEGEND = `<div class="legend"><span><i class="sw" style="background:#ffe9a8"></i>moderate pressure</span><span><i class="sw" style="background:#ffc38a"></i>high</span><span><i class="sw" style="background:#ff9a9a"></i>critical</span><span><i class="sw" style="background:#c9def7"></i>idle phase</span><span><i class="sw" style="background:#a9b4d6"></i>sleep phase</span><span><i class="sw" style="background:#f97316"></i>crash</span><span><i class="sw" style="background:#16a34a"></i>restart</span><span><i class="sw" style="background:#b91c1c"></i>given up</span></div>`;

/** What the report says about the run's audit log (`audit.jsonl`), when one was recorded. */
export interface ReportAudit {
  ok: boolean;
  count: number;
  /** Why it does not verify (when `ok` is false). */
  failure?: string;
}

/** What the report is made of: a run's result, or one built by hand (then without `charts`: they come from its trace). */
export type ReportInput = Pick<SimulationResult, 'trace' | 'summary' | 'scenario'> & { charts?: ReportData };

/** The chart data of a result: collected by the run, or (for a result built by hand) computed from its trace. */
function chartsOf(result: ReportInput): ReportData {
  if (result.charts) return result.charts;
  const header = result.trace.find((r) => r.type === 'scenario');
  return reportDataFromTrace(result.trace, result.summary.durationMs, result.summary.regions.map((r) => r.region), header?.type === 'scenario' ? header.readWindowMs : result.scenario.trace?.readWindowMs);
}

/**
 * Renders the whole report as one HTML document. Deterministic: the same result gives the same bytes. The charts
 * come from `result.charts` (bounded, collected while the run went), so the page's size does not grow with the run.
 * `replay`: the run was recorded (`simulate --record`); markers link into its replay and a Replay section lists them.
 */
export function renderHtmlReport(result: ReportInput, audit?: ReportAudit, replay?: ReportReplay): string {
  const { summary, scenario } = result;
  const duration = summary.durationMs;
  const charts = chartsOf(result);
  const { windowMs, bands } = charts;
  const failedExpectations = summary.expectations.filter((e) => !e.passed).length;
  const verdict = summary.passed ? '<span class="verdict pass">PASS</span>' : `<span class="verdict fail">FAIL (${failedExpectations})</span>`;
  const restarts = summary.instances.reduce((n, i) => n + i.restarts, 0);
  const failed = summary.instances.filter((i) => i.state === 'failed').length;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(summary.scenario)} — continuum simulation report</title><style>${STYLE}${CONVERSATION_STYLE}</style></head><body>`);
  parts.push(`<header><h1>${esc(summary.scenario)} ${verdict}</h1><p>seed ${summary.seed} · simulated ${formatMs(duration)} · ${summary.regions.length} regions · ${summary.instances.length} region instances${scenario.description ? ` · ${esc(scenario.description)}` : ''}</p></header><main>`);
  parts.push(`<section><div class="kpis"><div class="kpi"><b>${summary.ticks.toLocaleString('en-US')}</b>region ticks</div><div class="kpi"><b>${restarts}</b>restarts</div><div class="kpi"><b>${failed}</b>regions given up on</div>${Object.entries(summary.levelMs).map(([l, ms]) => `<div class="kpi"><b>${formatMs(ms)}</b>${l} pressure</div>`).join('')}${Object.entries(summary.phaseMs).map(([p, ms]) => `<div class="kpi"><b>${formatMs(ms)}</b>${p}</div>`).join('')}</div></section>`);
  if (audit) {
    parts.push(`<section id="audit"><h2>Audit log</h2><p>audit.jsonl: ${audit.count} entr${audit.count === 1 ? 'y' : 'ies'}, <span class="verdict ${audit.ok ? 'pass' : 'fail'}">${audit.ok ? 'chain verifies' : 'DOES NOT VERIFY'}</span>${audit.ok ? '' : ` — ${esc(audit.failure ?? '')}`}</p></section>`);
  }
  if (summary.expectations.length) {
    parts.push(`<section id="expectations"><h2>Expectations</h2><table><tr><th>#</th><th class="l">expectation</th><th>checked at</th><th class="l">observed</th><th>result</th></tr>${summary.expectations.map((e) => `<tr><td>${e.index}</td><td class="l">${esc(e.description)}</td><td>${formatMs(e.at)}</td><td class="l">${esc(e.actual)}</td><td><span class="verdict ${e.passed ? 'pass' : 'fail'}">${e.passed ? 'PASS' : 'FAIL'}</span></td></tr>`).join('')}</table></section>`);
  }
  if (replay) parts.push(replaySectionHtml(charts, replay, formatMs));
  parts.push(renderCognitionSections(summary)); // conversation hit rates and the governor's decisions, when a conversation ran
  parts.push(`<section id="regions"><h2>Regions over time</h2>${LEGEND}`);
  for (const region of summary.regions) {
    const data = charts.regions.get(region.region);
    const shown = data?.intervals ?? [];
    const series: Series[] = shown.map((s, i) => ({ name: s.key, cls: `s${i}`, points: s.points, kind: 'steps', downsampled: s.downsampled }));
    const count = data?.instances ?? 0;
    const more = count > shown.length ? ` (first ${shown.length} of ${count} instances)` : '';
    const markers = replay ? (data?.markers ?? []).map((m) => ({ ...m, href: replayHref(replay, m.t) })) : (data?.markers ?? []);
    parts.push(`<div class="region" data-region="${esc(region.region)}">`);
    parts.push(renderChart({ title: `${region.region}: tick interval${more}`, durationMs: duration, yLabel: 'ms', yScale: 'log', bands, series, markers }));
    const c = data;
    parts.push(renderChart({
      title: `${region.region}: consumption fraction (consumed ÷ published) per ${formatMs(windowMs)}`,
      durationMs: duration, yLabel: '', yScale: 'linear', bands, markers, height: 150,
      series: [{ name: 'consumption fraction', cls: 's-fraction', points: c?.fraction ?? [], kind: 'line' }],
    }));
    parts.push(renderChart({
      title: `${region.region}: buffer misses per ${formatMs(windowMs)}`,
      durationMs: duration, yLabel: '', yScale: 'linear', bands, markers, height: 120,
      series: [{ name: 'misses', cls: 's-misses', points: c?.misses ?? [], kind: 'bars', barWidthMs: windowMs }],
    }));
    parts.push('</div>');
  }
  parts.push('</section>');
  parts.push(`<section id="instances"><h2>Region instances</h2><table><tr><th>instance</th><th>state</th><th>ticks</th><th>mean interval</th><th>min</th><th>max</th><th>published</th><th>consumed</th><th>fraction</th><th>misses</th><th>restarts</th></tr>`);
  for (const i of summary.instances) {
    parts.push(`<tr><td>${esc(i.key)}</td><td>${i.state}</td><td>${i.ticks}</td><td>${i.intervalMs ? formatMs(i.intervalMs.mean) : '—'}</td><td>${i.intervalMs ? formatMs(i.intervalMs.min) : '—'}</td><td>${i.intervalMs ? formatMs(i.intervalMs.max) : '—'}</td><td>${i.published}</td><td>${i.consumed}</td><td>${pct(i.consumption)}</td><td>${i.misses}</td><td>${i.restarts}</td></tr>`);
  }
  parts.push('</table></section></main></body></html>\n');
  return parts.join('');
}
