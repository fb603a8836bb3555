// Streaming, bounded versions of the report's downsampling (svg-chart.ts): points, markers and bands are fed one by
// one as the run goes and held in at most a fixed number per pixel column, with the same result as downsampling all.
import { formatMs, type Band, type Marker } from './svg-chart.js';

type Point = readonly [number, number];

/**
 * A series kept as the min and the max of each of `columns` columns over `durationMs` — exactly `downsample(all
 * points)`, without holding them: up to `2 × columns` points are kept as they come, then folded into columns.
 */
export class MinMaxSeries {
  #raw: Point[] | undefined = [];
  readonly #out: Point[] = [];
  #col = -1;
  #lo: Point | undefined;
  #hi: Point | undefined;
  readonly #width: number;
  /** Points fed so far. */
  count = 0;

  constructor(
    durationMs: number,
    private readonly columns: number,
  ) {
    this.#width = Math.max(durationMs, 1) / columns;
  }

  push(t: number, v: number): void {
    this.count++;
    if (this.#raw) {
      this.#raw.push([t, v]);
      if (this.#raw.length > this.columns * 2) {
        const raw = this.#raw;
        this.#raw = undefined;
        for (const p of raw) this.#fold(p);
      }
      return;
    }
    this.#fold([t, v]);
  }

  /** True once the points are folded into columns (drawn as a line). */
  get downsampled(): boolean {
    return this.#raw === undefined;
  }

  #fold(p: Point): void {
    if (!Number.isFinite(p[1])) return;
    const c = Math.floor(p[0] / this.#width);
    if (c !== this.#col) {
      this.#flush();
      this.#col = c;
      this.#lo = this.#hi = p;
    } else {
      if (p[1] < this.#lo![1]) this.#lo = p;
      if (p[1] > this.#hi![1]) this.#hi = p;
    }
  }

  #flush(): void {
    const lo = this.#lo;
    const hi = this.#hi;
    if (!lo || !hi) return;
    if (lo === hi) this.#out.push(lo);
    else if (lo[0] <= hi[0]) this.#out.push(lo, hi);
    else this.#out.push(hi, lo);
  }

  /** The kept points, in time order. */
  points(): Point[] {
    if (this.#raw) return [...this.#raw];
    const out = [...this.#out];
    const lo = this.#lo;
    const hi = this.#hi;
    if (lo && hi) {
      if (lo === hi) out.push(lo);
      else if (lo[0] <= hi[0]) out.push(lo, hi);
      else out.push(hi, lo);
    }
    return out;
  }
}

/**
 * Markers kept as `downsampleMarkers(all)` gives them: up to `columns` as they come, then one per column and class,
 * the first, with the count of the others in its label.
 */
export class MarkerBins {
  #raw: Marker[] | undefined = [];
  readonly #groups = new Map<string, { first: Marker; count: number }>();
  readonly #width: number;

  constructor(
    durationMs: number,
    private readonly columns: number,
  ) {
    this.#width = Math.max(durationMs, 1) / columns;
  }

  push(marker: Marker): void {
    if (this.#raw) {
      this.#raw.push(marker);
      if (this.#raw.length > this.columns) {
        const raw = this.#raw;
        this.#raw = undefined;
        for (const m of raw) this.#group(m);
      }
      return;
    }
    this.#group(marker);
  }

  #group(m: Marker): void {
    const key = `${Math.floor(m.t / this.#width)} ${m.cls}`;
    const g = this.#groups.get(key);
    if (g) g.count++;
    else this.#groups.set(key, { first: m, count: 1 });
  }

  markers(): Marker[] {
    if (this.#raw) return [...this.#raw];
    const width = this.#width;
    return [...this.#groups.values()].map(({ first, count }) => (count === 1 ? first : { ...first, label: `${first.label} (and ${count - 1} more within ${formatMs(width)})` }));
  }
}

/**
 * Background bands of non-overlapping groups (`lvl-*`, `phase-*`), kept as `downsampleBands(all)` gives them: up
 * to `columns` in all as they come, then snapped to column edges with equal neighbours merged, per group.
 */
export class BandBins {
  #raw: Band[] | undefined = [];
  readonly #groups = new Map<string, Band[]>();
  readonly #width: number;

  constructor(
    durationMs: number,
    private readonly columns: number,
    /** Group order in the output (bands are listed group by group). */
    private readonly groupOrder: readonly string[],
  ) {
    this.#width = Math.max(durationMs, 1) / columns;
    for (const g of groupOrder) this.#groups.set(g, []);
  }

  push(band: Band): void {
    if (this.#raw) {
      this.#raw.push(band);
      if (this.#raw.length > this.columns) {
        const raw = this.#raw;
        this.#raw = undefined;
        for (const b of this.#ordered(raw)) this.#snap(b);
      }
      return;
    }
    this.#snap(band);
  }

  #groupOf(b: Band): string {
    return b.cls.split('-')[0]!;
  }

  #ordered(bands: readonly Band[]): Band[] {
    return this.groupOrder.flatMap((g) => bands.filter((b) => this.#groupOf(b) === g));
  }

  #snap(b: Band): void {
    const snap = (t: number): number => Math.round(t / this.#width) * this.#width;
    const from = snap(b.from);
    const to = snap(b.to);
    if (to <= from) return;
    const list = this.#groups.get(this.#groupOf(b))!;
    const last = list[list.length - 1];
    if (last && last.cls === b.cls && last.to >= from) {
      last.to = Math.max(last.to, to);
      return;
    }
    list.push({ from, to, cls: b.cls, label: b.label });
  }

  bands(): Band[] {
    if (this.#raw) return this.#ordered(this.#raw);
    return this.groupOrder.flatMap((g) => this.#groups.get(g)!.map((b) => ({ ...b })));
  }
}
