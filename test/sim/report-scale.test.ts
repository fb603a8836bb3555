// The HTML report of a very long run: 500 k+ chart points, thousands of crash markers and pressure bands render
// without a stack overflow, the page size stays bounded, and the downsampled lines keep the extremes; a 30-day run
// with over a million points fed to the run's collector gives a small page that opens in Chromium.
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type SimulationResult } from '../../src/sim/run-scenario.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { renderHtmlReport } from '../../src/sim/html-report.js';
import { reportDataFromTrace, ReportSeriesBuilder } from '../../src/sim/report-series.js';
import { downsample, renderChart } from '../../src/sim/svg-chart.js';
import type { TraceRecord } from '../../src/sim/trace.js';
import { withHtmlPage } from '../helpers/chromium.js';

const HOUR = 3_600_000;
const SPIKE = 2 * HOUR; // one instance once waits two hours between ticks
const DIP = 3; // and once ticks 3 ms after the previous tick

/**
 * A run of `hours` with `ticksPerInstance` ticks for each of 4 echo-prefetch instances, plus a crash every 7 s and a
 * pressure change every 11 s: the summary of a short real run, with this synthetic trace.
 */
async function longRun(hours: number, ticksPerInstance: number): Promise<SimulationResult> {
  const base = await runScenario(validateScenario({ name: 'long', durationMs: 2000, regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch' }], personas: [{ id: 'p0' }, { id: 'p1' }, { id: 'p2' }, { id: 'p3' }] }));
  const durationMs = hours * HOUR;
  const trace: TraceRecord[] = [{ t: 0, type: 'scenario', name: 'long', seed: 1, durationMs, regions: ['heartbeat', 'echo-prefetch'], readWindowMs: 10_000, format: 1 }];
  const step = (durationMs - SPIKE) / ticksPerInstance;
  for (let p = 0; p < 4; p++) {
    let t = 0;
    for (let i = 0; i < ticksPerInstance; i++) {
      t += p === 0 && i === ticksPerInstance / 2 ? SPIKE : p === 0 && i === ticksPerInstance / 4 ? DIP : step;
      trace.push({ t, type: 'tick', key: `echo-prefetch@p${p}`, tick: i, durationMs: 0, published: 1, consumed: i % 2, misses: i % 3 === 0 ? 1 : 0, hint: 'hold' });
    }
  }
  for (let t = 7000; t < durationMs; t += 7000) trace.push({ t, type: 'restart-scheduled', key: 'echo-prefetch@p1', attempt: 0, delayMs: 100, error: 'injected' });
  for (let t = 11_000, i = 0; t < durationMs; t += 11_000, i++) trace.push({ t, type: 'policy', step: i % 2, version: i, level: i % 2 ? 'moderate' : 'nominal', cause: 'vram-high' });
  trace.sort((a, b) => a.t - b.t);
  trace.push({ t: durationMs, type: 'end', ticks: 4 * ticksPerInstance, passed: 0, failed: 0 });
  const summary = { ...base.summary, durationMs, ticks: 4 * ticksPerInstance };
  return { ...base, trace, summary, charts: reportDataFromTrace(trace, durationMs, summary.regions.map((r) => r.region)) };
}

const polylines = (svg: string): Array<Array<[number, number]>> =>
  [...svg.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1]!.split(' ').filter(Boolean).map((p) => p.split(',').map(Number) as [number, number]));

let big: SimulationResult;
let html: string;
beforeAll(async () => {
  big = await longRun(24, 150_000); // 600 k ticks
  html = renderHtmlReport(big);
}, 120_000);

describe('the report of a long run', () => {
  it('renders 600 k chart points, ~12 k crash markers and ~8 k pressure bands, and stays small', async () => {
    expect(big.trace.filter((r) => r.type === 'tick').length).toBe(600_000);
    expect(html).toMatch(/<\/html>\n$/);
    expect(html.length).toBeLessThan(1_500_000);
    const markers = (html.match(/<line class="marker/g) ?? []).length;
    const bands = (html.match(/<rect class="band/g) ?? []).length;
    expect(markers).toBeLessThan(3 * 450); // at most one per 2-pixel column and class, per chart
    expect(bands).toBeLessThan(9 * 900);
    expect(html).toMatch(/crashed \(injected\); restart in 100ms \(and \d+ more within/);
    // the size does not grow with the run: four times the points, about the same page
    const quarter = renderHtmlReport(await longRun(24, 37_500));
    expect(html.length).toBeLessThan(quarter.length * 1.5);
  });

  it('keeps the extremes: the downsampled line reaches the same highest and lowest pixel as the spike and the dip', () => {
    const points = [...big.trace].filter((r): r is Extract<TraceRecord, { type: 'tick' }> => r.type === 'tick' && r.key === 'echo-prefetch@p0');
    const series: Array<[number, number]> = points.slice(1).map((r, i) => [r.t, r.t - points[i]!.t]);
    expect(series.length).toBeGreaterThan(100_000);
    const kept = downsample(series, big.summary.durationMs, 884);
    expect(kept.length).toBeLessThanOrEqual(2 * 884);
    expect(Math.max(...kept.map((p) => p[1]))).toBe(SPIKE);
    expect(Math.min(...kept.map((p) => p[1]))).toBe(DIP);
    const chart = (pts: Array<[number, number]>): string =>
      renderChart({ title: 't', durationMs: big.summary.durationMs, yLabel: 'ms', yScale: 'log', bands: [], markers: [], series: [{ name: 's', cls: 's0', points: pts, kind: 'steps' }] });
    const ys = (svg: string): number[] => polylines(svg)[0]!.map((p) => p[1]);
    const full = ys(chart(series));
    const extremesOnly = ys(chart(series.filter((p) => p[1] === SPIKE || p[1] === DIP || p === series[0])));
    expect(Math.min(...full)).toBe(Math.min(...extremesOnly)); // the spike: highest on screen
    expect(Math.max(...full)).toBe(Math.max(...extremesOnly)); // the dip: lowest
  });

  it('opens in headless Chromium with every chart drawn', async () => {
    await withHtmlPage(html, 'the long report\'s browser check', async (page) => {
      const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ h: svg.getBoundingClientRect().height, lines: svg.querySelectorAll('polyline').length })));
      expect(charts.length).toBe(big.summary.regions.length * 3);
      for (const c of charts) expect(c.h).toBeGreaterThan(80);
      expect(charts.filter((c) => c.lines > 0).length).toBeGreaterThan(0);
    });
  }, 60_000);
});

describe('the report of a 30-day run with over a million chart points', () => {
  const DAYS30 = 30 * 24 * HOUR;
  let report: string;
  let points = 0;
  beforeAll(async () => {
    const base = await runScenario(validateScenario({ name: 'month', durationMs: 2000, regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch' }], personas: Array.from({ length: 12 }, (_, i) => ({ id: `p${i}` })) }));
    // fed straight into the run's collector, as a 30-day run would: nothing per tick is kept
    const builder = new ReportSeriesBuilder(['heartbeat', 'echo-prefetch'], DAYS30, 10_000);
    const step = 20_000;
    for (let t = step, i = 0; t < DAYS30; t += step, i++) {
      builder.tick('heartbeat', 'heartbeat', t, 1, 1, 0);
      for (let p = 0; p < 8; p++) builder.tick('echo-prefetch', `echo-prefetch@p${p}`, t + p, 1, i % 2, i % 5 === 0 ? 1 : 0);
      points += 9;
      if (i % 97 === 0) builder.supervision({ t, type: 'restart-scheduled', key: 'echo-prefetch@p1', attempt: 0, delayMs: 100, error: 'injected' });
      if (i % 89 === 0) builder.level(t, i % 2 ? 'moderate' : 'nominal');
    }
    const charts = builder.finish();
    for (const s of charts.regions.get('echo-prefetch')!.intervals) expect(s.points.length).toBeLessThanOrEqual(2 * 885);
    report = renderHtmlReport({ ...base, summary: { ...base.summary, durationMs: DAYS30 }, charts });
  }, 120_000);

  it('stays a small page', () => {
    expect(points).toBeGreaterThan(1_000_000);
    expect(report.length).toBeLessThan(2 * 2 ** 20);
  });

  it('opens in headless Chromium with every chart drawn', async () => {
    await withHtmlPage(report, 'the 30-day report\'s browser check', async (page) => {
      const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ h: svg.getBoundingClientRect().height, lines: svg.querySelectorAll('polyline').length })));
      expect(charts.length).toBe(2 * 3);
      for (const c of charts) expect(c.h).toBeGreaterThan(80);
      expect(charts[3]!.lines).toBe(8); // echo-prefetch's interval chart: one line per drawn instance
    });
  }, 60_000);
});
