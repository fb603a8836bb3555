// Small SVG chart primitives for the HTML report: time axis, linear/log y axis, background bands, series, markers.
// Pure string building, no DOM, deterministic output.

export interface Band {
  from: number;
  to: number;
  /** CSS class of the band (its colour comes from the report's stylesheet). */
  cls: string;
  label: string;
}

export interface Series {
  name: string;
  cls: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** `line` joins points; `bars` draws one bar per point (width = barWidthMs). */
  kind: 'line' | 'bars' | 'steps';
  barWidthMs?: number;
  /** The points are already a min/max downsample (`MinMaxSeries`): `steps` are then drawn as a line. */
  downsampled?: boolean;
}

export interface Marker {
  t: number;
  cls: string;
  label: string;
  /** Makes the marker a link (e.g. into a replay of the run at that instant). */
  href?: string;
}

export interface ChartSpec {
  title: string;
  durationMs: number;
  yLabel: string;
  /** `log` for values spanning decades (tick intervals). */
  yScale: 'linear' | 'log';
  yMax?: number;
  bands: readonly Band[];
  series: readonly Series[];
  markers: readonly Marker[];
  width?: number;
  height?: number;
}

/** Pixel columns of a chart's plot area at the default width (960 − 64 − 12): the buckets of its downsampling. */
export const PLOT_COLUMNS = 884;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Formats simulated milliseconds as a short clock label (e.g. `1h05m`, `12m30s`, `45s`, `300ms`). */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return sec ? `${m}m${String(sec).padStart(2, '0')}s` : `${m}m`;
  return `${sec}s`;
}

function niceStep(span: number, target: number): number {
  const raw = span / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

/**
 * Keeps at most 2 points per column (`columns` columns over `durationMs`): the min and the max of each column, in
 * time order, so spikes and dips survive and a run of any length draws the same few points. A short series is kept
 * whole. Linear time, no recursion, no spread: it never overflows the stack.
 */
export function downsample(points: ReadonlyArray<readonly [number, number]>, durationMs: number, columns: number): Array<readonly [number, number]> {
  if (points.length <= columns * 2) return [...points];
  const out: Array<readonly [number, number]> = [];
  const width = Math.max(durationMs, 1) / columns;
  let col = -1;
  let lo: readonly [number, number] | undefined;
  let hi: readonly [number, number] | undefined;
  const flush = (): void => {
    if (!lo || !hi) return;
    if (lo === hi) out.push(lo);
    else if (lo[0] <= hi[0]) out.push(lo, hi);
    else out.push(hi, lo);
  };
  for (const p of points) {
    if (!Number.isFinite(p[1])) continue;
    const c = Math.floor(p[0] / width);
    if (c !== col) {
      flush();
      col = c;
      lo = hi = p;
    } else {
      if (p[1] < lo![1]) lo = p;
      if (p[1] > hi![1]) hi = p;
    }
  }
  flush();
  return out;
}

/** Bars merged to at most one per column: the largest value of each column (at its time). Short series are kept. */
export function downsampleBars(points: ReadonlyArray<readonly [number, number]>, durationMs: number, columns: number): Array<readonly [number, number]> {
  if (points.length <= columns) return [...points];
  const width = Math.max(durationMs, 1) / columns;
  const out: Array<readonly [number, number]> = [];
  let col = -1;
  for (const p of points) {
    const c = Math.floor(p[0] / width);
    if (c !== col) {
      out.push(p);
      col = c;
    } else if (p[1] > out[out.length - 1]![1]) out[out.length - 1] = p;
  }
  return out;
}

/**
 * At most one band per column and group (bands whose class shares the prefix before "-" never overlap, e.g.
 * `lvl-*`): edges snap to column edges, bands left without width are dropped and equal neighbours merge.
 * Fewer bands than columns are kept as they are.
 */
export function downsampleBands(bands: readonly Band[], durationMs: number, columns: number): Band[] {
  if (bands.length <= columns) return [...bands];
  const width = Math.max(durationMs, 1) / columns;
  const snap = (t: number): number => Math.round(t / width) * width;
  const out: Band[] = [];
  const lastOfGroup = new Map<string, Band>();
  for (const b of bands) {
    const from = snap(b.from);
    const to = snap(b.to);
    if (to <= from) continue;
    const group = b.cls.split('-')[0]!;
    const last = lastOfGroup.get(group);
    if (last && last.cls === b.cls && last.to >= from) {
      last.to = Math.max(last.to, to);
      continue;
    }
    const band = { from, to, cls: b.cls, label: b.label };
    out.push(band);
    lastOfGroup.set(group, band);
  }
  return out;
}

/** At most one marker per column and class; the kept one says how many it stands for. Few markers are kept. */
export function downsampleMarkers(markers: readonly Marker[], durationMs: number, columns: number): Marker[] {
  if (markers.length <= columns) return [...markers];
  const width = Math.max(durationMs, 1) / columns;
  const groups = new Map<string, { first: Marker; count: number }>();
  for (const m of markers) {
    const key = `${Math.floor(m.t / width)} ${m.cls}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: m, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => (count === 1 ? first : { ...first, label: `${first.label} (and ${count - 1} more within ${formatMs(width)})` }));
}

/** Renders one chart as an `<svg>` element (role="img", with a `<title>`). */
export function renderChart(spec: ChartSpec): string {
  const W = spec.width ?? 960;
  const H = spec.height ?? 220;
  const L = 64, R = 12, T = 26, B = 30;
  const pw = W - L - R, ph = H - T - B;
  const dur = Math.max(1, spec.durationMs);
  const x = (t: number): number => L + (Math.min(Math.max(t, 0), dur) / dur) * pw;
  const columns = Math.max(1, Math.round(pw)); // one per pixel
  const drawn = spec.series.map((s) => ({ s, points: s.kind === 'bars' ? downsampleBars(s.points, dur, Math.round(pw / 3)) : downsample(s.points, dur, columns) }));
  const log = spec.yScale === 'log';
  // the range from the drawn points (they keep every column's min and max), in a loop: no spread of a huge array
  let maxValue = log ? 1000 : 1;
  let minPositive = 100;
  for (const { points } of drawn) {
    for (const p of points) {
      const v = p[1];
      if (!Number.isFinite(v)) continue;
      if (v > maxValue) maxValue = v;
      if (v > 0 && v < minPositive) minPositive = v;
    }
  }
  const lo = log ? Math.max(1, minPositive) : 0;
  const hiRaw = spec.yMax ?? maxValue;
  const yMin = log ? 10 ** Math.floor(Math.log10(lo)) : 0;
  const yMax = log ? 10 ** Math.ceil(Math.log10(Math.max(hiRaw, yMin * 10))) : hiRaw > 0 ? hiRaw * 1.05 : 1;
  const y = (v: number): number => {
    const r = log ? (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) : (v - yMin) / (yMax - yMin);
    return T + ph - Math.min(Math.max(r, 0), 1) * ph;
  };
  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(spec.title)}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title>${esc(spec.title)}</title>`);
  out.push(`<text class="chart-title" x="${L}" y="16">${esc(spec.title)}</text>`);
  for (const b of downsampleBands(spec.bands, dur, columns)) {
    if (b.to <= b.from) continue;
    out.push(`<rect class="band ${b.cls}" x="${f1(x(b.from))}" y="${T}" width="${f1(Math.max(0.5, x(b.to) - x(b.from)))}" height="${ph}"><title>${esc(b.label)} ${formatMs(b.from)}–${formatMs(b.to)}</title></rect>`);
  }
  // y grid and labels
  const ticks: number[] = [];
  if (log) for (let v = yMin; v <= yMax * 1.0001; v *= 10) ticks.push(v);
  else {
    const step = niceStep(yMax - yMin, 4);
    for (let v = 0; v <= yMax + 1e-9; v += step) ticks.push(v);
  }
  for (const v of ticks) {
    out.push(`<line class="grid" x1="${L}" x2="${L + pw}" y1="${f1(y(v))}" y2="${f1(y(v))}"/>`);
    const label = spec.yLabel === 'ms' ? formatMs(v) : Number.isInteger(v) ? String(v) : v.toFixed(2);
    out.push(`<text class="axis" x="${L - 6}" y="${f1(y(v) + 4)}" text-anchor="end">${esc(label)}</text>`);
  }
  // x axis
  const xs = niceStep(dur, 8);
  for (let t = 0; t <= dur + 1e-9; t += xs) {
    out.push(`<text class="axis" x="${f1(x(t))}" y="${H - 10}" text-anchor="middle">${formatMs(t)}</text>`);
  }
  out.push(`<line class="axis-line" x1="${L}" x2="${L + pw}" y1="${T + ph}" y2="${T + ph}"/>`);
  for (const { s, points } of drawn) {
    if (points.length === 0) continue;
    if (s.kind === 'bars') {
      const merged = points.length < s.points.length ? dur / Math.round(pw / 3) : 0;
      const bw = Math.max(1, (x(Math.max(s.barWidthMs ?? dur / 100, merged)) - x(0)) * 0.8);
      for (const [t, v] of points) {
        if (!(v > 0)) continue;
        out.push(`<rect class="bar ${s.cls}" x="${f1(x(t) - bw / 2)}" y="${f1(y(v))}" width="${f1(bw)}" height="${f1(T + ph - y(v))}"><title>${esc(s.name)} ${formatMs(t)}: ${v}</title></rect>`);
      }
    } else {
      const pts: string[] = [];
      let prevY: string | undefined;
      const steps = s.kind === 'steps' && !s.downsampled && points.length === s.points.length; // downsampled: ≥ 1 point per pixel, a step is a line
      for (const [t, v] of points) {
        if (!Number.isFinite(v)) continue;
        const px = f1(x(t));
        const py = f1(y(v));
        if (steps && prevY !== undefined && prevY !== py) pts.push(`${px},${prevY}`);
        const point = `${px},${py}`;
        if (point !== pts[pts.length - 1]) pts.push(point);
        prevY = py;
      }
      out.push(`<polyline class="series ${s.cls}" fill="none" points="${pts.join(' ')}"><title>${esc(s.name)}</title></polyline>`);
    }
  }
  for (const m of downsampleMarkers(spec.markers, dur, Math.round(pw / 2))) {
    const line = `<line class="marker ${m.cls}" x1="${f1(x(m.t))}" x2="${f1(x(m.t))}" y1="${T}" y2="${T + ph}"><title>${esc(m.label)} at ${formatMs(m.t)}</title></line>`;
    out.push(m.href ? `<a href="${esc(m.href)}">${line}</a>` : line);
  }
  out.push('</svg>');
  return out.join('');
}
