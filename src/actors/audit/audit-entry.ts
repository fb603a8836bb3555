// The audit log's data: entry kinds, the entry itself, the genesis hash and a chain's position. Wire form as the
// original's `cognition/audit.rs` (camelCase fields, kebab-case kinds); see docs/audit.md.

/** What an entry records (the original's `AuditEntryKind`, kebab-case on the wire). */
export const AUDIT_ENTRY_KINDS = ['refusal', 'governor-override', 'federation-policy-drift', 'access-denied'] as const;
export type AuditEntryKind = (typeof AUDIT_ENTRY_KINDS)[number];

const KIND_SET: ReadonlySet<string> = new Set(AUDIT_ENTRY_KINDS);
/** Whether `value` is one of the four entry kinds. */
export const isAuditEntryKind = (value: unknown): value is AuditEntryKind => typeof value === 'string' && KIND_SET.has(value);

/** The `prevChainHash` of the first entry: 64 ASCII zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One line of an audit log. `chainHash` = SHA-256 over seq, timestamp, kind, payload and `prevChainHash` (exact bytes
 * in docs/audit.md); `prevChainHash` is the previous entry's `chainHash` (`GENESIS_HASH` for seq 0).
 */
export interface AuditEntry {
  /** 0 for the first entry, then +1 per entry. */
  readonly seq: number;
  /** Milliseconds (the writer's clock); never lower than the previous entry's. */
  readonly timestampMs: number;
  readonly kind: AuditEntryKind;
  /** Any JSON value. */
  readonly payload: unknown;
  readonly prevChainHash: string;
  /** 64 lowercase hex characters. */
  readonly chainHash: string;
}

/** Where a chain stands: the next entry's seq, the hash it links to, and the time it may not go below. */
export interface AuditChainPosition {
  readonly nextSeq: number;
  readonly lastHash: string;
  readonly lastTimestampMs: number;
}

/** The position of an empty log. */
export const GENESIS_POSITION: AuditChainPosition = Object.freeze({ nextSeq: 0, lastHash: GENESIS_HASH, lastTimestampMs: 0 });

/** The position after `entry` (what `AuditChain.open` resumes from). */
export const positionAfter = (entry: AuditEntry): AuditChainPosition =>
  Object.freeze({ nextSeq: entry.seq + 1, lastHash: entry.chainHash, lastTimestampMs: entry.timestampMs });
