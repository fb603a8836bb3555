// When a channel's next message comes: Poisson arrivals whose rate alternates between bursts and quiet spells of
// exponential length (a two-state Markov-modulated Poisson process); without bursts, a steady Poisson stream.
import type { Random } from '../../runtime/random.js';
import type { ConversationBursts } from './conversation-load-event.js';
import { CONVERSATION_DEFAULTS } from './conversation-load-event.js';

const exp = (random: Random, mean: number): number => -Math.log(1 - random.next()) * mean;

/** The arrival process of one channel; times are ms on whatever scale `start` is. */
export class ActivitySpells {
  #inBurst = true;
  #spellEnd: number;
  readonly #burstGapMs: number;
  readonly #quietGapMs: number;

  constructor(
    private readonly random: Random,
    messagesPerMinute: number,
    private readonly bursts: ConversationBursts | undefined,
    start: number,
  ) {
    this.#burstGapMs = messagesPerMinute > 0 ? 60_000 / messagesPerMinute : Infinity;
    const quietFactor = bursts?.quietFactor ?? CONVERSATION_DEFAULTS.quietFactor;
    this.#quietGapMs = quietFactor > 0 ? this.#burstGapMs / quietFactor : Infinity;
    this.#spellEnd = bursts ? start + exp(random, bursts.burstMs) : Infinity;
  }

  /** True while the channel is in a burst (always, without bursts). */
  get inBurst(): boolean {
    return this.#inBurst;
  }

  /** The time of the next message after `now`, or `undefined` when none comes before `until`. */
  nextAfter(now: number, until: number): number | undefined {
    let t = now;
    for (;;) {
      const mean = this.#inBurst ? this.#burstGapMs : this.#quietGapMs;
      const gap = mean === Infinity ? Infinity : exp(this.random, mean);
      if (t + gap <= this.#spellEnd) {
        const at = t + gap;
        return at < until ? at : undefined;
      }
      // the spell ends first: the process is memoryless, so start afresh in the next spell
      t = this.#spellEnd;
      if (t >= until) return undefined;
      this.#inBurst = !this.#inBurst;
      this.#spellEnd = t + exp(this.random, this.#inBurst ? this.bursts!.burstMs : this.bursts!.quietMs);
    }
  }
}
