// The selected region instance: its status (cadence, weight, level, interval, ticks, restarts), its ready-buffer's
// stats, its last telemetry, and sparklines of interval, weight, published/consumed, misses and level over time.
const LEVELS = ['nominal', 'moderate', 'high', 'critical'];
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function spark(label, ts, values, fmt = (v) => v) {
  const keep = (values ?? []).map((y, i) => [ts[i], y]).filter(([, y]) => typeof y === 'number' && Number.isFinite(y));
  if (keep.length === 0) return '';
  const t = keep.map(([x]) => x), ys = keep.map(([, y]) => y);
  const w = 300, h = 40;
  const t0 = t[0], t1 = t[t.length - 1] || t0 + 1;
  const lo = Math.min(...ys), hi = Math.max(...ys);
  const pts = ys.map((y, i) => `${(((t[i] - t0) / Math.max(1, t1 - t0)) * w).toFixed(1)},${(h - 2 - ((y - lo) / Math.max(1e-9, hi - lo)) * (h - 4)).toFixed(1)}`).join(' ');
  return `<div class="spark-label">${esc(label)}: ${esc(fmt(ys[ys.length - 1]))} (min ${esc(fmt(lo))}, max ${esc(fmt(hi))})</div><svg class="spark" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none"><polyline points="${pts}"/></svg>`;
}

export function renderRegionPanel(el, title, panel) {
  if (!panel) {
    title.textContent = 'region';
    el.innerHTML = '<p class="muted">select a region instance in the tree</p>';
    return;
  }
  title.textContent = `region ${panel.key}`;
  const rows = [];
  const s = panel.status;
  if (s) {
    rows.push(['state', s.state], ['cadence', s.cadence], ['level', s.level], ['weight', s.weight.toFixed(3)], ['interval', `${s.intervalMs} ms`], ['ticks', s.ticks], ['failed ticks', s.failedTicks], ['restarts', s.restarts], ['override', s.override ?? '—'], ['buffer size', s.bufferSize]);
    if (s.lastTelemetry) rows.push(['last tick', `#${s.lastTelemetry.tickNumber}: +${s.lastTelemetry.published} published, ${s.lastTelemetry.consumedSinceLast} consumed, ${s.lastTelemetry.bufferMissesSinceLast} misses, ${s.lastTelemetry.cadenceHint}`]);
  }
  if (panel.recorded) for (const [k, v] of Object.entries(panel.recorded)) rows.push([k, typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : v]);
  if (panel.buffer) for (const [k, v] of Object.entries(panel.buffer)) rows.push([`buffer ${k}`, typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : JSON.stringify(v)]);
  const c = panel.series;
  const charts = c ? [
    spark('tick interval (ms)', c.t, c.intervalMs),
    spark('weight', c.t, c.weight, (v) => v.toFixed(3)),
    spark('published per tick', c.t, c.published),
    spark('consumed per tick', c.t, c.consumed),
    spark('misses per tick', c.t, c.misses),
    spark('pressure level', c.t, c.level, (v) => LEVELS[v] ?? v),
  ].join('') : '<p class="muted">no ticks yet</p>';
  el.innerHTML = `${rows.length ? `<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>` : ''}${charts}`;
}
