// The inspector's frames: what the inspection hub makes of XState's inspection events and the substrate's own
// events, one plain JSON object each. A recording is a header line, then one frame per line, then an end line.
import type { TraceRecord } from '../sim/trace.js';
import type { ReadyBufferStats } from '../runtime/ready-buffer.js';

/** The `format` of a recording's header line. */
export const RECORDING_FORMAT = 'continuum-inspect';
/** The version of the recording format this code writes (2 added the `buffer` frame). */
export const RECORDING_VERSION = 2;
/** The versions this code reads: a version-1 recording (no `buffer` frames) replays as before. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** An actor appeared (spawned or restarted under the same id). `parent` is undefined for the root. */
export interface ActorFrame { k: 'actor'; t: number; id: string; parent?: string; machine?: string }
/** An actor's state value or status changed (only changes are framed). */
export interface StateFrame { k: 'state'; t: number; id: string; value: unknown; status: string }
/** An event an actor received; `from` is the sending actor when there is one. */
export interface EventFrame { k: 'event'; t: number; id: string; from?: string; event: { type: string } & Record<string, unknown> }
/** An actor left its parent (stopped, its persona destroyed, replaced by a restart). */
export interface GoneFrame { k: 'gone'; t: number; id: string }
/** A substrate event (tick telemetry, cadence decision, policy, phase, restart, …) as its trace record. */
export interface SubstrateFrame { k: 'substrate'; t: number; record: TraceRecord }

/**
 * Version 2: a region instance's ready-buffer, sampled after one of its ticks (at most every BUFFER_SAMPLE_MS per
 * instance, and only when it changed): its size (entries held) and its cumulative counters. Live-only data before.
 */
export interface BufferFrame { k: 'buffer'; t: number; key: string; size: number; stats: ReadyBufferStats }

export type Frame = ActorFrame | StateFrame | EventFrame | GoneFrame | SubstrateFrame | BufferFrame;
export type FrameKind = Frame['k'];
export const FRAME_KINDS: readonly FrameKind[] = ['actor', 'state', 'event', 'gone', 'substrate', 'buffer'];

/** The first line of a recording. */
export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  scenario: string;
  seed: number;
  durationMs: number;
  /** Region ids of the scenario. */
  regions: string[];
}

/** The last line of a complete recording; a recording without it was cut off. */
export interface RecordingEnd { k: 'end'; t: number; frames: number }
