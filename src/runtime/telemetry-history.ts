// The bounded history of tick telemetry behind `substrate.telemetry()`: a ring stored column-wise (typed arrays),
// so recording a tick allocates nothing and keeps no per-tick object alive for the garbage collector to move.
import type { PersonaId, RegionId } from './ids.js';
import type { CadenceHint, PressureSignal } from './signals.js';
import type { RegionTelemetry } from './telemetry.js';

export class TelemetryHistory {
  readonly #regionId: (RegionId | undefined)[];
  readonly #personaId: (PersonaId | undefined)[];
  readonly #hint: (CadenceHint | undefined)[];
  readonly #pressure: (PressureSignal | undefined)[];
  readonly #numbers: Float64Array; // 6 columns per record
  #start = 0;
  #size = 0;
  #total = 0;

  constructor(readonly capacity: number) {
    this.#regionId = new Array<RegionId | undefined>(capacity);
    this.#personaId = new Array<PersonaId | undefined>(capacity);
    this.#hint = new Array<CadenceHint | undefined>(capacity);
    this.#pressure = new Array<PressureSignal | undefined>(capacity);
    this.#numbers = new Float64Array(capacity * 6);
  }

  /** Copies one tick's telemetry into the ring (the oldest record is overwritten when full). */
  record(t: RegionTelemetry): void {
    this.recordTick(t.regionId, t.personaId, t.tickNumber, t.tickStartedAt, t.tickDurationMs, t.published, t.consumedSinceLast, t.bufferMissesSinceLast, t.pressureObserved, t.cadenceHint);
  }

  /** `record`, from the fields themselves (the tick path has no record object to pass). */
  recordTick(
    regionId: RegionId, personaId: PersonaId | undefined, tickNumber: number, tickStartedAt: number, tickDurationMs: number,
    published: number, consumedSinceLast: number, bufferMissesSinceLast: number, pressureObserved: PressureSignal | undefined, cadenceHint: CadenceHint,
  ): void {
    const cap = this.capacity;
    let i: number;
    if (this.#size < cap) {
      i = (this.#start + this.#size) % cap;
      this.#size++;
    } else {
      i = this.#start;
      this.#start = (this.#start + 1) % cap;
    }
    this.#total++;
    this.#regionId[i] = regionId;
    this.#personaId[i] = personaId;
    this.#hint[i] = cadenceHint;
    this.#pressure[i] = pressureObserved;
    const n = this.#numbers;
    const o = i * 6;
    n[o] = tickNumber;
    n[o + 1] = tickStartedAt;
    n[o + 2] = tickDurationMs;
    n[o + 3] = published;
    n[o + 4] = consumedSinceLast;
    n[o + 5] = bufferMissesSinceLast;
  }

  /** Records held now (at most `capacity`). */
  get size(): number {
    return this.#size;
  }

  /** Records ever recorded, including those since overwritten. */
  get total(): number {
    return this.#total;
  }

  /** The held records as fresh objects, oldest first. */
  toArray(): RegionTelemetry[] {
    const out: RegionTelemetry[] = [];
    const n = this.#numbers;
    for (let k = 0; k < this.#size; k++) {
      const i = (this.#start + k) % this.capacity;
      const o = i * 6;
      const t: RegionTelemetry = {
        regionId: this.#regionId[i]!,
        ...(this.#personaId[i] !== undefined ? { personaId: this.#personaId[i] } : {}),
        tickNumber: n[o]!,
        tickStartedAt: n[o + 1]!,
        tickDurationMs: n[o + 2]!,
        published: n[o + 3]!,
        consumedSinceLast: n[o + 4]!,
        bufferMissesSinceLast: n[o + 5]!,
        ...(this.#pressure[i] !== undefined ? { pressureObserved: this.#pressure[i] } : {}),
        cadenceHint: this.#hint[i]!,
      };
      out.push(t);
    }
    return out;
  }
}
