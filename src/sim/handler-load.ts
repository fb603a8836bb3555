// Handler load of a scenario: simulated handlers reading a region's ready-buffer at a rate, with Poisson arrivals
// drawn from the run's seeded random, on the run's clock. Reads are what make consumption and misses real.
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import type { ReadyBufferView } from '../runtime/ready-buffer.js';
import type { Substrate } from '../create-substrate.js';
import { regionKey } from '../runtime/region-key.js';
import type { LoadEvent } from './scenario-types.js';

interface Stream {
  region: string;
  persona: string | undefined;
  key: string;
  slot: string;
  meanGapMs: number;
  until: number;
  timer: TimerHandle | undefined;
  view: ReadyBufferView<string, unknown> | undefined;
  viewVersion: number;
  readonly fire: () => void;
}

/** Receives every read: the region instance, the buffer key, and whether it hit. */
export type ReadListener = (slot: string, key: string, hit: boolean) => void;

/**
 * Drives the load streams of a run. A stream is identified by (region, persona, key); a later `load` event for the
 * same stream replaces its rate (0 stops it). Reads of a persona that does not exist (yet, or any more) are skipped.
 */
export class HandlerLoad {
  readonly #streams = new Map<string, Stream>();
  #version = 0;

  constructor(
    private readonly substrate: Substrate,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly onRead: ReadListener,
    private readonly endAt: number,
  ) {}

  /** Invalidates cached buffer views (call when personas are created or destroyed). */
  personasChanged(): void {
    this.#version++;
  }

  /** Applies a `load` event at the current time (`origin` = the clock time the run started). */
  apply(event: LoadEvent, origin: number): void {
    const slot = regionKey(event.region, event.persona);
    const id = `${slot}\u0000${event.key}`;
    let stream = this.#streams.get(id);
    if (!stream) {
      const s: Stream = {
        region: event.region, persona: event.persona, key: event.key, slot, meanGapMs: 0, until: 0,
        timer: undefined, view: undefined, viewVersion: -1, fire: () => this.#read(s),
      };
      stream = s;
      this.#streams.set(id, s);
    }
    if (stream.timer !== undefined) this.clock.clearTimeout(stream.timer);
    stream.timer = undefined;
    if (event.readsPerSecond <= 0) return;
    stream.meanGapMs = 1000 / event.readsPerSecond;
    stream.until = origin + Math.min(event.untilMs ?? this.endAt, this.endAt);
    this.#schedule(stream);
  }

  /** Cancels every stream. */
  stop(): void {
    for (const s of this.#streams.values()) {
      if (s.timer !== undefined) this.clock.clearTimeout(s.timer);
      s.timer = undefined;
    }
  }

  #schedule(s: Stream): void {
    const gap = -Math.log(1 - this.random.next()) * s.meanGapMs;
    if (this.clock.now() + gap > s.until) {
      s.timer = undefined;
      return;
    }
    s.timer = this.clock.setTimeout(s.fire, gap);
  }

  #read(s: Stream): void {
    s.timer = undefined;
    if (s.viewVersion !== this.#version) {
      s.viewVersion = this.#version;
      try {
        s.view = this.substrate.buffer(s.region, s.persona);
      } catch {
        s.view = undefined; // the persona does not exist now
      }
    }
    if (s.view) this.onRead(s.slot, s.key, s.view.peek(s.key) !== undefined);
    this.#schedule(s);
  }
}
