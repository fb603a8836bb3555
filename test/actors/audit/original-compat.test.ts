// Logs cross between implementations: one written by real serde_json (fixtures/original-serde.jsonl, made by
// fixtures/original-encoder/main.rs, a reproduction of the original's audit.rs), and one written by an independent
// implementation of the original's encoding in this file, verify here; and what we write verifies there.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AuditChain, canonicalJson, createMemoryAuditSink, verifyAuditBytes, verifyAuditLog, type AuditEntryKind } from '../../../src/actors/audit/index.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/original-serde.jsonl', import.meta.url));

// ── an independent implementation of the original encoding (ORIGINAL-SPEC §4), written without the code under test ──
const ZEROS = '0'.repeat(64);
/** Rebuilds objects with their keys in code-point order (compared as arrays of code points). */
function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v === null || typeof v !== 'object') return v;
  const byCodePoints = (a: string, b: string): number => {
    const x = Array.from(a, (c) => c.codePointAt(0)!);
    const y = Array.from(b, (c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort(byCodePoints)) out[k] = sortKeysDeep((v as Record<string, unknown>)[k]);
  return out;
}
function independentHash(seq: number, ts: number, kind: string, payload: unknown, prev: string): string {
  const head = Buffer.alloc(16);
  head.writeBigUInt64LE(BigInt(seq), 0);
  head.writeBigUInt64LE(BigInt(ts), 8);
  return createHash('sha256')
    .update(head)
    .update(JSON.stringify(kind))
    .update(JSON.stringify(sortKeysDeep(payload)))
    .update(prev)
    .digest('hex');
}
/** Writes a log the way the original does, for payloads whose numbers JavaScript and serde print alike. */
function independentLog(items: Array<{ kind: AuditEntryKind; ts: number; payload: unknown }>): string {
  let prev = ZEROS;
  return items
    .map(({ kind, ts, payload }, seq) => {
      const chainHash = independentHash(seq, ts, kind, payload, prev);
      const line = JSON.stringify({ seq, timestampMs: ts, kind, payload: sortKeysDeep(payload), chainHash, prevChainHash: prev });
      prev = chainHash;
      return `${line}\n`;
    })
    .join('');
}
/** The original's reader, independently: seq, then time, then the link, then the recomputed hash. */
function independentVerify(text: string): string {
  let prev = ZEROS;
  let seq = 0;
  let ts = -1;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const e = JSON.parse(line) as { seq: number; timestampMs: number; kind: string; payload: unknown; chainHash: string; prevChainHash: string };
    if (e.seq !== seq) return `gap at ${e.seq}`;
    if (e.timestampMs < ts) return `backward at ${e.seq}`;
    if (e.prevChainHash !== prev) return `broken link at ${e.seq}`;
    if (independentHash(e.seq, e.timestampMs, e.kind, e.payload, e.prevChainHash) !== e.chainHash) return `broken hash at ${e.seq}`;
    prev = e.chainHash;
    ts = e.timestampMs;
    seq++;
  }
  return `valid ${seq}`;
}

const samples: Array<{ kind: AuditEntryKind; ts: number; payload: unknown }> = [
  { kind: 'governor-override', ts: 1_700_000_000_000, payload: { event: 'governor:override', data: { region: 'heartbeat', personaId: null, hint: 'hold', reason: 'slowed: moderate pressure (×2)' } } },
  { kind: 'refusal', ts: 1_700_000_000_000, payload: { z: [3, 2, 1], a: { y: 'ü', b: false }, '😀': 1, '\ue000': 2 } },
  { kind: 'access-denied', ts: 1_700_000_000_005, payload: { persona: 'alice', owner: 'bob', page: { kind: 'whole', artifact: 'a-1' }, ratio: 0.25, tiny: 1.5e-7 } },
  { kind: 'federation-policy-drift', ts: 1_700_000_000_009, payload: ['text with "quotes" and \\ and \u0001', -12, 3.75, null, true] },
];

describe('a log written by the original implementation', () => {
  it('verifies: the serde_json fixture, floats like 1.0 and -0.0, integers beyond 2^53, code-point key order and all', async () => {
    const r = await verifyAuditLog(FIXTURE, { withLines: true });
    expect(r.ok).toBe(true);
    expect(r.count).toBe(17);
    expect(r.entries.map((e) => e.kind).slice(0, 4)).toEqual(['refusal', 'governor-override', 'federation-policy-drift', 'access-denied']);
  });

  it('fails verification once any of its payloads is changed', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const tampered = text.replace('"fifteen":1000000000000000.0', '"fifteen":1000000000000001.0');
    expect(verifyAuditBytes(Buffer.from(tampered))).toMatchObject({ ok: false, failure: { kind: 'chain-broken', seq: 2 } });
  });

  it('is what we write, byte for byte, for every entry whose payload JavaScript can hold exactly', async () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l !== '');
    const compared: number[] = [];
    for (const line of lines) {
      const e = JSON.parse(line) as { seq: number; timestampMs: number; kind: AuditEntryKind; payload: unknown; prevChainHash: string };
      const payloadText = line.slice(line.indexOf('"payload":') + 10, line.lastIndexOf(',"chainHash"'));
      let ours: string;
      try {
        ours = canonicalJson(e.payload);
      } catch {
        continue; // a number JavaScript cannot hold exactly (1.8e19): refused by our writer, verified above
      }
      if (ours !== payloadText) continue; // a float serde wrote as 1.0: JavaScript has no such value to write
      const sink = createMemoryAuditSink();
      await new AuditChain(sink, { nextSeq: e.seq, lastHash: e.prevChainHash, lastTimestampMs: 0 }).append(e.kind, e.payload, e.timestampMs);
      expect(sink.text()).toBe(`${line}\n`);
      compared.push(e.seq);
    }
    // all but the four entries holding 1.0-style floats or integers beyond 2^53
    expect(compared).toEqual([0, 1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});

describe('an independent implementation of the original encoding', () => {
  it('writes a log that verifies here, entry for entry', () => {
    const text = independentLog(samples);
    const r = verifyAuditBytes(Buffer.from(text));
    expect(r.ok).toBe(true);
    expect(r.entries.map((e) => e.payload)).toEqual(samples.map((s) => JSON.parse(JSON.stringify(s.payload))));
  });

  it('agrees with our chain on every hash, and accepts the log we write', async () => {
    const sink = createMemoryAuditSink();
    const chain = new AuditChain(sink);
    for (const s of samples) await chain.append(s.kind, s.payload, s.ts);
    expect(sink.text()).toBe(independentLog(samples));
    expect(independentVerify(sink.text())).toBe(`valid ${samples.length}`);
    expect(independentVerify(sink.text().replace('alice', 'alicf'))).toBe('broken hash at 2');
  });
});
