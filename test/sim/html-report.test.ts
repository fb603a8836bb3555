// The HTML report: deterministic, self-contained, and it renders in a real browser with non-empty charts.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/load-scenario.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { runScenario, type SimulationResult } from '../../src/sim/run-scenario.js';
import { renderHtmlReport } from '../../src/sim/html-report.js';
import { reportDataFromTrace } from '../../src/sim/report-series.js';
import type { TraceRecord } from '../../src/sim/trace.js';
import { downsample } from '../../src/sim/svg-chart.js';
import { withHtmlPage } from '../helpers/chromium.js';

let result: SimulationResult;
let html: string;
beforeAll(async () => {
  result = await runScenario(loadScenario('scenarios/crash-loop.json'));
  html = renderHtmlReport(result);
});

describe('report data', () => {
  const trace: TraceRecord[] = [
    { t: 0, type: 'tick', key: 'r@a', tick: 1, durationMs: 0, published: 2, consumed: 1, misses: 0, hint: 'hold' },
    { t: 1000, type: 'policy', step: 1, version: 1, level: 'moderate', cause: 'vram-high' },
    { t: 1500, type: 'tick', key: 'r@a', tick: 2, durationMs: 0, published: 2, consumed: 2, misses: 3, hint: 'hold' },
    { t: 2000, type: 'phase', phase: 'sleep' },
    { t: 4000, type: 'tick', key: 'r@a', tick: 3, durationMs: 0, published: 0, consumed: 0, misses: 1, hint: 'hold' },
  ];
  // 40 s with 2 s read windows: the charts' window is 2 s
  const data = reportDataFromTrace(trace, 40_000, ['r'], 2000);

  it('turns policy and phase records into bands that cover their spans', () => {
    expect(data.bands).toEqual([
      { from: 1000, to: 40_000, cls: 'lvl-moderate', label: 'pressure moderate' },
      { from: 2000, to: 40_000, cls: 'phase-sleep', label: 'phase sleep' },
    ]);
  });

  it('measures intervals between consecutive ticks of an instance', () => {
    expect(data.windowMs).toBe(2000);
    expect(data.regions.get('r')!.intervals).toEqual([{ key: 'r@a', points: [[1500, 1500], [4000, 2500]], downsampled: false }]);
  });

  it('aggregates consumption per window and skips windows with nothing published', () => {
    const c = data.regions.get('r')!;
    expect(c.fraction).toEqual([[1000, 0.75]]);
    expect(c.misses).toEqual([[1000, 3], [5000, 1]]);
  });

  it('gives the same report from the run\'s own chart data as from its trace', () => {
    const { charts, ...fromTrace } = result;
    expect(charts.regions.size).toBe(result.summary.regions.length);
    expect(renderHtmlReport(fromTrace)).toBe(html);
  });

  it('draws the first instances of a region with many, traces every tick of all of them', async () => {
    const many = await runScenario(validateScenario({ name: 'many', durationMs: 60_000, regions: [{ id: 'echo-prefetch' }], personas: Array.from({ length: 12 }, (_, i) => ({ id: `p${i}` })) }));
    const echo = many.charts.regions.get('echo-prefetch')!;
    expect(echo.intervals.map((s) => s.key)).toEqual(Array.from({ length: 8 }, (_, i) => `echo-prefetch@p${i}`));
    expect(echo.instances).toBe(12);
    expect(many.trace.filter((r) => r.type === 'tick').length).toBe(many.summary.ticks);
    expect(renderHtmlReport(many)).toContain('(first 8 of 12 instances)');
  });

  it('downsamples long series but keeps the extremes', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => [i, i === 5_000 ? 999 : i % 7] as const);
    const d = downsample(pts, 10_000, 100);
    expect(d.length).toBeLessThanOrEqual(200);
    expect(d.some(([, v]) => v === 999)).toBe(true);
  });
});

describe('HTML report', () => {
  it('is one self-contained document with no network reference, deterministic for the same run', async () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    const again = renderHtmlReport(await runScenario(loadScenario('scenarios/crash-loop.json')));
    expect(again).toBe(html);
    expect(html).toContain(result.summary.passed ? '>PASS<' : '>FAIL');
    for (const region of result.summary.regions) expect(html).toContain(`data-region="${region.region}"`);
    expect(html).toMatch(/class="marker m-failed"/); // the crash loop is given up on
  });

  it('renders in headless Chromium with every chart present and non-empty', async () => {
    await withHtmlPage(html, 'the report\'s browser check', async (page, requests) => {
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { w: box.width, h: box.height, marks: svg.querySelectorAll('polyline, rect.bar, rect.band, line.marker').length, lines: [...svg.querySelectorAll('polyline')].map((p) => p.getAttribute('points')?.split(' ').length ?? 0) };
        }),
      );
      expect(charts.length).toBe(result.summary.regions.length * 3);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(300);
        expect(c.h).toBeGreaterThan(80);
      }
      // every region's interval chart draws at least one line with many points
      const intervalCharts = charts.filter((_, i) => i % 3 === 0);
      for (const c of intervalCharts) expect(Math.max(0, ...c.lines)).toBeGreaterThan(5);
      expect(await page.title()).toContain(result.summary.scenario);
      expect(requests).toEqual([]);
    });
  }, 60_000);
});

describe('the report’s audit section', () => {
  it('says when the log does not verify, with the reason', () => {
    const html = renderHtmlReport(result, { ok: false, count: 3, failure: 'chain broken at seq 2' });
    expect(html).toContain('DOES NOT VERIFY');
    expect(html).toContain('chain broken at seq 2');
    expect(renderHtmlReport(result)).not.toContain('id="audit"');
  });
});
