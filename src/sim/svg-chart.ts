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
}

export interface Marker {
  t: number;
  cls: string;
  label: string;
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
 * Keeps at most ~2 points per pixel column: the first, min and max of each column (in time order), so spikes
 * survive and a long run does not make the report heavy.
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

/** Renders one chart as an `<svg>` element (role="img", with a `<title>`). */
export function renderChart(spec: ChartSpec): string {
  const W = spec.width ?? 960;
  const H = spec.height ?? 220;
  const L = 64, R = 12, T = 26, B = 30;
  const pw = W - L - R, ph = H - T - B;
  const dur = Math.max(1, spec.durationMs);
  const x = (t: number): number => L + (Math.min(Math.max(t, 0), dur) / dur) * pw;
  const values = spec.series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
  const log = spec.yScale === 'log';
  const lo = log ? Math.max(1, Math.min(...values.filter((v) => v > 0), 100)) : 0;
  const hiRaw = spec.yMax ?? Math.max(...values, log ? 1000 : 1);
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
  for (const b of spec.bands) {
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
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    if (s.kind === 'bars') {
      const bw = Math.max(1, (x(s.barWidthMs ?? dur / 100) - x(0)) * 0.8);
      for (const [t, v] of s.points) {
        if (!(v > 0)) continue;
        out.push(`<rect class="bar ${s.cls}" x="${f1(x(t) - bw / 2)}" y="${f1(y(v))}" width="${f1(bw)}" height="${f1(T + ph - y(v))}"><title>${esc(s.name)} ${formatMs(t)}: ${v}</title></rect>`);
      }
    } else {
      const pts: string[] = [];
      let prevY: number | undefined;
      for (const [t, v] of downsample(s.points, dur, Math.round(pw / 2))) {
        if (s.kind === 'steps' && prevY !== undefined) pts.push(`${f1(x(t))},${f1(prevY)}`);
        prevY = y(v);
        pts.push(`${f1(x(t))},${f1(prevY)}`);
      }
      out.push(`<polyline class="series ${s.cls}" fill="none" points="${pts.join(' ')}"><title>${esc(s.name)}</title></polyline>`);
    }
  }
  for (const m of spec.markers) {
    out.push(`<line class="marker ${m.cls}" x1="${f1(x(m.t))}" x2="${f1(x(m.t))}" y1="${T}" y2="${T + ph}"><title>${esc(m.label)} at ${formatMs(m.t)}</title></line>`);
  }
  out.push('</svg>');
  return out.join('');
}
