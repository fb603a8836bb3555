// Headless Chromium for the browser tests (Debian's package, driven by playwright-core): where it is, and the flags
// this machine's closed network needs. One place for every test that opens a page.
import { execFileSync } from 'node:child_process';

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
