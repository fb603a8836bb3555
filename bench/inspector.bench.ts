// The inspector on the brain's day at 1,000 personas (the default scenario's four cognition regions, its conversation
// load in 50 channels of 20, 1 simulated minute): region ticks per wall second with no inspection (the baseline),
// with a recording (`simulate --record`), and live with the page open in headless Chromium; and the page's
// responsiveness on that real tree (3,000 region rows): first tree, rebuild, search, scroll, batches, events shown.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchEntry } from './harness.js';
import { loadScenario } from '../src/sim/load-scenario.js';
import { runScenario } from '../src/sim/run-scenario.js';
import type { Scenario, TimelineEvent } from '../src/sim/scenario-types.js';
import type { ConversationChannel } from '../src/sim/conversation/conversation-load-event.js';
import { recordRun } from '../src/inspector/attach-hub.js';
import { startLiveSession } from '../src/inspector/live-session.js';
import { startInspectorServer } from '../src/inspector/inspector-server.js';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.js';

const PERSONAS = 1000;
const CHANNELS = 50;
const DURATION_MS = 60_000;

/**
 * The default scenario (its regions, governor and the first minute of its timeline) with 1,000 personas; its
 * conversation load keeps its rates and topics, its channels become 50 channels of 20 members. No predictor-off
 * baseline run (that run is not inspected: it would only add the same wall time to every variant).
 */
function scaled(): Scenario {
  const base = loadScenario(join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios', 'default.json'));
  const personas = Array.from({ length: PERSONAS }, (_, i) => ({ id: i < 5 ? ['alice', 'bob', 'carol', 'dave', 'eve'][i]! : `p${i}` }));
  const perChannel = PERSONAS / CHANNELS;
  const timeline = (base.timeline ?? []).filter((e: TimelineEvent) => e.at <= DURATION_MS).map((e) => {
    if (e.type !== 'load' || !('channels' in e)) return e;
    const topics = e.channels.map((c: ConversationChannel) => c.topics);
    const channels: ConversationChannel[] = Array.from({ length: CHANNELS }, (_, c) => ({
      id: c < e.channels.length ? e.channels[c]!.id : `ch${c}`,
      members: personas.slice(c * perChannel, (c + 1) * perChannel).map((p) => p.id),
      topics: topics[c % topics.length]!,
    }));
    return { ...e, channels };
  });
  const { baseline: _baseline, ...rest } = base;
  return { ...rest, name: `default-x${PERSONAS}`, durationMs: DURATION_MS, personas, timeline, expect: [] } as Scenario;
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
  await page.waitForFunction(`window.inspector.tree.rows.size >= ${PERSONAS * 3 + 2}`);
  const firstTreeMs = performance.now() - tTree; // includes spawning the 3,000 region actors
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
    // all on the run's real tree: governor, sleep-policy, the cohorts, 1,000 persona rows, 3,000 region rows
    const rows = [...tree.rows.values()];
    const build = time(() => tree.update(rows, true));
    const rebuild = time(() => tree.rebuild());
    const search = time(() => tree.search('p999'));
    const searchCount = tree.count;
    const clear = time(() => tree.search(''));
    const list = tree.list, c = list.container;
    const scroll = time(() => { for (let i = 0; i < 100; i++) { c.scrollTop = (i / 100) * c.scrollHeight; list.paint(); } }) / 100;
    return { rows: liveRows, treeItems: list.items.length, build, rebuild, search, searchCount, clear, scroll, ...state.stats };
  })()`) as Record<string, number>;
  await page.close();
  await browser.close();
  await server.close();
  return {
    liveTicks: result.summary.ticks, liveMs: runMs, framesPerSec: (frames * 1000) / runMs, firstTreeMs,
    actors: inPage.rows!, treeItems: inPage.treeItems!, treeBuildMs: inPage.build!, treeRebuildMs: inPage.rebuild!,
    treeSearchMs: inPage.search!, searchMatches: inPage.searchCount!, searchClearMs: inPage.clear!, scrollPaintMs: inPage.scroll!,
    batches: inPage.batches!, batchMeanMs: inPage.ms! / Math.max(1, inPage.batches!), batchMaxMs: inPage.maxMs!,
    eventsShownPerSec: (inPage.events! * 1000) / runMs, eventsLeftOutPerSec: (inPage.dropped! * 1000) / runMs,
  };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

export const benches: BenchEntry[] = [
  {
    name: `inspector: the brain's day at ${PERSONAS} personas (3 cognition regions each + sleep-policy, 50 channels of 20, 1 simulated min), region ticks/s live with the page open (baseline: no inspection)`,
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
