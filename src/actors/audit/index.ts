// The audit stack: tamper-evident chain (hash encoding compatible with the original), verifier, tail repair, sinks,
// and the AuditRecorderModule that records audit-worthy bus events. See docs/audit.md.
export { AUDIT_ENTRY_KINDS, GENESIS_HASH, GENESIS_POSITION, isAuditEntryKind, positionAfter } from './audit-entry.js';
export type { AuditEntry, AuditEntryKind, AuditChainPosition } from './audit-entry.js';
export { AuditError, isRetryableAuditError } from './audit-error.js';
export type { AuditErrorKind } from './audit-error.js';
export { canonicalJson, formatSerdeFloat, compareCodePoints, MAX_PAYLOAD_DEPTH } from './canonical-json.js';
export { canonicalizeJsonText } from './canonical-reader.js';
export { computeChainHash, entryLine } from './chain-hash.js';
export { AuditChain, EncodedAuditPayload, encodeAuditPayload, DEFAULT_MAX_ENTRY_BYTES } from './audit-chain.js';
export type { AuditChainOptions, OpenAuditChainOptions } from './audit-chain.js';
export { createFileAuditSink, createMemoryAuditSink } from './audit-sink.js';
export type { AuditSink, MemoryAuditSink, FileSinkOptions, AuditFileHandle } from './audit-sink.js';
export { verifyAuditLog, verifyAuditBytes } from './verify-log.js';
export type { AuditLogFailure, AuditLogFailureKind, AuditVerifyResult, VerifyOptions } from './verify-log.js';
export { repairTruncatedTail } from './repair-log.js';
export type { RepairResult } from './repair-log.js';
export { AUDIT_SOURCES, AUDIT_APPEND_FAILED } from './audit-sources.js';
export type { AuditSource } from './audit-sources.js';
export { AuditRecorderModule, createAuditRecorder } from './audit-recorder.js';
export type { AuditRecorderOptions, AuditRecorderStats, AuditAppendFailedPayload } from './audit-recorder.js';
