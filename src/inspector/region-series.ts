// Each region instance's recent history for the inspector's region panel: tick interval, weight, published,
// consumed, misses and pressure level per tick, in a fixed ring per instance (bounded memory at any run length).
import type { TraceRecord } from '../sim/trace.js';

/** Points kept per region instance. */
export const SERIES_POINTS = 120;
/** Fields of one point, in this order. */
export const SERIES_FIELDS = ['t', 'intervalMs', 'weight', 'published', 'consumed', 'misses', 'level'] as const;
const WIDTH = SERIES_FIELDS.length;
/** Pressure levels as the numbers the `level` field holds. */
export const LEVELS = ['nominal', 'moderate', 'high', 'critical'] as const;

/** `intervalMs` and `weight` are NaN (null in JSON) until the instance's first cadence decision. */
interface Ring { data: Float64Array; next: number; count: number; intervalMs: number; weight: number }

/** One region instance's points, oldest first: `{ t: [...], intervalMs: [...], … }`. */
export type SeriesColumns = Record<(typeof SERIES_FIELDS)[number], number[]>;

export class RegionSeries {
  #rings = new Map<string, Ring>();
  #level = 0;

  /** Feeds one trace record (ticks add a point; decisions update interval and weight; policy the level). */
  add(record: TraceRecord): void {
    if (record.type === 'policy') this.#level = Math.max(0, LEVELS.indexOf(record.level as (typeof LEVELS)[number]));
    else if (record.type === 'decision') {
      const ring = this.#ring(record.key);
      ring.intervalMs = record.intervalMs;
      ring.weight = record.weight;
      if (ring.count > 0) {
        const last = ((ring.next + SERIES_POINTS - 1) % SERIES_POINTS) * WIDTH;
        if (ring.data[last] === record.t) {
          ring.data[last + 1] = record.intervalMs;
          ring.data[last + 2] = record.weight;
        }
      }
    } else if (record.type === 'tick') {
      const ring = this.#ring(record.key);
      const at = ring.next * WIDTH;
      ring.data.set([record.t, ring.intervalMs, ring.weight, record.published, record.consumed, record.misses, this.#level], at);
      ring.next = (ring.next + 1) % SERIES_POINTS;
      ring.count = Math.min(SERIES_POINTS, ring.count + 1);
    }
  }

  /** The instance's points as columns, oldest first; undefined when it never ticked. */
  columns(key: string): SeriesColumns | undefined {
    const ring = this.#rings.get(key);
    if (!ring) return undefined;
    const out = Object.fromEntries(SERIES_FIELDS.map((f) => [f, [] as number[]])) as SeriesColumns;
    for (let i = 0; i < ring.count; i++) {
      const at = ((ring.next - ring.count + i + SERIES_POINTS) % SERIES_POINTS) * WIDTH;
      SERIES_FIELDS.forEach((f, j) => out[f].push(ring.data[at + j]!));
    }
    return out;
  }

  #ring(key: string): Ring {
    let ring = this.#rings.get(key);
    if (!ring) this.#rings.set(key, (ring = { data: new Float64Array(SERIES_POINTS * WIDTH), next: 0, count: 0, intervalMs: NaN, weight: NaN }));
    return ring;
  }
}
