// Crash test of the file tier store: a child process writing pages is SIGKILLed mid-write; no torn file, every acknowledged write survives.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileTierStore, page } from '../../../src/actors/genome/index.js';
import { createRandom } from '../../../src/index.js';

const writer = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'file-writer.ts');
const SIZE = 8 * 1024 * 1024;
const TRIALS = 8;

/**
 * Runs the writer until it announces write number `killAt`, then SIGKILLs it — at once (the write is hashing and
 * encoding), or when `onTempFile` as soon as that write's temp file appears (the bytes are going to disk) — and
 * returns the writes it acknowledged.
 */
function runAndKill(folder: string, killAt: number, onTempFile: boolean): Promise<{ acked: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, folder, String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: number[] = [];
    let armed = false;
    const watcher = watch(folder, (_event, name) => {
      if (armed && onTempFile && typeof name === 'string' && name.startsWith('.tmp-')) child.kill('SIGKILL');
    });
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [what, n] = line.split(' ');
        if (what === 'ack') acked.push(Number(n));
        if (what === 'writing' && Number(n) === killAt) {
          armed = true;
          if (!onTempFile) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      watcher.close();
      resolve({ acked, signal });
    });
  });
}

describe('file tier store under SIGKILL', () => {
  it('a kill mid-write never leaves a torn file under a final name, and every acknowledged write survives', async () => {
    const random = createRandom(14);
    let trialsThatCaughtAWrite = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const folder = mkdtempSync(join(tmpdir(), 'genome-crash-'));
      try {
        const { acked, signal } = await runAndKill(folder, random.int(1, 3), trial % 2 === 0);
        expect(signal).toBe('SIGKILL');
        const files = readdirSync(folder);
        if (files.some((f) => f.startsWith('.tmp-'))) trialsThatCaughtAWrite++;
        for (const f of files.filter((x) => x.endsWith('.page'))) {
          const sha = createHash('sha256').update(readFileSync(join(folder, f))).digest('hex');
          expect(f, `torn file ${f} in trial ${trial}`).toBe(`${sha}.page`);
        }
        const store = await openFileTierStore({ role: 'cold', folder, limitBytes: Number.MAX_SAFE_INTEGER });
        expect(store.openReport.corrupt).toEqual([]);
        expect(readdirSync(folder).some((f) => f.startsWith('.tmp-'))).toBe(false);
        for (const i of acked) {
          const bytes = (await store.readBlob(page('lora-layer', `p${i}`))).bytes;
          expect(bytes.length).toBe(SIZE);
          expect([bytes[0], bytes[1], bytes[SIZE - 1]]).toEqual([(i >> 8) & 0xff, i & 0xff, i & 0xff]);
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    expect(trialsThatCaughtAWrite).toBeGreaterThan(0); // the kills did land inside writes
  }, 120_000);
});
