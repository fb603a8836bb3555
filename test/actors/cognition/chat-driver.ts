// A simple seeded chat driver for the cognition tests: channels with topic vocabularies, messages of a few topic
// words and filler at seeded intervals, occasional topic shifts, questions and code blocks — on the simulated clock.
import { createRandom, type Random } from '../../../src/runtime/random.js';
import type { SimulatedClock } from '../../../src/runtime/clock.js';
import type { HandleResult } from '../../../src/actors/cognition/handle-contract.js';

export const TOPICS: readonly (readonly string[])[] = [
  ['postgres', 'migration', 'users', 'table', 'lock', 'index', 'schema', 'rollback', 'batch', 'downtime', 'replica', 'vacuum'],
  ['kubernetes', 'deploy', 'cluster', 'pod', 'helm', 'ingress', 'rollout', 'node', 'autoscale', 'namespace', 'secret', 'probe'],
  ['invoice', 'billing', 'stripe', 'refund', 'customer', 'payment', 'subscription', 'tax', 'receipt', 'charge', 'plan', 'coupon'],
  ['roadmap', 'quarter', 'launch', 'milestone', 'feature', 'priority', 'estimate', 'scope', 'design', 'review', 'backlog', 'sprint'],
  ['garden', 'tomato', 'watering', 'compost', 'seedling', 'soil', 'harvest', 'pepper', 'mulch', 'greenhouse', 'pruning', 'basil'],
  ['concert', 'guitar', 'album', 'drummer', 'setlist', 'venue', 'tickets', 'encore', 'rehearsal', 'amplifier', 'chorus', 'studio'],
];
const FILLER = ['okay', 'honestly', 'think', 'maybe', 'really', 'today', 'later', 'right', 'probably', 'actually'];

export interface DriverOptions {
  personas: readonly string[];
  channels: readonly string[];
  /** Mean ms between two messages on one channel. @default 3000 */
  meanGapMs?: number;
  /** Chance a message switches its channel to another topic. @default 0.05 */
  shiftRate?: number;
  seed?: number;
}

export interface DriverStats {
  handled: number;
  results: HandleResult[];
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r.next() * xs.length)]!;

export function message(r: Random, topic: readonly string[]): string {
  const n = 3 + Math.floor(r.next() * 3);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(r, topic));
  words.splice(1, 0, pick(r, FILLER));
  const roll = r.next();
  if (roll < 0.2) return `how do we handle the ${words.join(' ')}?`;
  if (roll < 0.27) return `\`\`\`\n${words.join('_')}()\n\`\`\` ${words[0]} fix`;
  return words.join(' ');
}

/** A seeded chat: each (persona, channel) gets a topic and messages at exponential-ish gaps. */
export class ChatDriver {
  readonly #random: Random;
  readonly #topic = new Map<string, number>();
  readonly #due = new Map<string, number>();
  readonly stats: DriverStats = { handled: 0, results: [] };

  constructor(readonly options: DriverOptions, readonly handle: (p: string, c: string, text: string) => HandleResult) {
    this.#random = createRandom(options.seed ?? 7);
    let t = 0;
    for (const p of options.personas) {
      for (const c of options.channels) {
        this.#topic.set(`${p}|${c}`, Math.floor(this.#random.next() * TOPICS.length));
        this.#due.set(`${p}|${c}`, (t += 37));
      }
    }
  }

  /** Advances `clock` to `until`, delivering every message due on the way (in due order). */
  run(clock: SimulatedClock, until: number): void {
    const gap = this.options.meanGapMs ?? 3000;
    const shift = this.options.shiftRate ?? 0.05;
    for (;;) {
      let nextKey: string | undefined;
      let nextAt = Infinity;
      for (const [k, at] of this.#due) if (at < nextAt) { nextAt = at; nextKey = k; }
      if (nextKey === undefined || nextAt > until) break;
      clock.advanceTo(Math.max(clock.now(), nextAt));
      const [p, c] = nextKey.split('|') as [string, string];
      if (this.#random.next() < shift) this.#topic.set(nextKey, (this.#topic.get(nextKey)! + 1 + Math.floor(this.#random.next() * (TOPICS.length - 1))) % TOPICS.length);
      const result = this.handle(p, c, message(this.#random, TOPICS[this.#topic.get(nextKey)!]!));
      this.stats.handled++;
      this.stats.results.push(result);
      this.#due.set(nextKey, nextAt + Math.round(gap * (0.5 + this.#random.next())));
    }
    clock.advanceTo(Math.max(clock.now(), until));
  }
}

/** (hit + 0.5·partial) / reads over results, for one buffer. */
export function rateOf(results: readonly HandleResult[], which: 'prefetch' | 'candidate' | 'blend'): number {
  if (results.length === 0) return 0;
  let h = 0;
  for (const r of results) h += r[which].outcome === 'hit' ? 1 : r[which].outcome === 'partial' ? 0.5 : 0;
  return h / results.length;
}
