// Headless Chromium for the browser tests (Debian's package, driven by playwright-core): where it is, and the flags
// this machine's closed network needs. One place for every test that opens a page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

/** The Chromium executable on PATH, or undefined (the browser tests then warn and skip, and fail under CI=true). */
export const findChromium = (): string | undefined => {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH
    }
  }
  return undefined;
};

/** Launch flags: no sandbox (root), no GPU, no background networking (its connections are refused here). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Opens `html` from a temporary file in headless Chromium (1100 × 900) and runs `check` on the page with the list of
 * requests that left the file (none should, for a report). Without Chromium it warns and returns false — and throws
 * under `CI=true`, where .ci/run installs it, so a browser check never silently skips in CI.
 */
export async function withHtmlPage(html: string, what: string, check: (page: Page, requests: readonly string[]) => Promise<void>): Promise<boolean> {
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.CI === 'true') throw new Error(`Chromium is required under CI=true for ${what} (apt-get install -y chromium); .ci/run installs it`);
    console.warn(`skipping ${what}: no chromium on PATH (install the Debian package "chromium")`);
    return false;
  }
  const { chromium } = await import('playwright-core');
  const file = join(mkdtempSync(join(tmpdir(), 'continuum-page-')), 'page.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    await page.goto(pathToFileURL(file).href);
    await check(page, requests);
  } finally {
    await browser.close();
  }
  return true;
}
