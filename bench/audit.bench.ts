// Audit chain costs: appends per second to a file with and without fsync (beside a plain write of an equally long
// line, with and without fdatasync), and verification throughput (beside JSON.parse + SHA-256 of every line).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sink, type BenchEntry, type CustomBench } from './harness.js';
import { AuditChain, canonicalJson, createMemoryAuditSink, verifyAuditBytes } from '../src/actors/audit/index.js';

/** What the recorder writes for a governor override, as a payload. */
const payload = {
  event: 'governor:override',
  data: { region: 'echo-prefetch', personaId: 'alice', key: 'echo-prefetch@alice', hint: 'slower', reason: 'slowed: moderate pressure (×2)' },
};
const dir = mkdtempSync(join(tmpdir(), 'continuum-audit-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Best rate of `rounds` rounds of `n` awaited operations (after one warm-up round). */
async function rate(n: number, rounds: number, run: (i: number) => Promise<unknown>): Promise<number> {
  let best = 0;
  for (let r = 0; r <= rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await run(i);
    const perSec = (n * 1000) / (performance.now() - t0);
    if (r > 0) best = Math.max(best, perSec);
  }
  return best;
}

let fileNo = 0;
function appendBench(fsync: boolean, n: number): CustomBench {
  return {
    name: `AuditChain.append to a file, fsync ${fsync ? 'on (the default)' : 'off'} vs a plain write${fsync ? ' + fdatasync' : ''} of the same line`,
    async measure() {
      const chain = await AuditChain.open(join(dir, `chain-${fileNo++}.jsonl`), { fsync });
      const ops = await rate(n, 3, (i) => chain.append('governor-override', payload, i));
      await chain.close();
      const line = Buffer.from(`${JSON.stringify({ seq: 1, timestampMs: 1, kind: 'governor-override', payload, chainHash: 'a'.repeat(64), prevChainHash: 'b'.repeat(64) })}\n`);
      const handle = await open(join(dir, `plain-${fileNo++}.jsonl`), 'a');
      const baseline = await rate(n, 3, async () => {
        await handle.write(line, 0, line.length, null);
        if (fsync) await handle.datasync();
      });
      await handle.close();
      return { opsPerSec: ops, baselineOpsPerSec: baseline, extra: { lineBytes: line.length } };
    },
  };
}

const verifyBench: CustomBench = {
  name: 'verifyAuditBytes (entries/s, 20k-entry log) vs JSON.parse + SHA-256 of each line',
  async measure() {
    const memory = createMemoryAuditSink();
    const chain = new AuditChain(memory);
    const entries = 20_000;
    for (let i = 0; i < entries; i++) await chain.append(i % 3 ? 'governor-override' : 'refusal', { ...payload, seq: i }, i);
    const bytes = memory.bytes();
    const lines = memory.text().split('\n').slice(0, -1);
    const best = (run: () => void): number => {
      let top = 0;
      for (let r = 0; r < 6; r++) {
        const t0 = performance.now();
        run();
        if (r > 0) top = Math.max(top, (entries * 1000) / (performance.now() - t0));
      }
      return top;
    };
    const ops = best(() => {
      const result = verifyAuditBytes(bytes, { keep: 0 });
      if (!result.ok) throw new Error('bench log does not verify');
      sink.value = result;
    });
    const baseline = best(() => {
      let h = '';
      for (const line of lines) {
        sink.value = JSON.parse(line);
        h = createHash('sha256').update(line).digest('hex');
      }
      sink.value = h;
    });
    return { opsPerSec: ops, baselineOpsPerSec: baseline, extra: { bytesPerEntry: Math.round(bytes.length / entries) } };
  },
};

const encodeCase: BenchEntry = {
  name: 'canonicalJson (sorted keys, serde numbers) vs JSON.stringify of the same payload',
  op: (n) => {
    let r = '';
    for (let i = 0; i < n; i++) r = canonicalJson(payload);
    sink.value = r;
  },
  baseline: (n) => {
    let r = '';
    for (let i = 0; i < n; i++) r = JSON.stringify(payload);
    sink.value = r;
  },
};

export const benches: BenchEntry[] = [appendBench(false, 5_000), appendBench(true, 300), verifyBench, encodeCase];
