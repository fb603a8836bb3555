import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import {
  AuditChain, AuditError, GENESIS_HASH, computeChainHash, createFileAuditSink, createMemoryAuditSink, encodeAuditPayload,
  verifyAuditLog, type AuditFileHandle,
} from '../../../src/actors/audit/index.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'continuum-audit-'));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('the chain hash', () => {
  it('is SHA-256 over the original bytes: 8-byte LE seq and timestamp, the quoted kind, canonical payload, previous hash text', () => {
    const prev = 'ab'.repeat(32);
    // worked out by hand: seq 1 → 01 00…, timestamp 1234 = 0x04d2 → d2 04 00…, then the texts
    const bytes = Buffer.concat([
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from([0xd2, 0x04, 0, 0, 0, 0, 0, 0]),
      Buffer.from('"refusal"', 'utf8'),
      Buffer.from('{"a":"x","b":1}', 'utf8'),
      Buffer.from(prev, 'ascii'),
    ]);
    expect(computeChainHash(1, 1234, '"refusal"', '{"a":"x","b":1}', prev)).toBe(sha256(bytes));
    const chain = new AuditChain(createMemoryAuditSink(), { nextSeq: 1, lastHash: prev, lastTimestampMs: 0 });
    expect(chain.buildNext('refusal', { b: 1, a: 'x' }, 1234).chainHash).toBe(sha256(bytes));
  });

  it('gives the worked example of docs/audit.md', () => {
    const entry = new AuditChain(createMemoryAuditSink()).buildNext('refusal', { reason: 'quota', command: 'memory/recall' }, 1234);
    expect(entry.chainHash).toBe('04248bb7bd5d05062c4420d8c361c4e2b1b82ccb54c2539feba18c242c5e11d7');
  });

  it('encodes seq and timestamp beyond 32 bits as full 64-bit little-endian words', () => {
    const seq = 2 ** 40 + 3;
    const ts = 2 ** 52 + 7;
    const header = Buffer.alloc(16);
    header.writeBigUInt64LE(BigInt(seq), 0);
    header.writeBigUInt64LE(BigInt(ts), 8);
    const expected = sha256(Buffer.concat([header, Buffer.from('"access-denied"null' + GENESIS_HASH)]));
    expect(computeChainHash(seq, ts, '"access-denied"', 'null', GENESIS_HASH)).toBe(expected);
  });

  it('matches the hash real serde_json produced for the same entry (first line of the fixture)', () => {
    const payload = { event: 'governor:override', data: { region: 'heartbeat', personaId: null, key: 'heartbeat', hint: 'hold', reason: 'slowed: moderate pressure (×2)' } };
    const entry = new AuditChain(createMemoryAuditSink()).buildNext('refusal', payload, 1_700_000_000_000);
    expect(entry.chainHash).toBe('89cd76bf844e23cc557ca8d895879e06895bff56d2a16de7f9ed3286aebbb4f4');
  });

  it('is deterministic and changes with each of its five inputs', () => {
    const base = computeChainHash(3, 5000, '"refusal"', '{"a":1}', GENESIS_HASH);
    expect(computeChainHash(3, 5000, '"refusal"', '{"a":1}', GENESIS_HASH)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      computeChainHash(4, 5000, '"refusal"', '{"a":1}', GENESIS_HASH),
      computeChainHash(3, 5001, '"refusal"', '{"a":1}', GENESIS_HASH),
      computeChainHash(3, 5000, '"access-denied"', '{"a":1}', GENESIS_HASH),
      computeChainHash(3, 5000, '"refusal"', '{"a":2}', GENESIS_HASH),
      computeChainHash(3, 5000, '"refusal"', '{"a":1}', '1'.repeat(64)),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });
});

describe('AuditChain', () => {
  it('starts at the genesis: seq 0, 64 zeros before it, a 64-hex hash', async () => {
    const chain = new AuditChain(createMemoryAuditSink());
    const first = await chain.append('refusal', { why: 'test' }, 10);
    expect(first).toMatchObject({ seq: 0, timestampMs: 10, kind: 'refusal', payload: { why: 'test' }, prevChainHash: GENESIS_HASH });
    expect(first.chainHash).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('numbers entries 0, 1, 2, … and links each to the one before', async () => {
    const chain = new AuditChain(createMemoryAuditSink());
    const entries = [];
    for (let i = 0; i < 5; i++) entries.push(await chain.append('governor-override', { i }, 100 + i));
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < 5; i++) expect(entries[i]!.prevChainHash).toBe(entries[i - 1]!.chainHash);
    expect(chain.position()).toEqual({ nextSeq: 5, lastHash: entries[4]!.chainHash, lastTimestampMs: 104 });
  });

  it('buildNext is pure: the same entry twice, nothing written, the position unchanged', () => {
    const sink = createMemoryAuditSink();
    const chain = new AuditChain(sink);
    const a = chain.buildNext('refusal', { x: 1 }, 7);
    expect(chain.buildNext('refusal', { x: 1 }, 7)).toEqual(a);
    expect(chain.position().nextSeq).toBe(0);
    expect(sink.text()).toBe('');
  });

  it('writes one JSON line per entry in the original field order, with "timestampMs":1234', async () => {
    const sink = createMemoryAuditSink();
    const chain = new AuditChain(sink);
    await chain.append('refusal', { b: 2, a: 1 }, 1234);
    const line = sink.text();
    expect(line.endsWith('\n')).toBe(true);
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('"timestampMs":1234');
    expect(Object.keys(JSON.parse(line))).toEqual(['seq', 'timestampMs', 'kind', 'payload', 'chainHash', 'prevChainHash']);
    expect(line).toContain('"payload":{"a":1,"b":2}');
  });

  it('round-trips through a file: five appends read back as a valid chain of the same entries', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const chain = await AuditChain.open(path, { fsync: false });
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await chain.append('access-denied', { persona: 'alice', page: i, ratio: i / 3 }, 1000 * i));
    await chain.close();
    const r = await verifyAuditLog(path);
    expect(r.ok).toBe(true);
    expect(r.entries).toEqual(written);
  });

  it('resumes from an existing log: after 3 entries the next seq is 3 and it links to the last hash', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const first = await AuditChain.open(path);
    let last;
    for (let i = 0; i < 3; i++) last = await first.append('refusal', { i }, 50);
    await first.close();
    const resumed = await AuditChain.open(path);
    expect(resumed.position()).toEqual({ nextSeq: 3, lastHash: last!.chainHash, lastTimestampMs: 50 });
    expect((await resumed.append('refusal', { i: 3 }, 60)).prevChainHash).toBe(last!.chainHash);
    await resumed.close();
    expect((await verifyAuditLog(path)).count).toBe(4);
  });

  it('refuses to resume a log that does not verify', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const chain = await AuditChain.open(path, { fsync: false });
    await chain.append('refusal', { n: 1 }, 1);
    await chain.append('refusal', { n: 2 }, 2);
    await chain.close();
    writeFileSync(path, readFileSync(path, 'utf8').replace('{"n":1}', '{"n":9}'));
    await expect(AuditChain.open(path)).rejects.toMatchObject({ kind: 'invalid-log', details: { failure: { kind: 'chain-broken', seq: 0 } } });
  });

  it('takes the time from its clock, and never lets it go back (an earlier time is raised to the previous entry’s)', async () => {
    const clock = createSimulatedClock();
    const chain = new AuditChain(createMemoryAuditSink(), undefined, { clock });
    clock.advanceTo(500.7);
    expect((await chain.append('refusal', {})).timestampMs).toBe(500);
    expect((await chain.append('refusal', {}, 100)).timestampMs).toBe(500);
    expect(() => chain.buildNext('refusal', {}, 100)).toThrow(/before the previous entry/);
  });

  it('refuses a bad kind, timestamp or payload before anything is written', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const chain = await AuditChain.open(path);
    await chain.append('refusal', { ok: true }, 1);
    const before = readFileSync(path);
    await expect(chain.append('nope' as 'refusal', {})).rejects.toMatchObject({ kind: 'invalid-kind' });
    await expect(chain.append('refusal', {}, -1)).rejects.toMatchObject({ kind: 'invalid-timestamp' });
    await expect(chain.append('refusal', {}, 1.5)).rejects.toMatchObject({ kind: 'invalid-timestamp' });
    await expect(chain.append('refusal', { x: NaN })).rejects.toMatchObject({ kind: 'unencodable-payload', details: { path: 'x' } });
    await expect(chain.append('refusal', { big: 2n })).rejects.toBeInstanceOf(AuditError);
    await expect(chain.append('refusal', 'x'.repeat(2 * 1024 * 1024))).rejects.toMatchObject({ kind: 'entry-too-large' });
    expect(readFileSync(path)).toEqual(before);
    expect(chain.position().nextSeq).toBe(1);
    await chain.close();
  });

  it('snapshots the payload at the call: mutating it while the append waits changes nothing', async () => {
    const sink = createMemoryAuditSink();
    const chain = new AuditChain(sink);
    const payload = { list: [1] };
    const pending = chain.append('refusal', payload, 1);
    payload.list.push(2);
    expect((await pending).payload).toEqual({ list: [1] });
    expect(sink.text()).toContain('"payload":{"list":[1]}');
    expect((await chain.append('refusal', encodeAuditPayload({ pre: 'encoded' }), 2)).payload).toEqual({ pre: 'encoded' });
  });

  it('serializes concurrent appends: no seq interleaved or duplicated, in call order', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const chain = await AuditChain.open(path, { fsync: false });
    const entries = await Promise.all(Array.from({ length: 200 }, (_, i) => chain.append(i % 2 ? 'refusal' : 'governor-override', { caller: i }, i)));
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i));
    expect(entries.map((e) => (e.payload as { caller: number }).caller)).toEqual(entries.map((_, i) => i));
    await chain.close();
    const r = await verifyAuditLog(path);
    expect(r.ok && r.count).toBe(200);
  });

  it('a failed write leaves the file and the chain as they were, and the next append goes on from there', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const real = await AuditChain.open(path, { fsync: false });
    await real.append('refusal', { n: 0 }, 1);
    await real.close();
    const good = readFileSync(path);
    // a handle whose write puts half the line in the file, then fails; its truncate is the real one
    const { open } = await import('node:fs/promises');
    let failWrites = 2;
    const flaky = async (p: string): Promise<AuditFileHandle> => {
      const h = await open(p, 'a');
      return {
        write: (async (buf: Uint8Array, off: number, len: number, pos: null) => {
          if (failWrites-- > 0) {
            await h.write(buf, off, Math.floor(len / 2), pos);
            if (failWrites === 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            return { bytesWritten: Math.floor(len / 2), buffer: buf };
          }
          return h.write(buf, off, len, pos);
        }) as AuditFileHandle['write'],
        truncate: (len) => h.truncate(len),
        datasync: () => h.datasync(),
        close: () => h.close(),
      };
    };
    const position = real.position();
    const chain = new AuditChain(createFileAuditSink(path, { size: good.length, openFile: flaky }), position);
    await expect(chain.append('refusal', { n: 1 }, 2)).rejects.toMatchObject({ kind: 'append-failed', message: /ENOSPC/ });
    expect(readFileSync(path)).toEqual(good);
    expect(chain.position()).toEqual(position);
    await expect(chain.append('refusal', { n: 1 }, 2)).rejects.toMatchObject({ kind: 'append-failed', message: /short write/ });
    expect(readFileSync(path)).toEqual(good);
    const next = await chain.append('refusal', { n: 1 }, 2);
    expect(next.seq).toBe(1);
    await chain.close();
    expect((await verifyAuditLog(path)).count).toBe(2);
  });

  it('a failed fsync is a failed append too (rolled back)', async () => {
    const path = join(tmp(), 'audit.jsonl');
    const { open } = await import('node:fs/promises');
    const chain = new AuditChain(
      createFileAuditSink(path, {
        openFile: async (p) => {
          const h = await open(p, 'a');
          return { write: h.write.bind(h), truncate: (n) => h.truncate(n), datasync: () => Promise.reject(new Error('EIO: fsync failed')), close: () => h.close() };
        },
      }),
    );
    await expect(chain.append('refusal', {}, 1)).rejects.toMatchObject({ kind: 'append-failed', message: /EIO/ });
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(chain.position().nextSeq).toBe(0);
  });

  it('after close, appends reject with closed', async () => {
    const chain = new AuditChain(createMemoryAuditSink());
    await chain.close();
    await expect(chain.append('refusal', {})).rejects.toMatchObject({ kind: 'closed' });
    await chain.close();
  });
});
