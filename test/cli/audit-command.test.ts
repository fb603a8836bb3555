import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_EXIT, runAuditRepair, runAuditTail, runAuditVerify, type AuditIo } from '../../src/cli/audit-command.js';
import { AuditChain } from '../../src/actors/audit/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const capture = (cwd: string): AuditIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
};

async function logIn(dir: string, n: number): Promise<string> {
  const path = join(dir, 'audit.jsonl');
  const chain = await AuditChain.open(path, { fsync: false });
  for (let i = 0; i < n; i++) await chain.append(i % 2 ? 'refusal' : 'governor-override', { i, float: 1.5 }, 1000 + i);
  await chain.close();
  return path;
}
const tmp = (): string => mkdtempSync(join(tmpdir(), 'continuum-audit-cli-'));

describe('continuum audit verify', () => {
  it('exits 0 for a valid log and prints how many entries and the last hash', async () => {
    const dir = tmp();
    await logIn(dir, 3);
    const io = capture(dir);
    expect(await runAuditVerify('audit.jsonl', {}, io)).toBe(AUDIT_EXIT.valid);
    expect(io.out.join('\n')).toMatch(/^valid: 3 entries; last seq 2 at 1002 ms, hash [0-9a-f]{64}$/);
  });

  it('exits 1 for an invalid log with the reason, seq and line', async () => {
    const dir = tmp();
    const path = await logIn(dir, 3);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"i":1', '"i":5'));
    const io = capture(dir);
    expect(await runAuditVerify(path, {}, io)).toBe(AUDIT_EXIT.invalid);
    expect(io.out[0]).toMatch(/^invalid: chain-broken \(seq 1, line 2\): audit chain broken at seq 1: expected hash/);
    const json = capture(dir);
    expect(await runAuditVerify(path, { json: true }, json)).toBe(AUDIT_EXIT.invalid);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ valid: false, count: 1, failure: { kind: 'chain-broken', seq: 1, line: 2 } });
  });

  it('exits 1 for a cut-off tail and points at repair', async () => {
    const dir = tmp();
    const path = await logIn(dir, 2);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, -15));
    const io = capture(dir);
    expect(await runAuditVerify(path, {}, io)).toBe(AUDIT_EXIT.invalid);
    expect(io.out[0]).toMatch(/^invalid: truncated-tail \(line 2\).*continuum audit repair/);
  });

  it('exits 2 for a missing file (a typo must not read as an empty valid log), a directory, or no file', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    const io = capture(dir);
    expect(await runAuditVerify('nope.jsonl', {}, io)).toBe(AUDIT_EXIT.unusable);
    expect(await runAuditVerify('sub', {}, io)).toBe(AUDIT_EXIT.unusable);
    expect(await runAuditVerify(undefined, {}, io)).toBe(AUDIT_EXIT.unusable);
    expect(io.err.join('\n')).toMatch(/no such file: .*nope\.jsonl[\s\S]*is not a file[\s\S]*name the log file/);
    expect(io.out).toEqual([]);
  });
});

describe('continuum audit tail', () => {
  it('prints the last N entries as columns, or exactly as logged with --json', async () => {
    const dir = tmp();
    const path = await logIn(dir, 5);
    const io = capture(dir);
    expect(await runAuditTail(path, { lines: '2' }, io)).toBe(AUDIT_EXIT.valid);
    expect(io.out).toHaveLength(2);
    expect(io.out[0]).toMatch(/^\s+3\s+1003\s+refusal\s+\{"float":1\.5,"i":3\}$/);
    const json = capture(dir);
    expect(await runAuditTail(path, { lines: 3, json: true }, json)).toBe(AUDIT_EXIT.valid);
    expect(json.out).toEqual(readFileSync(path, 'utf8').trim().split('\n').slice(-3));
    const ten = capture(dir);
    expect(await runAuditTail(path, {}, ten)).toBe(AUDIT_EXIT.valid);
    expect(ten.out).toHaveLength(5);
  });

  it('prints what verified and exits 1 when the log breaks; exits 2 for a bad -n', async () => {
    const dir = tmp();
    const path = await logIn(dir, 4);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"i":2', '"i":9'));
    const io = capture(dir);
    expect(await runAuditTail(path, { lines: 10 }, io)).toBe(AUDIT_EXIT.invalid);
    expect(io.out).toHaveLength(2);
    expect(io.err.join('\n')).toMatch(/does not verify past the entries shown — chain-broken \(seq 2, line 3\)/);
    expect(await runAuditTail(path, { lines: '-1' }, capture(dir))).toBe(AUDIT_EXIT.unusable);
    expect(await runAuditTail(path, { lines: 'ten' }, capture(dir))).toBe(AUDIT_EXIT.unusable);
  });
});

describe('continuum audit repair', () => {
  it('repairs a cut-off tail (keeping a .bak), says nothing is needed for a valid log, refuses other damage', async () => {
    const dir = tmp();
    const path = await logIn(dir, 3);
    const valid = readFileSync(path, 'utf8');
    const none = capture(dir);
    expect(await runAuditRepair(path, none)).toBe(AUDIT_EXIT.valid);
    expect(none.out[0]).toBe('nothing to repair: the log verifies (3 entries)');

    writeFileSync(path, valid.slice(0, -9));
    const io = capture(dir);
    expect(await runAuditRepair(path, io)).toBe(AUDIT_EXIT.valid);
    expect(io.out[0]).toMatch(/^removed the cut-off last line \(\d+ bytes\); the original is in .*audit\.jsonl\.bak; the log now verifies \(2 entries\)$/);
    expect(existsSync(`${path}.bak`)).toBe(true);

    const again = capture(dir);
    writeFileSync(path, valid.slice(0, -9));
    expect(await runAuditRepair(path, again)).toBe(AUDIT_EXIT.unusable); // the .bak is there
    expect(again.err.join('\n')).toMatch(/already exists/);

    const other = tmp();
    const broken = await logIn(other, 3);
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('"i":0', '"i":4'));
    const refused = capture(other);
    expect(await runAuditRepair(broken, refused)).toBe(AUDIT_EXIT.invalid);
    expect(refused.out[0]).toMatch(/^not repaired: .*chain broken at seq 0/);
    expect(await runAuditRepair('missing.jsonl', capture(other))).toBe(AUDIT_EXIT.unusable);
  });
});

describe('continuum audit (through the real command line)', () => {
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'audit', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
      });
    });

  it('is registered, and exits 0 / 1 / 2 as documented (usage errors included)', async () => {
    const dir = tmp();
    const path = await logIn(dir, 2);
    const valid = await run(['verify', path]);
    expect(valid).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: 2 entries/) });
    writeFileSync(path, readFileSync(path, 'utf8').replace('"i":1', '"i":2'));
    expect((await run(['verify', path])).code).toBe(1);
    const usage = await run(['verify']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument 'file'/);
    expect((await run(['tail', path, '--bogus'])).code).toBe(2);
  }, 60_000);
});
