import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditChain, createMemoryAuditSink, verifyAuditBytes, verifyAuditLog, type AuditEntryKind, type AuditLogFailure } from '../../../src/actors/audit/index.js';
import { payload } from './arbitraries.js';

/** A valid log of `n` entries (timestamps 1000, 2000, …), as text. */
async function logOf(entries: Array<{ kind?: AuditEntryKind; payload: unknown; ts: number }>): Promise<string> {
  const sink = createMemoryAuditSink();
  const chain = new AuditChain(sink);
  for (const e of entries) await chain.append(e.kind ?? 'refusal', e.payload, e.ts);
  return sink.text();
}
const three = (): Promise<string> => logOf([0, 1, 2].map((i) => ({ payload: { i, note: `entry ${i}` }, ts: 1000 * (i + 1) })));
const verifyText = (text: string) => verifyAuditBytes(Buffer.from(text, 'utf8'));
const failureOf = (text: string): AuditLogFailure => {
  const r = verifyText(text);
  if (r.ok) throw new Error('expected the log to fail verification');
  return r.failure;
};
const lines = (text: string): string[] => text.split('\n').slice(0, -1);
const join_ = (ls: string[]): string => ls.map((l) => `${l}\n`).join('');

/** Rewrites entry `i` of a log with `edit` applied to its parsed object, recomputing nothing. */
function editEntry(text: string, i: number, edit: (e: Record<string, unknown>) => void): string {
  const ls = lines(text);
  const e = JSON.parse(ls[i]!) as Record<string, unknown>;
  edit(e);
  ls[i] = JSON.stringify(e);
  return join_(ls);
}

describe('verifyAuditLog', () => {
  it('accepts a valid log and returns its entries', async () => {
    const r = verifyText(await three());
    expect(r.ok).toBe(true);
    expect(r.count).toBe(3);
    expect(r.entries.map((e) => e.payload)).toEqual([0, 1, 2].map((i) => ({ i, note: `entry ${i}` })));
    expect(r.last?.seq).toBe(2);
  });

  it('keeps only the last `keep` entries when asked, with an exact count', async () => {
    const text = await logOf(Array.from({ length: 300 }, (_, i) => ({ payload: i, ts: i })));
    const r = verifyAuditBytes(Buffer.from(text), { keep: 4, withLines: true });
    expect(r.count).toBe(300);
    expect(r.entries.map((e) => e.seq)).toEqual([296, 297, 298, 299]);
    expect(r.lines).toEqual(lines(text).slice(-4));
    expect(verifyAuditBytes(Buffer.from(text), { keep: 0 }).entries).toEqual([]);
  });

  it('reads a missing file as an empty, valid log', async () => {
    const r = await verifyAuditLog(join(mkdtempSync(join(tmpdir(), 'continuum-audit-')), 'nope.jsonl'));
    expect(r).toMatchObject({ ok: true, count: 0, entries: [], exists: false });
  });

  it('reports a file it cannot read as unreadable, without throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-audit-'));
    mkdirSync(join(dir, 'a-directory'));
    const r = await verifyAuditLog(join(dir, 'a-directory'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.failure).toMatchObject({ kind: 'unreadable', code: 'EISDIR' });
  });

  it('skips blank lines, as the original does, counting them in line numbers', async () => {
    const ls = lines(await three());
    const text = `\n${ls[0]}\n   \n\t\n${ls[1]}\n\u00a0\n${ls[2]}\n\n`;
    expect(verifyText(text).ok).toBe(true);
    const broken = `\n\n${ls[0]}\n\n${ls[2]}\n`;
    expect(failureOf(broken)).toMatchObject({ kind: 'sequence-gap', line: 5 });
  });

  it('catches a tampered payload as chain-broken at that seq, with the expected and stored hashes', async () => {
    const text = await three();
    const tampered = text.replace('"entry 1"', '"entry X"');
    const f = failureOf(tampered);
    expect(f).toMatchObject({ kind: 'chain-broken', seq: 1, line: 2, got: JSON.parse(lines(text)[1]!).chainHash });
    expect(f.message).toMatch(/^audit chain broken at seq 1: expected hash [0-9a-f]{64}, got [0-9a-f]{64}/);
  });

  it('catches a prevChainHash that does not link to the entry before', async () => {
    const text = editEntry(await three(), 2, (e) => (e.prevChainHash = 'f'.repeat(64)));
    expect(failureOf(text)).toMatchObject({ kind: 'chain-broken', seq: 2, got: 'f'.repeat(64), expected: JSON.parse(lines(text)[1]!).chainHash });
  });

  it('catches a sequence gap: 0 then 2 is a gap { expected 1, got 2 }', async () => {
    const ls = lines(await three());
    expect(failureOf(join_([ls[0]!, ls[2]!]))).toMatchObject({ kind: 'sequence-gap', expected: 1, got: 2, line: 2, message: 'audit sequence gap: expected 1, got 2 (line 2)' });
    expect(failureOf(join_([ls[1]!]))).toMatchObject({ kind: 'sequence-gap', expected: 0, got: 1 });
  });

  it('catches a timestamp that went backward (5000 then 1000) and accepts equal timestamps', async () => {
    const back = await logOf([{ payload: 'a', ts: 5000 }, { payload: 'b', ts: 5000 }]);
    expect(verifyText(back).ok).toBe(true);
    const sink = createMemoryAuditSink();
    const chain = new AuditChain(sink, { nextSeq: 1, lastHash: JSON.parse(lines(back)[0]!).chainHash, lastTimestampMs: 0 });
    await chain.append('refusal', 'b', 1000);
    const f = failureOf(lines(back)[0] + '\n' + sink.text());
    expect(f).toMatchObject({ kind: 'timestamp-went-backward', prev: 5000, current: 1000, seq: 1 });
    expect(f.message).toMatch(/^audit timestamp went backward: prev=5000 current=1000/);
  });

  it.each([
    ['invalid JSON', (ls: string[]) => { ls[1] = ls[1]!.replace('"seq":1', '"seq":,'); }, /invalid JSON/],
    ['a missing field', (ls: string[]) => { ls[1] = JSON.stringify({ ...JSON.parse(ls[1]!), chainHash: undefined }); }, /missing field chainHash/],
    ['an unknown kind', (ls: string[]) => { ls[1] = ls[1]!.replace('"kind":"refusal"', '"kind":"shrug"'); }, /unknown kind "shrug"/],
    ['a float seq', (ls: string[]) => { ls[1] = ls[1]!.replace('"seq":1', '"seq":1.0'); }, /seq must be a whole number/],
    ['a repeated field', (ls: string[]) => { ls[1] = ls[1]!.replace('"seq":1', '"seq":1,"seq":1'); }, /appears twice/],
    ['a payload not in canonical form', (ls: string[]) => { ls[1] = ls[1]!.replace('{"i":1,"note":"entry 1"}', '{"note":"entry 1","i":1}'); }, /not in canonical form/],
    ['a payload number respelled', (ls: string[]) => { ls[1] = ls[1]!.replace('"i":1,', '"i":1e0,'); }, /not in canonical form/],
    ['a line that is not an object', (ls: string[]) => { ls[1] = '[1,2]'; }, /must be a JSON object/],
  ])('reports %s as malformed-line with its line number', async (_what, edit, reason) => {
    const ls = lines(await three());
    edit(ls);
    const f = failureOf(join_(ls));
    expect(f).toMatchObject({ kind: 'malformed-line', line: 2 });
    expect(f.kind === 'malformed-line' && f.reason).toMatch(reason);
  });

  it('reports bytes that are not UTF-8 as malformed-line', async () => {
    const ls = lines(await three());
    const bytes = Buffer.concat([Buffer.from(`${ls[0]}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${ls[1]}\n`)]);
    expect(verifyAuditBytes(bytes)).toMatchObject({ ok: false, failure: { kind: 'malformed-line', line: 2, reason: 'not valid UTF-8' } });
  });

  it('reports a last line cut off mid-write as truncated-tail, with where it starts', async () => {
    const text = await three();
    const cut = text.slice(0, text.length - 40);
    const start = text.length - lines(text)[2]!.length - 1;
    expect(failureOf(cut)).toMatchObject({ kind: 'truncated-tail', line: 3, offset: start, complete: false });
    // cut inside a multi-byte character too
    const multi = await logOf([{ payload: 'a', ts: 1 }, { payload: '漢字漢字', ts: 2 }]);
    const bytes = Buffer.from(multi);
    const at = bytes.indexOf(Buffer.from('字')) + 1;
    expect(verifyAuditBytes(bytes.subarray(0, at))).toMatchObject({ ok: false, failure: { kind: 'truncated-tail', complete: false } });
  });

  it('reports a whole last entry without its newline as truncated-tail (complete), and a mid-log cut as malformed', async () => {
    const text = await three();
    expect(failureOf(text.slice(0, -1))).toMatchObject({ kind: 'truncated-tail', line: 3, complete: true });
    const ls = lines(text);
    expect(failureOf(join_([ls[0]!, ls[1]!.slice(0, 50), ls[2]!]))).toMatchObject({ kind: 'malformed-line', line: 2 });
    expect(failureOf(join_([ls[0]!, ls[1]!, ls[2]!.slice(0, 50)]) + '\n')).toMatchObject({ kind: 'truncated-tail', line: 3 });
  });

  it('never reads a log with any single byte changed as valid — every byte, every other value (exhaustive)', async () => {
    // payloads with the spellings a re-serializing verifier could miss: escapes with hex letters, exponents
    const text = await logOf([
      { payload: { s: 'ctl \u001f "q" \\ 漢😀', n: [-9007199254740991, 1.5e-7, 12.25, null, true, {}] }, ts: 10 },
      { kind: 'access-denied', payload: { ratio: 0.000001 }, ts: 10 },
    ]);
    const bytes = Buffer.from(text);
    const accepted: string[] = [];
    for (let index = 0; index < bytes.length; index++) {
      const original = bytes[index]!;
      for (let value = 0; value < 256; value++) {
        if (value === original) continue;
        bytes[index] = value;
        if (verifyAuditBytes(bytes).ok) accepted.push(`byte ${index} → ${value}`);
      }
      bytes[index] = original;
    }
    expect(accepted).toEqual([]);
  });

  it('never reads a random valid log with one byte changed as valid (any payloads)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (payloads, at, delta) => {
        const bytes = Buffer.from(await logOf(payloads.map((p, i) => ({ payload: p, ts: i }))));
        expect(verifyAuditBytes(bytes).ok).toBe(true);
        const index = at % bytes.length;
        bytes[index] = (bytes[index]! + delta) % 256;
        expect(verifyAuditBytes(bytes).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file from disk the same as its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-audit-'));
    const text = await three();
    writeFileSync(join(dir, 'audit.jsonl'), text);
    expect(await verifyAuditLog(join(dir, 'audit.jsonl'))).toEqual(verifyText(text));
  });
});
