// The crash test: a child process appends to a log in a loop and is SIGKILLed at a random moment, again and again.
// After each kill the log verifies or reports only a cut-off last line; repair makes it valid; the next child resumes
// it; and every append a child acknowledged (printed after `append` resolved) is in the log with that hash.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRandom, type Random } from '../../../src/runtime/random.js';
import { AuditChain, createMemoryAuditSink, positionAfter, repairTruncatedTail, verifyAuditLog, type AuditEntry } from '../../../src/actors/audit/index.js';
import { transpileClosure } from './transpile.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));
const TRIALS = 54;
/** Trials that share one log before a fresh one starts (so resuming after a crash is exercised, and logs stay small). */
const TRIALS_PER_LOG = 6;

interface Ack {
  seq: number;
  hash: string;
}

/**
 * Runs the child and SIGKILLs it `killAfterMs` after it has opened the log (real time: the kill moment is the
 * experiment, so it is random and lands anywhere in an append — encoding, hashing, the write, the fsync).
 */
function runUntilKilled(moduleUrl: string, log: string, seed: number, fsync: boolean, killAfterMs: number): Promise<{ acks: Ack[]; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, moduleUrl, log, String(seed), fsync ? '1' : '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line === 'ready') setTimeout(kill, killAfterMs);
        const ack = /^ack (\d+) ([0-9a-f]{64})$/.exec(line);
        if (ack) acks.push({ seq: Number(ack[1]), hash: ack[2]! });
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ acks, signal, stderr }));
  });
}

interface Outcomes {
  /** Kills after which the log verified as it was. */
  clean: number;
  /** Kills that cut the line being written (the log ended in a truncated tail). */
  cutByKill: number;
  /** Trials where a cut line was appended after the kill (see `appendCutLine`). */
  cutSimulated: number;
  acked: number;
}

/** Appends a prefix of the line the next append would write (what a kill during that write leaves). */
async function appendCutLine(log: string, last: AuditEntry | undefined, random: Random): Promise<void> {
  const sink = createMemoryAuditSink();
  await new AuditChain(sink, last ? positionAfter(last) : undefined).append('refusal', { pad: 'z'.repeat(random.int(0, 3000)) }, last?.timestampMs ?? 0);
  const line = sink.bytes();
  appendFileSync(log, line.subarray(0, random.int(1, line.length - 1)));
}

/** One log, `trials` kills in a row: after each, check it, repair it when needed, and check every ack is in it. */
async function lane(moduleUrl: string, log: string, trials: number, seed: number): Promise<Outcomes> {
  const random = createRandom(seed);
  const acked = new Map<number, string>();
  const outcomes: Outcomes = { clean: 0, cutByKill: 0, cutSimulated: 0, acked: 0 };
  for (let trial = 0; trial < trials; trial++) {
    const run = await runUntilKilled(moduleUrl, log, random.int(1, 2 ** 31), random.next() < 0.5, random.int(0, 40));
    expect(run.signal, run.stderr).toBe('SIGKILL');
    for (const a of run.acks) acked.set(a.seq, a.hash);
    outcomes.acked += run.acks.length;
    let after = await verifyAuditLog(log);
    // A SIGKILL seldom lands inside the kernel's copy of a write, so a real cut line is rare; every third clean
    // trial also gets what such a kill leaves: a prefix of the line that was being written (never an acked one).
    const simulate = after.ok && trial % 3 === 2;
    if (simulate) await appendCutLine(log, after.last, random);
    if (simulate) after = await verifyAuditLog(log);
    if (after.ok) outcomes.clean++;
    else {
      expect(after.failure.kind, after.failure.message).toBe('truncated-tail');
      if (simulate) outcomes.cutSimulated++;
      else outcomes.cutByKill++;
      const repair = await repairTruncatedTail(log);
      expect(repair.after.ok).toBe(true);
      renameSync(repair.backupPath!, `${log}.bak.${trial}`); // the next repair makes its own .bak
      after = await verifyAuditLog(log);
      expect(after.ok).toBe(true);
    }
    const logged = new Map(after.entries.map((e) => [e.seq, e.chainHash]));
    for (const [seq, hash] of acked) expect(logged.get(seq), `acknowledged seq ${seq} of ${log} (trial ${trial})`).toBe(hash);
  }
  return outcomes;
}

describe('crash safety', () => {
  it(`keeps every acknowledged append through ${TRIALS} SIGKILLs mid-append, and a cut-off tail is the only damage`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-audit-crash-'));
    const moduleUrl = pathToFileURL(transpileClosure(join(ROOT, 'src/actors/audit/audit-chain.ts'), ROOT, join(dir, 'js'))).href;
    // one log after another: run in parallel, one lane's verification would delay another lane's kill timer
    const results: Outcomes[] = [];
    for (let i = 0; i < TRIALS / TRIALS_PER_LOG; i++) results.push(await lane(moduleUrl, join(dir, `audit-${i}.jsonl`), TRIALS_PER_LOG, 2026 + i));
    const total = results.reduce(
      (a, r) => ({ clean: a.clean + r.clean, cutByKill: a.cutByKill + r.cutByKill, cutSimulated: a.cutSimulated + r.cutSimulated, acked: a.acked + r.acked }),
      { clean: 0, cutByKill: 0, cutSimulated: 0, acked: 0 },
    );
    expect(total.clean + total.cutByKill + total.cutSimulated).toBe(TRIALS);
    expect(total.cutSimulated).toBeGreaterThan(0);
    expect(total.acked).toBeGreaterThan(TRIALS);
  }, 60_000);
});
