// The handle() control's answer, readably: which persona and channel, whether it was degraded, how each buffer read
// went (hippocampus prefetch, motor-cortex candidate, attention blend) and the candidate reply.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function prefetchDetail(p) {
  const parts = [`${p.engrams.length} engram${p.engrams.length === 1 ? '' : 's'}`];
  if (p.ageMs !== undefined) parts.push(`staged ${fmtMs(p.ageMs)} before`);
  if (p.behindBy !== undefined) parts.push(p.behindBy === 0 ? 'saw every message' : `${p.behindBy} message${p.behindBy === 1 ? '' : 's'} behind`);
  return parts.join(', ');
}

const blendDetail = (b) => Object.entries(b.adapters).sort((x, y) => y[1] - x[1]).map(([name, w]) => `${name} ${w.toFixed(2)}`).join(', ') || '—';

/** Shows `result` (a HandleResult) in `el`; `error` (a message) instead when the call failed. */
export function renderHandleResult(el, result, error) {
  el.hidden = false;
  if (error !== undefined) {
    el.dataset.ok = 'false';
    el.innerHTML = `<h2>handle() failed <button class="close" title="close">×</button></h2><p class="handle-error">${esc(error)}</p>`;
    return;
  }
  el.dataset.ok = 'true';
  el.dataset.persona = result.personaId;
  el.dataset.channel = result.channelId;
  el.dataset.degraded = String(result.degraded);
  const rows = [
    ['prefetch', 'hippocampus', result.prefetch.outcome, prefetchDetail(result.prefetch)],
    ['candidate', 'motor-cortex', result.candidate.outcome, `score ${result.candidate.reply.score.toFixed(3)}, from ${result.candidate.reply.basis.length} engram${result.candidate.reply.basis.length === 1 ? '' : 's'}`],
    ['blend', 'attention', result.blend.outcome, blendDetail(result.blend)],
  ];
  el.innerHTML = `<h2>handle() → ${esc(result.personaId)} on #${esc(result.channelId)} <button class="close" title="close">×</button></h2>
<p class="${result.degraded ? 'degraded' : 'fresh'}">${result.degraded ? 'degraded: a read missed, a fallback answer was used' : 'not degraded: every read found something staged'} · t = ${fmtMs(result.at)}</p>
<table class="outcomes">${rows.map(([what, region, outcome, detail]) => `<tr data-read="${what}"><td>${what} <span class="muted">(${region})</span></td><td class="o-${outcome}">${outcome}</td><td>${esc(detail)}</td></tr>`).join('')}</table>
<blockquote class="reply">${esc(result.candidate.reply.text) || '<span class="muted">(empty reply)</span>'}</blockquote>`;
}

/** Wires the close button (the panel stays until closed or replaced). */
export function bindHandleResult(el) {
  el.addEventListener('click', (e) => {
    if (e.target.classList.contains('close')) el.hidden = true;
  });
}
