// Renders Mermaid text with Mermaid's own browser bundles (from node_modules, never the network) in headless Chromium:
// one browser for a whole test file, one page per Mermaid version and layout, each chart parsed and rendered in turn.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../helpers/chromium.js';

/** What one chart rendered to, read back from the page. */
export interface MermaidRendering {
  /** The parse or render error, or an error the page threw or logged while rendering; undefined when it rendered. */
  readonly error?: string;
  /** The diagram type Mermaid detected (`stateDiagram`, `flowchart-v2`, …). */
  readonly diagramType?: string;
  /** Every element id in the rendered SVG. */
  readonly elementIds: readonly string[];
  /** How many edges were drawn (elements with `data-edge="true"`). */
  readonly edgeCount: number;
  /** The SVG's visible text, line breaks as spaces. */
  readonly text: string;
  /** The id the SVG was rendered under: element ids start with it. */
  readonly svgId: string;
}

/** Which Mermaid to load: an installed package (`mermaid`, or an alias such as `mermaid11`) and a layout engine. */
export interface MermaidTarget {
  readonly packageName: string;
  /** Mermaid's `layout` option; unset keeps the version's default (dagre in 11, ELK for state diagrams in 12). */
  readonly layout?: 'dagre' | 'elk';
}

/** A page with one Mermaid loaded. */
export interface MermaidRenderer {
  /** `mermaid 12.3.0 (default layout)`, for test names and messages. */
  readonly name: string;
  /** The version of the package the bundle was loaded from. */
  readonly version: string;
  readonly target: MermaidTarget;
  render(text: string): Promise<MermaidRendering>;
}

/** The browser and a renderer per target. */
export interface MermaidBrowser {
  readonly renderers: readonly MermaidRenderer[];
  close(): Promise<void>;
}

/** The few DOM and Mermaid shapes the in-page code touches (the project compiles without the DOM lib). */
interface PageElement {
  id: string;
  innerHTML: string;
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  replaceWith(text: string): void;
}
interface PageGlobals {
  readonly document: { getElementById(id: string): PageElement | null };
  readonly mermaid: {
    initialize(config: object): void;
    parse(text: string): Promise<{ diagramType: string }>;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}
type PageResult = { error: string } | { diagramType: string; elementIds: string[]; edgeCount: number; text: string };

/** A render that takes longer than this is a Mermaid layout loop (dagre never returns for some cluster edges). */
const RENDER_TIMEOUT_MS = 15_000;

/**
 * Launches headless Chromium and opens a page per target with that package's IIFE bundle injected from disk; every
 * network request is aborted. Returns undefined (after a warning) when no Chromium is installed, and throws instead
 * under `CI=true`.
 */
export async function openMermaidBrowser(targets: readonly MermaidTarget[]): Promise<MermaidBrowser | undefined> {
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install -y chromium); .ci/run installs it');
    console.warn('skipping the Mermaid rendering checks: no chromium on PATH (install the Debian package "chromium")');
    return undefined;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const renderers: MermaidRenderer[] = [];
    for (const target of targets) renderers.push(await openRenderer(browser, target));
    return { renderers, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

async function openRenderer(browser: Browser, target: MermaidTarget): Promise<MermaidRenderer> {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(require.resolve(`${target.packageName}/dist/mermaid.min.js`), 'utf8');
  const { version } = JSON.parse(readFileSync(require.resolve(`${target.packageName}/package.json`), 'utf8')) as { version: string };
  const config = { startOnLoad: false, securityLevel: 'strict', ...(target.layout ? { layout: target.layout } : {}) };
  const problems: string[] = [];
  const openPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await page.route('**/*', (route) => {
      problems.push(`network request to ${route.request().url()}`);
      return route.abort();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: bundle });
    await page.evaluate((c) => (globalThis as unknown as PageGlobals).mermaid.initialize(c), config);
    return page;
  };
  let page = await openPage();
  let n = 0;
  return {
    name: `mermaid ${version} (${target.layout ?? 'default'} layout)`,
    version,
    target,
    async render(text) {
      const svgId = `chart${n++}`;
      problems.length = 0;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<PageResult>((resolve) => {
        timer = setTimeout(() => resolve({ error: TIMED_OUT }), RENDER_TIMEOUT_MS);
      });
      const result = await Promise.race([page.evaluate(renderInPage, { text, svgId }), timeout]).finally(() => clearTimeout(timer));
      if ('error' in result) {
        if (result.error === TIMED_OUT) {
          await page.close().catch(() => undefined); // the page is stuck in the loop: a fresh one for the next chart
          page = await openPage();
        }
        return { svgId, elementIds: [], edgeCount: 0, text: '', error: result.error };
      }
      return { svgId, ...result, ...(problems.length ? { error: problems.join('; ') } : {}) };
    },
  };
}

const TIMED_OUT = `Mermaid did not finish rendering within ${RENDER_TIMEOUT_MS / 1000} s (a layout loop)`;

/** Runs in the page: parses and renders one chart into #out and reads back what was drawn. */
async function renderInPage({ text, svgId }: { text: string; svgId: string }): Promise<PageResult> {
  const { mermaid, document } = globalThis as unknown as PageGlobals;
  const out = document.getElementById('out')!;
  out.innerHTML = '';
  try {
    const { diagramType } = await mermaid.parse(text);
    const { svg } = await mermaid.render(svgId, text);
    out.innerHTML = svg;
    const root = out.querySelector('svg');
    if (!root) return { error: 'render returned no <svg>' };
    if (root.getAttribute('aria-roledescription') === 'error') return { error: `Mermaid drew its error diagram: ${root.textContent ?? ''}` };
    Array.from(root.querySelectorAll('br')).forEach((br) => br.replaceWith(' '));
    return {
      diagramType,
      elementIds: Array.from(root.querySelectorAll('[id]')).map((e) => e.id),
      edgeCount: root.querySelectorAll('[data-edge="true"]').length,
      text: (root.textContent ?? '').replace(/\s+/g, ' '),
    };
  } catch (e) {
    // runs in the page, where describeError cannot be imported; Mermaid throws Errors and parse-error hashes
    const message = (e as { message?: unknown } | null)?.message;
    return { error: typeof message === 'string' ? message : `non-Error thrown: ${typeof e}` };
  }
}
