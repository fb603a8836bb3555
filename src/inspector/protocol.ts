// The messages between the inspector's server and its page over the WebSocket, both directions, as types.
import type { ActorRow } from './actor-model.js';
import type { EventFrame, Frame, SubstrateFrame } from './frames.js';
import type { SeriesColumns } from './region-series.js';
import type { DriverState } from './paced-driver.js';
import type { RegionStatus } from '../actors/governor/region-status.js';
import type { PolicySnapshot } from '../actors/governor/policy-store.js';
import type { ReadyBufferStats } from '../runtime/ready-buffer.js';

/** The first message a page gets. */
export interface HelloMessage {
  kind: 'hello';
  mode: 'live' | 'replay';
  scenario: string;
  durationMs: number;
  regions: string[];
  /** Controls this session accepts (`handle` only when the substrate has `handle()`). */
  controls: string[];
  actors: ActorRow[];
  events: EventFrame[];
  /** Live: the scenario's conversation channels (in timeline order, each once), for the handle() control's picker. */
  channels?: string[];
  /** Replay: how many frames, the last frame's time, and why reading stopped early (if it did). */
  replay?: { frames: number; endT: number; problem?: { kind: string; message: string; line?: number } };
}

/** What the page shows about the selected region instance. */
export interface RegionPanel {
  key: string;
  status?: RegionStatus;
  buffer?: ReadyBufferStats;
  series?: SeriesColumns;
  /** Replay: the instance's status as its recorded records tell it (ticks, cadence, interval, weight, restarts…). */
  recorded?: Record<string, string | number>;
}

/** Live: one throttled batch. */
export interface BatchMessage {
  kind: 'batch';
  t: number;
  actors: ActorRow[];
  events: EventFrame[];
  dropped: number;
  notable: SubstrateFrame[];
  driver: DriverState;
  /** The controls the session takes now (`handle` appears once the run's substrate with cognition exists). */
  controls: string[];
  policy?: PolicySnapshot;
  region?: RegionPanel;
  finished: boolean;
  /** Why the run stopped early, when it failed. */
  failure?: string;
}

/** Replay: the recording at one frame. */
export interface FrameMessage {
  kind: 'frame';
  index: number;
  t: number;
  actors: ActorRow[];
  /** The frames just before and at `index` (the event stream as it was). */
  events: Frame[];
  /** The latest policy record at or before `index`. */
  policy?: SubstrateFrame;
  region?: RegionPanel;
}

export interface AckMessage { kind: 'ack'; cmd: string; ok: boolean; message?: string; result?: unknown }

export type ServerMessage = HelloMessage | BatchMessage | FrameMessage | AckMessage;

/** What a page sends. */
export type ClientMessage =
  | { cmd: 'pause' } | { cmd: 'resume' } | { cmd: 'step' } | { cmd: 'speed'; value: number }
  | { cmd: 'pressure'; signal: unknown } | { cmd: 'sleep'; phase: string }
  | { cmd: 'persona-create'; id: string } | { cmd: 'persona-destroy'; id: string }
  | { cmd: 'handle'; persona: string; channel: string; text: string }
  | { cmd: 'select'; key: string | null }
  | { cmd: 'seek'; index: number } | { cmd: 'seek-time'; t: number };

/** A session the server serves: live or replay. */
export interface InspectorSession {
  hello(): HelloMessage;
  /** A page connected; `send` reaches it. Returns what to call when it leaves. */
  connect(send: (message: ServerMessage) => void): { receive(message: ClientMessage): void | Promise<void>; close(): void };
  close(): Promise<void>;
}
