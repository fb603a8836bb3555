import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditChain, repairTruncatedTail, verifyAuditLog } from '../../../src/actors/audit/index.js';

async function writeLog(n: number): Promise<{ path: string; text: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'continuum-audit-')), 'audit.jsonl');
  const chain = await AuditChain.open(path, { fsync: false });
  for (let i = 0; i < n; i++) await chain.append('refusal', { i, why: 'a test refusal' }, 100 * i);
  await chain.close();
  return { path, text: readFileSync(path, 'utf8') };
}

describe('repairTruncatedTail', () => {
  it('removes a cut-off last line after copying the file to <path>.bak, leaving every complete line as it was', async () => {
    const { path, text } = await writeLog(3);
    const cut = text.slice(0, text.length - 30);
    writeFileSync(path, cut);
    const result = await repairTruncatedTail(path);
    expect(result.action).toBe('removed-incomplete-line');
    expect(result.backupPath).toBe(`${path}.bak`);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(cut);
    const complete = text.split('\n').slice(0, 2).join('\n') + '\n';
    expect(readFileSync(path, 'utf8')).toBe(complete);
    expect(result.removedBytes).toBe(cut.length - complete.length);
    expect(result.after).toMatchObject({ ok: true, count: 2 });
  });

  it('completes a whole last entry that only lacks its newline, instead of removing it', async () => {
    const { path, text } = await writeLog(2);
    writeFileSync(path, text.slice(0, -1));
    const result = await repairTruncatedTail(path);
    expect(result.action).toBe('added-missing-newline');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(result.after.count).toBe(2);
  });

  it('leaves a valid or missing log alone', async () => {
    const { path, text } = await writeLog(2);
    expect(await repairTruncatedTail(path)).toMatchObject({ action: 'none', backupPath: undefined });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect((await repairTruncatedTail(join(tmpdir(), 'continuum-no-such-log.jsonl'))).action).toBe('none');
  });

  it('refuses any other damage and touches nothing: a broken chain is evidence, not crash debris', async () => {
    const { path, text } = await writeLog(3);
    const tampered = text.replace('"i":1', '"i":7');
    writeFileSync(path, tampered);
    await expect(repairTruncatedTail(path)).rejects.toMatchObject({ kind: 'not-repairable', details: { failure: { kind: 'chain-broken' } } });
    expect(readFileSync(path, 'utf8')).toBe(tampered);
    expect(existsSync(`${path}.bak`)).toBe(false);
    const lines = text.split('\n');
    writeFileSync(path, `${lines[0]}\n${lines[1]!.slice(0, 40)}\n${lines[2]}\n`);
    await expect(repairTruncatedTail(path)).rejects.toMatchObject({ kind: 'not-repairable', details: { failure: { kind: 'malformed-line', line: 2 } } });
  });

  it('never overwrites an earlier backup', async () => {
    const { path, text } = await writeLog(2);
    writeFileSync(`${path}.bak`, 'an earlier backup');
    writeFileSync(path, text.slice(0, -10));
    await expect(repairTruncatedTail(path)).rejects.toMatchObject({ kind: 'backup-exists' });
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('an earlier backup');
    expect(readFileSync(path, 'utf8')).toBe(text.slice(0, -10));
  });

  it('lets AuditChain.open repair a cut-off tail and resume, when asked to', async () => {
    const { path, text } = await writeLog(3);
    writeFileSync(path, text.slice(0, -20));
    await expect(AuditChain.open(path)).rejects.toMatchObject({ kind: 'invalid-log', details: { failure: { kind: 'truncated-tail' } } });
    const chain = await AuditChain.open(path, { truncatedTail: 'repair' });
    expect(chain.repaired?.action).toBe('removed-incomplete-line');
    expect(chain.position().nextSeq).toBe(2);
    await chain.append('refusal', { after: 'repair' }, 500);
    await chain.close();
    expect(await verifyAuditLog(path)).toMatchObject({ ok: true, count: 3 });
  });
});
