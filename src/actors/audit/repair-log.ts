// The one repair of an audit log: a last line cut off by a crash mid-write is removed (or, when only its newline is
// missing, completed), after the file is copied to `<path>.bak`. Complete lines are never touched.
import { constants } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { describeError } from '../../runtime/describe.js';
import { AuditError } from './audit-error.js';
import { verifyAuditLog, type AuditVerifyResult } from './verify-log.js';

/** What `repairTruncatedTail` did. */
export interface RepairResult {
  /** `none`: the log was valid (or missing) and nothing was written. */
  action: 'none' | 'removed-incomplete-line' | 'added-missing-newline';
  /** The copy of the log as it was before the repair (only when something was repaired). */
  backupPath: string | undefined;
  /** Bytes removed from the end of the file (0 unless an incomplete line was removed). */
  removedBytes: number;
  /** The log verified after the repair. */
  after: AuditVerifyResult;
}

/**
 * Repairs a log whose only fault is a cut-off last line (`truncated-tail`, what a crash mid-write leaves): copies it
 * to `<path>.bak`, then removes that line — or, when it holds a whole valid entry and only the newline is missing,
 * appends the newline. A valid or missing log is left alone (`action: 'none'`).
 *
 * @throws {AuditError} `not-repairable` for any other failure (a broken chain, a gap, a malformed line in the
 *   middle: those are evidence, not crash debris — nothing is changed); `backup-exists` when `<path>.bak` is already
 *   there (move it away first; it is never overwritten); `unreadable` when the file cannot be read or written.
 * @example
 * const { action, backupPath } = await repairTruncatedTail('audit.jsonl'); // 'removed-incomplete-line', 'audit.jsonl.bak'
 */
export async function repairTruncatedTail(path: string): Promise<RepairResult> {
  const before = await verifyAuditLog(path, { keep: 0 });
  if (before.ok) return { action: 'none', backupPath: undefined, removedBytes: 0, after: before };
  const { failure } = before;
  if (failure.kind === 'unreadable') throw new AuditError('unreadable', failure.message, { path, failure });
  if (failure.kind !== 'truncated-tail') {
    throw new AuditError(
      'not-repairable',
      `${path} does not verify and is not repairable: ${failure.message}. Only a cut-off last line is repaired; this damage is left as evidence`,
      { path, failure },
    );
  }
  const backupPath = `${path}.bak`;
  try {
    await copyFile(path, backupPath, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      throw new AuditError('backup-exists', `${backupPath} already exists; move or delete it, then repair again (a backup is never overwritten)`, { path, backupPath });
    }
    throw new AuditError('unreadable', `cannot copy ${path} to ${backupPath}: ${describeError(error)}; nothing was changed`, { path }, error);
  }
  let removedBytes = 0;
  try {
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      if (size !== before.bytes) {
        throw new AuditError('not-repairable', `${path} changed while it was being repaired (another writer?); stop the writer and repair again`, { path });
      }
      if (failure.complete) await handle.write('\n', size);
      else {
        removedBytes = size - failure.offset;
        await handle.truncate(failure.offset);
      }
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof AuditError) throw error;
    throw new AuditError('unreadable', `cannot repair ${path}: ${describeError(error)}; the original is in ${backupPath}`, { path, backupPath }, error);
  }
  const after = await verifyAuditLog(path, { keep: 0 });
  return { action: failure.complete ? 'added-missing-newline' : 'removed-incomplete-line', backupPath, removedBytes, after };
}
