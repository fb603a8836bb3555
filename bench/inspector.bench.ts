// The inspector with 1,000 personas (the default scenario scaled, 1 simulated minute): region ticks per wall second
// with no inspection (the baseline), with a recording (`simulate --record`), and live with the page open in headless
// Chromium; and the page's responsiveness there: first full tree, search, scroll, batch handling, events shown.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchEntry } from './harness.js';
import { loadScenario } from '../src/sim/load-scenario.js';
import { runScenario } from '../src/sim/run-scenario.js';
import type { Scenario, TimelineEvent } from '../src/sim/scenario-types.js';
import { recordRun } from '../src/inspector/attach-hub.js';
import { startLiveSession } from '../src/inspector/live-session.js';
import { startInspectorServer } from '../src/inspector/inspector-server.js';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.js';

const PERSONAS = 1000;
const DURATION_MS = 60_000;

function scaled(): Scenario {
  const base = loadScenario(join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios', 'default.json'));
  const personas = Array.from({ length: PERSONAS }, (_, i) => ({ id: i < 3 ? ['alice', 'bob', 'carol'][i]! : `p${i}` }));
  const timeline = (base.timeline ?? []).filter((e: TimelineEvent) => e.at <= DURATION_MS);
  return { ...base, name: `default-x${PERSONAS}`, durationMs: DURATION_MS, personas, timeline, expect: [] };
}

const rate = (ticks: number, ms: number): number => (ticks * 1000) / ms;

async function plain(): Promise<{ ticks: number; ms: number }> {
  const t0 = performance.now();
  const r = await runScenario(scaled());
  return { ticks: r.summary.ticks, ms: performance.now() - t0 };
}

async function recorded(): Promise<{ ticks: number; ms: number; mb: number; frames: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-bench-rec-'));
  const path = join(dir, 'run.inspect.jsonl');
  const scenario = scaled();
  const t0 = performance.now();
  const rec = recordRun(path, scenario, scenario.seed ?? 1);
  const r = await runScenario(scenario, { attach: rec.attach });
  rec.finish(r.summary.durationMs);
  const ms = performance.now() - t0;
  const mb = statSync(path).size / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { ticks: r.summary.ticks, ms, mb, frames: rec.writer.frames };
}

/** Live, flat out (speed 10^6), with the page open; then the page's own figures. */
async function live(): Promise<Record<string, number>> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('the inspector bench needs Chromium (apt-get install -y chromium)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const session = startLiveSession(scaled(), { step: true });
  const server = await startInspectorServer(session, { port: 0 });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.waitForFunction("window.inspector && window.inspector.state.mode === 'live'");
  session.driver.step(); // spawn the 1,000 personas
  const tTree = performance.now();
  await page.waitForFunction(`window.inspector.tree.rows.size >= ${PERSONAS * 2 + 2}`);
  const firstTreeMs = performance.now() - tTree; // includes spawning the 2,000 region actors
  session.driver.setSpeed(1e6);
  const t0 = performance.now();
  const ticks0 = session.hub.frames;
  session.driver.resume();
  const result = await session.done;
  const runMs = performance.now() - t0;
  const frames = session.hub.frames - ticks0;
  await page.waitForFunction('window.inspector.state.stats.batches > 0');
  const inPage = await page.evaluate(`(() => {
    const { tree, state } = window.inspector;
    const liveRows = tree.rows.size;
    const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    const search = time(() => tree.search('p999')) + time(() => tree.search(''));
    const list = tree.list, c = list.container;
    const scroll = time(() => { for (let i = 0; i < 100; i++) { c.scrollTop = (i / 100) * c.scrollHeight; list.paint(); } }) / 100;
    const rebuild = time(() => tree.rebuild());
    // the issue's size: 1,000 personas x 4 regions (the catalogue has 2 per-persona regions in this scenario)
    const rows = [{ id: 'governor', machine: 'governor', status: 'active', value: { cascade: 'step0' } }];
    for (let c = 0; c < 32; c++) rows.push({ id: 'personas@' + c, parent: 'governor', machine: 'cohort', status: 'active', value: 'supervising' });
    for (let p = 0; p < 1000; p++) for (const r of ['a', 'b', 'c', 'd']) rows.push({ id: r + '@q' + p, parent: 'personas@' + (p % 32), machine: 'region', status: 'active', value: { status: 'active', cadence: 'hold' } });
    const big = time(() => tree.update(rows, true));
    const bigScroll = time(() => { for (let i = 0; i < 100; i++) { c.scrollTop = (i / 100) * c.scrollHeight; list.paint(); } }) / 100;
    const bigSearch = time(() => tree.search('q999'));
    return { rows: liveRows, search, scroll, rebuild, big, bigScroll, bigSearch, bigRows: rows.length, ...state.stats };
  })()`) as Record<string, number>;
  await page.close();
  await browser.close();
  await server.close();
  return {
    liveTicks: result.summary.ticks, liveMs: runMs, framesPerSec: (frames * 1000) / runMs, firstTreeMs,
    actors: inPage.rows!, treeSearchMs: inPage.search!, treeRebuildMs: inPage.rebuild!, scrollPaintMs: inPage.scroll!,
    synthRows: inPage.bigRows!, synthTreeMs: inPage.big!, synthScrollPaintMs: inPage.bigScroll!, synthSearchMs: inPage.bigSearch!,
    batches: inPage.batches!, batchMeanMs: inPage.ms! / Math.max(1, inPage.batches!), batchMaxMs: inPage.maxMs!,
    eventsShownPerSec: (inPage.events! * 1000) / runMs, eventsLeftOutPerSec: (inPage.dropped! * 1000) / runMs,
  };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

export const benches: BenchEntry[] = [
  {
    name: `inspector: ${PERSONAS} personas (1 simulated min), region ticks/s live with the page open (baseline: no inspection)`,
    measure: async () => {
      await plain(); // warm-up
      const base = await plain();
      const rec = await recorded();
      const l = await live();
      return {
        opsPerSec: rate(l.liveTicks!, l.liveMs!),
        baselineOpsPerSec: rate(base.ticks, base.ms),
        extra: {
          plainWallMs: Math.round(base.ms), recordTicksPerSec: Math.round(rate(rec.ticks, rec.ms)), recordRatio: r2(rate(rec.ticks, rec.ms) / rate(base.ticks, base.ms)),
          recordingMb: Math.round(rec.mb), recordedFrames: rec.frames, liveWallMs: Math.round(l.liveMs!),
          ...Object.fromEntries(Object.entries(l).filter(([k]) => !['liveTicks', 'liveMs'].includes(k)).map(([k, v]) => [k, r2(v)])),
        },
      };
    },
  },
];
