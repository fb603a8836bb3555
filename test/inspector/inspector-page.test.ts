// The inspector in a real browser (headless Chromium): the live page lists the scenario's regions, draws a
// statechart whose active states follow a step, shows an injected pressure event and the policy it changed; the
// handle() control sends to a picked channel and shows the HandleResult; the replay page jumps to an instant, steps
// backward and shows the recorded ready-buffer; no request leaves loopback. Writes the docs' screenshots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLiveSession } from '../../src/inspector/live-session.js';
import { replaySession } from '../../src/inspector/replay-session.js';
import { openRecording } from '../../src/inspector/recording-reader.js';
import { recordRun } from '../../src/inspector/attach-hub.js';
import { startInspectorServer, type InspectorServer } from '../../src/inspector/inspector-server.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { cognitionScenario, shortScenario } from './fixtures.js';
import type { HandleResult } from '../../src/actors/cognition/handle-contract.js';

/** The page's globals, as far as the functions run in the page use them (this project compiles without the DOM lib). */
interface PageNode { textContent: string | null; getAttribute(name: string): string | null }
declare const document: { querySelector(selector: string): PageNode | null; querySelectorAll(selector: string): Iterable<PageNode> };
declare const window: { inspector?: { state: { mode: string } } };

/**
 * Where the screenshots go: docs/ when refreshing them (`npm run docs:screenshots`), else a temporary folder, so a
 * plain `npm test` leaves the working tree clean.
 */
const SHOTS = process.env.CONTINUUM_SCREENSHOTS === 'docs'
  ? fileURLToPath(new URL('../../docs/', import.meta.url))
  : mkdtempSync(join(tmpdir(), 'continuum-inspector-shots-'));
let browser: Browser | undefined;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install -y chromium); .ci/run installs it');
    console.warn('skipping the inspector browser test: no chromium on PATH (install the Debian package "chromium")');
    return;
  }
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens `server` in a new page, logging every request and socket the page makes. */
async function open(server: InspectorServer): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  page.on('websocket', (ws) => void requests.push(ws.url()));
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(server.url);
  return { page, requests, errors };
}

const onlyLoopback = (requests: readonly string[], port: number): string[] =>
  requests.filter((u) => !u.startsWith(`http://127.0.0.1:${port}/`) && !u.startsWith(`ws://127.0.0.1:${port}/`));

const rowTexts = (page: Page, list: string): Promise<string[]> => page.$$eval(`${list} .row`, (rows) => rows.filter((r) => (r as unknown as { style: { display: string } }).style.display !== 'none').map((r) => r.textContent ?? ''));

describe('the live inspector page', () => {
  it('shows the tree, a live statechart, the event stream and the policy, and takes controls', async () => {
    if (!browser) return;
    const session = startLiveSession(shortScenario(), { step: true });
    const server = await startInspectorServer(session, { port: 0 });
    try {
      const { page, requests, errors } = await open(server);
      await page.waitForFunction(() => window.inspector?.state.mode === 'live');
      await page.click('#step'); // the first due instant: the personas and their regions spawn
      await page.waitForFunction(() => document.querySelector('#tree')!.textContent!.includes('slow-consolidator@bob'));
      const tree = (await rowTexts(page, '#tree')).join('\n');
      for (const id of ['governor', 'heartbeat', 'personas@0', 'alice', 'bob', 'echo-prefetch@alice', 'slow-consolidator@alice', 'echo-prefetch@bob', 'slow-consolidator@bob']) expect(tree).toContain(id);

      await page.locator('#tree .row', { hasText: 'slow-consolidator@alice' }).click();
      await page.waitForSelector('#chart svg g.node.active');
      const before = await page.getAttribute('#chart', 'data-active');
      expect(before).toContain('region.status.active');
      let after = before;
      for (let i = 0; i < 60 && after === before; i++) {
        const sim = await page.getAttribute('#clock', 'data-sim');
        await page.click('#step');
        await page.waitForFunction((s) => document.querySelector('#clock')!.getAttribute('data-sim') !== s, sim);
        after = await page.getAttribute('#chart', 'data-active');
      }
      expect(after).not.toBe(before); // a step moved slow-consolidator@alice between active and awaiting
      expect(await page.locator('#chart g.node.active').count()).toBeGreaterThan(0);

      expect(await page.getAttribute('#policy', 'data-step')).toBe('0');
      await page.selectOption('#pressure-kind', 'vram-high');
      await page.fill('#pressure-value', '97');
      await page.click('#inject-pressure');
      await page.fill('#filter-type', 'PRESSURE');
      await page.waitForFunction(() => [...document.querySelectorAll('#stream .row')].some((r) => r.textContent!.includes('governor  PRESSURE')));
      await page.waitForFunction(() => Number(document.querySelector('#policy')!.getAttribute('data-step')) > 0);
      expect(await page.getAttribute('#policy', 'data-level')).not.toBe('nominal');
      const step = await page.getAttribute('#policy', 'data-step');
      await page.waitForFunction((n) => document.querySelector('#tree')!.textContent!.includes(`cascade: step${n}`), step); // the governor's row follows
      await page.locator('#stream .row', { hasText: 'PRESSURE' }).first().click();
      expect(await page.textContent('#payload')).toContain('"usedPct": 97');

      await page.fill('#filter-type', '');
      await page.locator('#tree .row', { hasText: 'echo-prefetch@alice' }).click();
      await page.selectOption('#speed', '10');
      await page.click('#resume');
      await page.waitForFunction(() => Number(document.querySelector('#clock')!.getAttribute('data-sim')) > 8_000);
      await page.click('#pause');
      await page.waitForFunction(() => document.querySelector('#clock')!.getAttribute('data-paused') === 'true');
      await page.waitForFunction(() => document.querySelector('#region')!.textContent!.includes('tick interval'));
      await page.screenshot({ path: join(SHOTS, 'inspector-live.png') });
      expect(onlyLoopback(requests, server.port)).toEqual([]);
      expect(requests.some((u) => u.startsWith('ws://'))).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe("the live page's handle() control", () => {
  it("sends a message to the selected persona on a channel picked from the scenario's, and shows the HandleResult", async () => {
    if (!browser) return;
    const session = startLiveSession(cognitionScenario(), { step: true });
    const server = await startInspectorServer(session, { port: 0 });
    try {
      const { page, requests, errors } = await open(server);
      const acks: Array<{ cmd: string; ok: boolean; result?: HandleResult; message?: string }> = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => {
        const m = JSON.parse(String(f.payload)) as { kind: string; cmd: string; ok: boolean };
        if (m.kind === 'ack') acks.push(m);
      }));
      await page.reload(); // the listener above sees the page's socket from the start
      await page.waitForFunction(() => window.inspector?.state.mode === 'live');
      await page.click('#step');
      await page.waitForFunction(() => document.querySelector('#tree')!.textContent!.includes('motor-cortex@bob'));
      await page.waitForSelector('#handle-controls', { state: 'visible' });
      expect(await page.$$eval('#handle-channel option', (os) => os.map((o) => o.textContent))).toEqual(['general', 'engineering']);
      await page.selectOption('#speed', '60'); // let the regions stage something for the channel first
      await page.click('#resume');
      await page.waitForFunction(() => Number(document.querySelector('#clock')!.getAttribute('data-sim')) > 20_000);
      await page.click('#pause');
      await page.waitForFunction(() => document.querySelector('#clock')!.getAttribute('data-paused') === 'true');

      await page.locator('#tree .row', { hasText: 'motor-cortex@bob' }).click(); // a region row: its persona
      await page.selectOption('#handle-channel', 'engineering');
      await page.fill('#handle-text', 'the migration locks the users table');
      await page.click('#handle-send');
      await page.waitForSelector('#handle-result[data-ok="true"]');
      expect(await page.getAttribute('#handle-result', 'data-persona')).toBe('bob');
      expect(await page.getAttribute('#handle-result', 'data-channel')).toBe('engineering');
      const result = acks.find((a) => a.cmd === 'handle' && a.ok)!.result!;
      expect(result).toMatchObject({ personaId: 'bob', channelId: 'engineering' });
      // the page shows what handle() answered: each buffer's outcome, the reply, degraded
      const outcomes = await page.$$eval('#handle-result tr', (rows) => rows.map((r) => [r.getAttribute('data-read'), r.children[1]!.textContent]));
      expect(outcomes).toEqual([['prefetch', result.prefetch.outcome], ['candidate', result.candidate.outcome], ['blend', result.blend.outcome]]);
      expect(await page.getAttribute('#handle-result', 'data-degraded')).toBe(String(result.degraded));
      expect(await page.textContent('#handle-result p')).toContain(result.degraded ? 'degraded' : 'not degraded');
      if (result.candidate.reply.text) expect(await page.textContent('#handle-result .reply')).toBe(result.candidate.reply.text);
      for (const name of Object.keys(result.blend.adapters)) expect(await page.textContent('#handle-result tr[data-read="blend"]')).toContain(name);
      await page.screenshot({ path: join(SHOTS, 'inspector-handle.png') });

      await page.locator('#tree .row', { hasText: 'governor' }).first().click(); // no persona selected: the id box
      await page.fill('#persona-id', 'zed');
      await page.click('#handle-send');
      await page.waitForSelector('#handle-result[data-ok="false"]');
      expect(await page.textContent('#handle-result .handle-error')).toBe(acks.find((a) => a.cmd === 'handle' && !a.ok)!.message);
      await page.click('#handle-result .close');
      expect(await page.isHidden('#handle-result')).toBe(true);
      expect(onlyLoopback(requests, server.port)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe('the replay page', () => {
  it('jumps to an instant, steps backward, and shows the tree and policy as they were', async () => {
    if (!browser) return;
    const scenario = shortScenario();
    const path = join(mkdtempSync(join(tmpdir(), 'continuum-replay-')), 'run.inspect.jsonl');
    const rec = recordRun(path, scenario, 7);
    const result = await runScenario(scenario, { attach: rec.attach });
    rec.finish(result.summary.durationMs);
    const recording = openRecording(path);
    const server = await startInspectorServer(replaySession(recording), { port: 0 });
    try {
      const { page, requests, errors } = await open(server);
      await page.waitForFunction(() => document.querySelector('#position')!.getAttribute('data-index') === '0');
      expect(Number(await page.getAttribute('#scrub', 'max'))).toBe(recording.count - 1);
      expect((await rowTexts(page, '#tree')).length).toBe(1); // frame 0: only the governor exists yet
      expect(await page.getAttribute('#policy', 'data-step')).toBe('0');

      await page.fill('#jump-t', '25000');
      await page.click('#jump');
      const at = recording.indexAt(25_000);
      await page.waitForFunction((i) => document.querySelector('#position')!.getAttribute('data-index') === String(i), at);
      expect(await page.textContent('#clock')).toContain(`t = ${(recording.time(at) / 1000).toFixed(3)} s`);
      expect(Number(await page.getAttribute('#policy', 'data-step'))).toBeGreaterThan(0); // the pressure at 20 s
      const tree = (await rowTexts(page, '#tree')).join('\n');
      for (const id of ['heartbeat', 'echo-prefetch@alice', 'slow-consolidator@bob']) expect(tree).toContain(id);

      await page.click('#back');
      await page.waitForFunction((i) => document.querySelector('#position')!.getAttribute('data-index') === String(i), at - 1);
      await page.click('#back');
      await page.waitForFunction((i) => document.querySelector('#position')!.getAttribute('data-index') === String(i), at - 2);
      await page.click('#forward');
      await page.waitForFunction((i) => document.querySelector('#position')!.getAttribute('data-index') === String(i), at - 1);

      await page.locator('#tree .row', { hasText: 'echo-prefetch@alice' }).click();
      await page.waitForSelector('#chart svg g.node.active');
      const active = await page.getAttribute('#chart', 'data-active');
      const row = recording.actorsAt(at - 1).find((r) => r.id === 'echo-prefetch@alice')!;
      for (const [k, v] of Object.entries(row.value as Record<string, string>)) expect(active).toContain(`region.${k}.${v}`);
      await page.waitForFunction(() => document.querySelector('#region')!.textContent!.includes('tick interval'));
      const region = (await page.textContent('#region'))!; // the ready-buffer as recorded (format v2)
      for (const k of ['buffer size', 'buffer sampled', 'buffer hits', 'buffer misses', 'buffer publishes', 'buffer evictions']) expect(region).toContain(k);
      await page.screenshot({ path: join(SHOTS, 'inspector-replay.png') });
      expect(onlyLoopback(requests, server.port)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
