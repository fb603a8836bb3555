// `continuum audit verify|tail|repair <file>`: checks a tamper-evident audit log, prints its last entries, or removes
// a last line cut off by a crash. Exit codes: 0 valid (or done), 1 invalid, 2 unreadable file or usage error.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AuditError } from '../actors/audit/audit-error.js';
import type { AuditEntry } from '../actors/audit/audit-entry.js';
import { readObjectMembers } from '../actors/audit/canonical-reader.js';
import { repairTruncatedTail } from '../actors/audit/repair-log.js';
import { verifyAuditLog, type AuditLogFailure, type AuditVerifyResult } from '../actors/audit/verify-log.js';
import { describeError } from '../runtime/describe.js';

/** Exit codes of `continuum audit`. */
export const AUDIT_EXIT = Object.freeze({ valid: 0, invalid: 1, unusable: 2 });

/** Where the command prints; tests pass their own. */
export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves relative paths. @default process.cwd() */
  cwd?: string;
}

export interface AuditVerifyOptions {
  /** Print `{ valid, count, last, failure }` as JSON. @default false */
  json?: boolean;
}

export interface AuditTailOptions {
  /** How many of the last entries to print (a whole number ≥ 0). @default 10 */
  lines?: string | number;
  /** One JSON object per line instead of columns. @default false */
  json?: boolean;
}

const defaultIo = (): AuditIo => ({
  stdout: (text) => void process.stdout.write(text + '\n'),
  stderr: (text) => void process.stderr.write(text + '\n'),
});

type Opened = { ok: true; path: string } | { ok: false; code: number };

/** Resolves the file and checks it exists: the CLI treats a missing log as an error (a typo must not read "valid"). */
async function locate(sub: string, file: string | undefined, io: AuditIo): Promise<Opened> {
  if (file === undefined || file === '') {
    io.stderr(`continuum audit ${sub}: name the log file, e.g. continuum audit ${sub} out/default/audit.jsonl`);
    return { ok: false, code: AUDIT_EXIT.unusable };
  }
  const path = resolve(io.cwd ?? process.cwd(), file);
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      io.stderr(`continuum audit ${sub}: ${path} is not a file`);
      return { ok: false, code: AUDIT_EXIT.unusable };
    }
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    io.stderr(`continuum audit ${sub}: ${missing ? `no such file: ${path}` : `cannot read ${path}: ${describeError(error)}`}`);
    return { ok: false, code: AUDIT_EXIT.unusable };
  }
  return { ok: true, path };
}

/** Where a failure is, for people: `seq 4, line 5`. */
function where(failure: AuditLogFailure): string {
  if (failure.kind === 'unreadable') return '';
  const seq = 'seq' in failure ? `seq ${failure.seq}, ` : failure.kind === 'sequence-gap' ? `seq ${failure.got}, ` : '';
  return ` (${seq}line ${failure.line})`;
}

/** The payload as written in the log line (exact numbers), for the columns of `tail`. */
function payloadText(line: string, e: AuditEntry): string {
  const members = readObjectMembers(line);
  const payload = members.find((m) => m.key === 'payload');
  return payload ? payload.canonical : JSON.stringify(e.payload);
}

/**
 * `continuum audit verify <file>`: 0 when the log verifies, 1 when it does not (the reason with its seq and line),
 * 2 when the file is missing or unreadable, or no file is named.
 */
export async function runAuditVerify(file: string | undefined, options: AuditVerifyOptions = {}, io: AuditIo = defaultIo()): Promise<number> {
  const located = await locate('verify', file, io);
  if (!located.ok) return located.code;
  const r = await verifyAuditLog(located.path, { keep: 0 });
  if (!r.ok && r.failure.kind === 'unreadable') {
    io.stderr(`continuum audit verify: ${r.failure.message}`);
    return AUDIT_EXIT.unusable;
  }
  if (options.json) {
    const last = r.last ? { seq: r.last.seq, timestampMs: r.last.timestampMs, chainHash: r.last.chainHash } : null;
    io.stdout(JSON.stringify({ valid: r.ok, count: r.count, last, failure: r.ok ? null : r.failure }, null, 2));
  } else if (r.ok) {
    const last = r.last ? `; last seq ${r.last.seq} at ${r.last.timestampMs} ms, hash ${r.last.chainHash}` : '';
    io.stdout(`valid: ${r.count} entr${r.count === 1 ? 'y' : 'ies'}${last}`);
  } else {
    io.stdout(`invalid: ${r.failure.kind}${where(r.failure)}: ${r.failure.message}`);
    io.stdout(`${r.count} entr${r.count === 1 ? 'y' : 'ies'} verified before it`);
  }
  return r.ok ? AUDIT_EXIT.valid : AUDIT_EXIT.invalid;
}

/**
 * `continuum audit tail <file> [-n N] [--json]`: prints the last N verified entries (10 by default). Exits 1 (after
 * printing what verified) when the log does not verify, 2 for a missing file or a bad -n.
 */
export async function runAuditTail(file: string | undefined, options: AuditTailOptions = {}, io: AuditIo = defaultIo()): Promise<number> {
  const n = Number(options.lines ?? 10);
  if (!Number.isSafeInteger(n) || n < 0) {
    io.stderr(`continuum audit tail: -n must be a whole number ≥ 0, got ${JSON.stringify(options.lines)}`);
    return AUDIT_EXIT.unusable;
  }
  const located = await locate('tail', file, io);
  if (!located.ok) return located.code;
  const r: AuditVerifyResult = await verifyAuditLog(located.path, { keep: n, withLines: true });
  if (!r.ok && r.failure.kind === 'unreadable') {
    io.stderr(`continuum audit tail: ${r.failure.message}`);
    return AUDIT_EXIT.unusable;
  }
  r.entries.forEach((e, i) => {
    const line = r.lines![i]!.trim(); // exactly as in the log, so what is printed verifies too
    io.stdout(options.json ? line : `${String(e.seq).padStart(6)}  ${String(e.timestampMs).padStart(13)}  ${e.kind.padEnd(23)}  ${payloadText(line, e)}`);
  });
  if (!r.ok) {
    io.stderr(`continuum audit tail: the log does not verify past the entries shown — ${r.failure.kind}${where(r.failure)}: ${r.failure.message}`);
    return AUDIT_EXIT.invalid;
  }
  return AUDIT_EXIT.valid;
}

/**
 * `continuum audit repair <file>`: removes a last line cut off by a crash (after copying the file to `<file>.bak`).
 * 0 when repaired or nothing needed repair, 1 when the log has other damage (left untouched), 2 for a missing or
 * unreadable file or an existing `.bak`.
 */
export async function runAuditRepair(file: string | undefined, io: AuditIo = defaultIo()): Promise<number> {
  const located = await locate('repair', file, io);
  if (!located.ok) return located.code;
  try {
    const result = await repairTruncatedTail(located.path);
    const count = `${result.after.count} entr${result.after.count === 1 ? 'y' : 'ies'}`;
    if (result.action === 'none') io.stdout(`nothing to repair: the log verifies (${count})`);
    else {
      const what = result.action === 'removed-incomplete-line' ? `removed the cut-off last line (${result.removedBytes} bytes)` : 'added the missing newline after the last entry';
      io.stdout(`${what}; the original is in ${result.backupPath}; the log ${result.after.ok ? 'now verifies' : 'still does not verify'} (${count})`);
      if (!result.after.ok) return AUDIT_EXIT.invalid;
    }
    return AUDIT_EXIT.valid;
  } catch (error) {
    if (error instanceof AuditError && error.kind === 'not-repairable') {
      io.stdout(`not repaired: ${error.message}`);
      return AUDIT_EXIT.invalid;
    }
    io.stderr(`continuum audit repair: ${describeError(error)}`);
    return AUDIT_EXIT.unusable;
  }
}

/** Adds `continuum audit verify|tail|repair` to the program. */
export function registerAudit(program: Command, report: (code: number) => void = (code) => void (process.exitCode = code)): void {
  const audit = program
    .command('audit')
    .description('verify, tail or repair a tamper-evident audit log (audit.jsonl; see docs/audit.md)')
    // usage errors (an unknown option, a missing argument) exit 2 through the program (src/cli/program.ts); help exits 0
    .addHelpText('after', '\nExit codes: 0 valid (or repaired), 1 invalid, 2 missing or unreadable file, or a usage error.');
  audit
    .command('verify')
    .description('replay the log and check every link; prints the reason, seq and line when it does not verify')
    .argument('<file>', 'the audit log (JSON Lines)')
    .option('--json', 'print { valid, count, last, failure } as JSON')
    .action(async (file: string, options: AuditVerifyOptions) => {
      report(await runAuditVerify(file, options));
    });
  audit
    .command('tail')
    .description('print the last entries of a log (only verified ones)')
    .argument('<file>', 'the audit log (JSON Lines)')
    .option('-n, --lines <count>', 'how many entries', '10')
    .option('--json', 'one JSON object per line')
    .action(async (file: string, options: AuditTailOptions) => {
      report(await runAuditTail(file, options));
    });
  audit
    .command('repair')
    .description('remove a last line cut off by a crash mid-write (the file is first copied to <file>.bak); other damage is left alone')
    .argument('<file>', 'the audit log (JSON Lines)')
    .action(async (file: string) => {
      report(await runAuditRepair(file));
    });
}
