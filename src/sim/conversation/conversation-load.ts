// Drives a run's conversation loads on its clock: each load's generator yields the next message or reaction, a timer
// fires at its time, and every recipient persona that exists then gets `handle()` (or the reaction) called.
import type { Clock, TimerHandle } from '../../runtime/clock.js';
import { ConversationGenerator, type ConversationEvent } from './conversation-generator.js';
import type { ConversationLoadEvent } from './conversation-load-event.js';
import type { ConversationRecorder } from './conversation-recorder.js';
import type { ConversationTarget } from './conversation-target.js';

interface Stream {
  readonly generator: ConversationGenerator;
  pending: ConversationEvent | undefined;
  timer: TimerHandle | undefined;
  /** Texts of recent messages, by seq, for the reactions still to come. */
  readonly texts: Map<number, string>;
}

/** Plays conversation loads against a target; reads the target lazily (the substrate may add it after start). */
export class ConversationDriver {
  readonly #streams: Stream[] = [];
  #alive: ReadonlySet<string> = new Set();

  constructor(
    private readonly target: ConversationTarget,
    private readonly clock: Clock,
    private readonly recorder: ConversationRecorder,
    private readonly seed: number,
    /** The run's length, ms (loads stop there). */
    private readonly endMs: number,
    /** The clock time the run started. */
    private readonly origin: number,
  ) {}

  /** Tells the driver which personas exist now (call on every persona change). */
  personasChanged(alive: readonly string[]): void {
    this.#alive = new Set(alive);
  }

  /** Starts a conversation load (`index`: its timeline index, which seeds its own random stream). */
  apply(event: ConversationLoadEvent, index: number): void {
    const stream: Stream = { generator: new ConversationGenerator(event, this.seed, index, this.endMs), pending: undefined, timer: undefined, texts: new Map() };
    this.#streams.push(stream);
    this.#schedule(stream);
  }

  /** Cancels every pending event. */
  stop(): void {
    for (const s of this.#streams) {
      if (s.timer !== undefined) this.clock.clearTimeout(s.timer);
      s.timer = undefined;
    }
  }

  #schedule(s: Stream): void {
    const next = s.generator.next();
    s.pending = next;
    s.timer = next === undefined ? undefined : this.clock.setTimeout(() => this.#fire(s), this.origin + next.at - this.clock.now());
  }

  #fire(s: Stream): void {
    const e = s.pending!;
    s.timer = undefined;
    const t = this.clock.now() - this.origin;
    if (e.kind === 'message') {
      this.recorder.onMessage(e);
      remember(s.texts, e.seq, e.text);
      for (const persona of e.recipients) {
        if (!this.#alive.has(persona)) {
          this.recorder.onSkipped();
          continue;
        }
        try {
          const result = this.target.handle(persona, e.channel, { text: e.text, author: e.author, taskDomain: e.domain });
          this.recorder.onResult(t, persona, e.channel, result);
        } catch (error) {
          this.recorder.onError(persona, e.channel, error);
        }
      }
      if (this.target.overhear) for (const persona of e.observers) {
        if (!this.#alive.has(persona)) continue;
        try {
          this.target.overhear(persona, e.channel, { text: e.text, author: e.author, taskDomain: e.domain });
          this.recorder.onObserved();
        } catch (error) {
          this.recorder.onError(persona, e.channel, error);
        }
      }
    } else {
      const delivered = e.recipients.filter((p) => this.#alive.has(p));
      const text = s.texts.get(e.seq) ?? '';
      s.texts.delete(e.seq);
      if (this.target.react) for (const persona of delivered) {
        try {
          this.target.react(persona, e.channel, { author: e.author, emoji: e.emoji, text });
        } catch (error) {
          this.recorder.onError(persona, e.channel, error);
        }
      }
      this.recorder.onReaction(e, delivered);
    }
    this.#schedule(s);
  }
}

/** Most message texts kept for the reactions still to come. */
const MAX_REMEMBERED_TEXTS = 4096;

/** Keeps a message's text until its reaction (bounded: reactions come within seconds; the oldest are dropped). */
function remember(texts: Map<number, string>, seq: number, text: string): void {
  texts.set(seq, text);
  if (texts.size > MAX_REMEMBERED_TEXTS) texts.delete(texts.keys().next().value!);
}
