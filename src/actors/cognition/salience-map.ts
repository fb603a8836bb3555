// SalienceMap (§1.4 `salience`): per-engram heat from reactions and rehearsal as commuting increments. Heat decays with a
// half-life; increments are stored against a fixed epoch (δ·2^(t/H)), so any order of increments sums to the same value.
import type { EngramId } from '../../runtime/ids.js';

/** What one engram has accumulated since attention last folded it into the store. */
export interface PendingSalience {
  /** Reaction units not yet folded into the store's `reactions` evidence. */
  reactions: number;
  /** Rehearsals (handler uses of a prefetched engram) not yet folded into the store (`touch`). */
  rehearsals: number;
  /** Σ δ·2^((t − epoch)/H): the decayed heat is this × 2^(−(now − epoch)/H). */
  scaledHeat: number;
}

/** Heat halves every this many ms. @default 600_000 (10 min) */
export const DEFAULT_HEAT_HALF_LIFE_MS = 600_000;

export class SalienceMap {
  readonly #entries = new Map<EngramId, PendingSalience>();
  #epoch: number;

  constructor(readonly halfLifeMs: number, now: number) {
    this.#epoch = now;
  }

  #entry(id: EngramId): PendingSalience {
    let e = this.#entries.get(id);
    if (!e) this.#entries.set(id, (e = { reactions: 0, rehearsals: 0, scaledHeat: 0 }));
    return e;
  }

  #scale(now: number): number {
    return Math.pow(2, (now - this.#epoch) / this.halfLifeMs);
  }

  /** A reaction (+δ units, negative for a down-vote). Commutes with every other increment. */
  react(id: EngramId, delta: number, now: number): void {
    const e = this.#entry(id);
    e.reactions += delta;
    e.scaledHeat += Math.abs(delta) * this.#scale(now);
  }

  /** A rehearsal: the handler handed this engram out in a prefetch hit. Commutes with every other increment. */
  rehearse(id: EngramId, now: number): void {
    const e = this.#entry(id);
    e.rehearsals++;
    e.scaledHeat += 0.5 * this.#scale(now);
  }

  /** The decayed heat of an engram now (0 when it has none). */
  heat(id: EngramId, now: number): number {
    const e = this.#entries.get(id);
    return e ? e.scaledHeat / this.#scale(now) : 0;
  }

  /** Takes the reactions and rehearsals not yet folded (attention folds them into the store), keeping the heat. */
  takePending(visit: (id: EngramId, reactions: number, rehearsals: number) => void): number {
    let n = 0;
    for (const [id, e] of this.#entries) {
      if (e.reactions === 0 && e.rehearsals === 0) continue;
      visit(id, e.reactions, e.rehearsals);
      e.reactions = 0;
      e.rehearsals = 0;
      n++;
    }
    return n;
  }

  /**
   * Salience decay (the hippocampus's tick): moves the epoch to `now` (keeps the numbers small) and drops entries
   * whose heat fell below `floor` and have nothing pending. Returns how many were dropped.
   */
  decay(now: number, floor = 0.01): number {
    const f = 1 / this.#scale(now);
    let dropped = 0;
    for (const [id, e] of this.#entries) {
      e.scaledHeat *= f;
      if (e.scaledHeat < floor && e.reactions === 0 && e.rehearsals === 0) {
        this.#entries.delete(id);
        dropped++;
      }
    }
    this.#epoch = now;
    return dropped;
  }

  /** The hottest `n` engrams now, hottest first (ties by id). */
  top(n: number, now: number): Array<{ id: EngramId; heat: number }> {
    const s = this.#scale(now);
    const all: Array<{ id: EngramId; heat: number }> = [];
    for (const [id, e] of this.#entries) all.push({ id, heat: e.scaledHeat / s });
    all.sort((a, b) => b.heat - a.heat || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return all.slice(0, n);
  }

  delete(id: EngramId): void {
    this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
