// The frequency policies: `lfu-plus-recency` (bench: decayed access frequency with a cross-persona retention bonus)
// and `demand-aligned-with-refined-preference` (cold: decayed demand, refined pages outlive imported ones).
import type { Clock } from '../../../runtime/clock.js';
import type { PersonaId } from '../../../runtime/ids.js';
import type { ProvenanceOrigin } from '../blob.js';
import type { EvictionPolicy } from '../tier.js';
import type { VictimPolicy } from './victim-policy.js';

/** Personas remembered per page for the cross-persona bonus (the bonus saturates there). */
const MAX_TRACKED_PERSONAS = 16;

interface Decayed {
  /** Decayed count as of `at`. */
  score: number;
  /** Clock time of the last access (or of admission). */
  at: number;
  /** Admission order, the last tie-break. */
  seq: number;
}

const decay = (e: Decayed, now: number, halfLifeMs: number): number => e.score * Math.pow(2, -Math.max(0, now - e.at) / halfLifeMs);

/**
 * Lowest retention first, where retention = decayed access count × (1 + `crossPersonaBonus` × (distinct readers − 1)).
 * Each access adds 1 to a count that halves every `halfLifeMs` (frequency with recency folded in). Ties go to the
 * least recently accessed, then the earliest admitted. A page is admitted with a count of 0.
 *
 * Every count decays by the same factor over the same time, so the order never changes while nothing is read:
 * it is ranked by the time-free `log2(count) + at / halfLife` and cached until the next admit, touch or forget.
 */
export class LfuPlusRecencyPolicy implements VictimPolicy {
  readonly policy: EvictionPolicy = { kind: 'lfu-plus-recency' };
  readonly evictsOnHotPath = true;
  readonly #entries = new Map<string, Decayed & { personas: Set<PersonaId> }>();
  readonly #clock: Pick<Clock, 'now'>;
  readonly #halfLifeMs: number;
  readonly #bonus: number;
  #seq = 0;
  #order: string[] | undefined;

  constructor(clock: Pick<Clock, 'now'>, halfLifeMs: number, crossPersonaBonus: number) {
    this.#clock = clock;
    this.#halfLifeMs = halfLifeMs;
    this.#bonus = crossPersonaBonus;
  }

  admit(key: string): void {
    this.#entries.set(key, { score: 0, at: this.#clock.now(), seq: this.#seq++, personas: new Set() });
    this.#order = undefined;
  }

  touch(key: string, persona?: PersonaId): void {
    const e = this.#entries.get(key);
    if (e === undefined) return;
    const now = this.#clock.now();
    e.score = decay(e, now, this.#halfLifeMs) + 1;
    e.at = now;
    if (persona !== undefined && e.personas.size < MAX_TRACKED_PERSONAS) e.personas.add(persona);
    this.#order = undefined;
  }

  forget(key: string): void {
    if (this.#entries.delete(key)) this.#order = undefined;
  }

  /** The page's retention now (higher stays longer); 0 for an unknown page. */
  retention(key: string): number {
    const e = this.#entries.get(key);
    if (e === undefined) return 0;
    return decay(e, this.#clock.now(), this.#halfLifeMs) * (1 + this.#bonus * Math.max(0, e.personas.size - 1));
  }

  order(): Iterable<string> {
    if (this.#order !== undefined) return this.#order;
    const rows = [...this.#entries].map(([key, e]) => ({
      key,
      // log2 of the retention at time 0; -Infinity for a page never read (they tie, then go by time and admission)
      r: Math.log2(e.score * (1 + this.#bonus * Math.max(0, e.personas.size - 1))) + e.at / this.#halfLifeMs,
      at: e.at,
      seq: e.seq,
    }));
    rows.sort((a, b) => (a.r === b.r ? 0 : a.r - b.r) || a.at - b.at || a.seq - b.seq);
    return (this.#order = rows.map((r) => r.key));
  }

  beginTurn(): string[] {
    return [];
  }
}

/**
 * Lowest demand first, where demand is the access count decayed with `halfLifeMs`, compared in whole units:
 * at equal demand (same `floor(demand)`) an imported page goes before a refined one ("sentinel-refined pages beat
 * imported pages of equal demand"); then the least recently accessed, then the earliest admitted.
 */
export class DemandAlignedPolicy implements VictimPolicy {
  readonly policy: EvictionPolicy = { kind: 'demand-aligned-with-refined-preference' };
  readonly evictsOnHotPath = true;
  readonly #entries = new Map<string, Decayed & { refined: boolean }>();
  readonly #clock: Pick<Clock, 'now'>;
  readonly #halfLifeMs: number;
  #seq = 0;

  constructor(clock: Pick<Clock, 'now'>, halfLifeMs: number) {
    this.#clock = clock;
    this.#halfLifeMs = halfLifeMs;
  }

  admit(key: string, origin: ProvenanceOrigin): void {
    this.#entries.set(key, { score: 0, at: this.#clock.now(), seq: this.#seq++, refined: origin === 'refined' });
  }

  touch(key: string): void {
    const e = this.#entries.get(key);
    if (e === undefined) return;
    const now = this.#clock.now();
    e.score = decay(e, now, this.#halfLifeMs) + 1;
    e.at = now;
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** The page's demand now, in whole units (what the order compares). */
  demand(key: string): number {
    const e = this.#entries.get(key);
    return e === undefined ? 0 : Math.floor(decay(e, this.#clock.now(), this.#halfLifeMs) + 1e-9);
  }

  order(): Iterable<string> {
    const now = this.#clock.now();
    const rows = [...this.#entries].map(([key, e]) => ({
      key,
      d: Math.floor(decay(e, now, this.#halfLifeMs) + 1e-9),
      refined: e.refined ? 1 : 0,
      at: e.at,
      seq: e.seq,
    }));
    rows.sort((a, b) => a.d - b.d || a.refined - b.refined || a.at - b.at || a.seq - b.seq);
    return rows.map((r) => r.key);
  }

  beginTurn(): string[] {
    return [];
  }
}
