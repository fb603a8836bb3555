// The inspector page: connects to the server's /ws, keeps the actor table, and drives the tree, statechart,
// region panel and event stream; live controls or, for a replay, the timeline scrubber. Served from the package.
import { ActorTree } from './tree.js';
import { StatechartView } from './chart.js';
import { EventStream } from './stream.js';
import { renderRegionPanel } from './panel.js';
import { bindHandleResult, renderHandleResult } from './handle-result.js';

const $ = (id) => document.getElementById(id);
const state = { mode: null, selected: null, frames: 0, index: 0, controls: [], stats: { batches: 0, ms: 0, maxMs: 0, events: 0, dropped: 0 } };
const chart = new StatechartView($('chart'), $('chart-title'));
const stream = new EventStream($('stream'), $('payload'), $('stream-count'));
const tree = new ActorTree($('tree'), (item) => select(item));
const ws = new WebSocket(`ws://${location.host}/ws`);
const send = (m) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m));
window.inspector = { state, tree, stream, chart, send }; // for tests and the console

function select(item) {
  state.selected = item.key;
  tree.select(item.key);
  const row = tree.rows.get(item.key);
  void chart.show(row);
  const isRegion = row && row.machine === 'region';
  send({ cmd: 'select', key: isRegion ? row.id : null });
  if (!isRegion) renderRegionPanel($('region'), $('region-title'), undefined);
}

function showPolicy(p) {
  if (!p) return;
  $('policy').textContent = `policy v${p.version} · step ${p.step} · ${p.level}${p.phase ? ` · ${p.phase}` : ''}`;
  $('policy').dataset.step = String(p.step);
  $('policy').dataset.level = p.level;
}

function afterRows() {
  $('tree-count').textContent = `${tree.rows.size} actors · ${tree.count ?? 0} shown`;
  const row = state.selected ? tree.rows.get(state.selected) : undefined;
  if (row) chart.highlight(row);
}

function onHello(m) {
  state.mode = m.mode;
  state.controls = m.controls;
  document.body.className = m.mode;
  $('mode').textContent = m.mode === 'live' ? 'live' : 'replay';
  $('scenario').textContent = `${m.scenario} · ${(m.durationMs / 1000).toFixed(0)} s simulated`;
  showControls(m.controls);
  const channels = m.channels && m.channels.length ? m.channels : ['general'];
  $('handle-channel').replaceChildren(...channels.map((c) => new Option(c, c)));
  tree.update(m.actors, true);
  if (m.events.length) stream.append(m.events, 0);
  if (m.replay) {
    state.frames = m.replay.frames;
    $('scrub').max = String(Math.max(0, m.replay.frames - 1));
    if (m.replay.problem) notice(`${m.replay.problem.kind}: ${m.replay.problem.message}`);
    const t = /[#&]t=(\d+)/.exec(location.hash);
    if (t) seek({ cmd: 'seek-time', t: Number(t[1]) });
  }
  if (!state.selected && tree.rows.has('governor')) select({ key: 'governor', row: tree.rows.get('governor') });
  afterRows();
}

/** handle() is offered once the run's substrate has cognition (after a predictor-off baseline run, say). */
function showControls(controls) {
  if (!controls) return;
  state.controls = controls;
  $('handle-controls').hidden = !controls.includes('handle');
}

function onBatch(m) {
  const started = performance.now();
  showControls(m.controls);
  tree.update(m.actors);
  stream.append([...m.events, ...m.notable].sort((a, b) => a.t - b.t), m.dropped);
  if (m.failure) notice(`the run failed: ${m.failure}`);
  showPolicy(m.policy);
  const d = m.driver;
  $('clock').textContent = `t = ${(d.simMs / 1000).toFixed(1)} s · ${m.finished ? 'finished' : d.paused ? 'paused' : `running ${d.speed}×`}`;
  $('clock').dataset.paused = String(d.paused);
  $('clock').dataset.sim = String(d.simMs);
  if (m.region && m.region.key === state.selected) renderRegionPanel($('region'), $('region-title'), m.region);
  afterRows();
  const s = state.stats; // what the page's own handling costs (the bench reads it)
  const ms = performance.now() - started;
  s.batches++; s.ms += ms; s.maxMs = Math.max(s.maxMs, ms); s.events += m.events.length; s.dropped += m.dropped;
}

// seeks: one in flight at a time, the latest wins (dragging the scrubber never queues up stale frames)
let seekInFlight = false;
let seekNext = null;
function seek(message) {
  if (seekInFlight) return void (seekNext = message);
  seekInFlight = true;
  send(message);
}

function onFrame(m) {
  seekInFlight = false;
  if (seekNext) { const next = seekNext; seekNext = null; seek(next); }
  state.index = m.index;
  $('scrub').value = String(m.index);
  $('position').textContent = `frame ${m.index + 1} / ${state.frames} · t = ${(m.t / 1000).toFixed(3)} s`;
  $('position').dataset.index = String(m.index);
  $('clock').textContent = `t = ${(m.t / 1000).toFixed(3)} s`;
  tree.update(m.actors, true);
  stream.replace(m.events);
  if (m.policy) showPolicy({ version: m.policy.record.version, step: m.policy.record.step, level: m.policy.record.level });
  else showPolicy({ version: 0, step: 0, level: 'nominal' });
  if (m.region && m.region.key === state.selected) renderRegionPanel($('region'), $('region-title'), m.region);
  afterRows();
}

function notice(text) {
  $('notice').hidden = false;
  $('notice').textContent = text;
}

ws.addEventListener('message', (e) => {
  const m = JSON.parse(e.data);
  if (m.kind === 'hello') onHello(m);
  else if (m.kind === 'batch') onBatch(m);
  else if (m.kind === 'frame') onFrame(m);
  else if (m.kind === 'ack') {
    if (m.cmd === 'handle') renderHandleResult($('handle-result'), m.result, m.ok ? undefined : m.message);
    $('ack').textContent = m.ok && m.cmd === 'handle' ? `handle: ok → ${m.result.personaId} on #${m.result.channelId} (the answer is on the right)` : m.ok ? `${m.cmd}: ok${m.result !== undefined ? ` → ${JSON.stringify(m.result).slice(0, 120)}` : ''}` : `${m.cmd}: ${m.message}`;
    $('ack').dataset.ok = String(m.ok);
  }
});
ws.addEventListener('close', () => notice('disconnected from the inspector (is continuum inspect still running?)'));

// live controls
$('pause').onclick = () => send({ cmd: 'pause' });
$('resume').onclick = () => send({ cmd: 'resume' });
$('step').onclick = () => send({ cmd: 'step' });
$('speed').onchange = () => send({ cmd: 'speed', value: Number($('speed').value) });
$('inject-pressure').onclick = () => {
  const kind = $('pressure-kind').value;
  const v = Number($('pressure-value').value);
  send({ cmd: 'pressure', signal: kind === 'inference-queue-depth' ? { kind, depth: v } : { kind, usedPct: v } });
};
$('set-phase').onclick = () => send({ cmd: 'sleep', phase: $('phase').value });
$('persona-create').onclick = () => send({ cmd: 'persona-create', id: $('persona-id').value.trim() });
$('persona-destroy').onclick = () => send({ cmd: 'persona-destroy', id: $('persona-id').value.trim() });
/** The persona handle() goes to: the selected persona row, or the persona of a selected region row, or the id box. */
function handlePersona() {
  const key = state.selected ?? '';
  if (key.startsWith('persona:')) return key.slice(8);
  const row = tree.rows.get(key);
  if (row && row.machine === 'region' && key.includes('@')) return key.slice(key.lastIndexOf('@') + 1);
  return $('persona-id').value.trim() || 'alice';
}
$('handle-send').onclick = () => send({ cmd: 'handle', persona: handlePersona(), channel: $('handle-channel').value, text: $('handle-text').value });
bindHandleResult($('handle-result'));
// replay controls
$('scrub').oninput = () => seek({ cmd: 'seek', index: Number($('scrub').value) });
$('back').onclick = () => seek({ cmd: 'seek', index: state.index - 1 });
$('forward').onclick = () => seek({ cmd: 'seek', index: state.index + 1 });
$('jump').onclick = () => seek({ cmd: 'seek-time', t: Number($('jump-t').value) });
document.addEventListener('keydown', (e) => {
  if (state.mode !== 'replay' || e.target.tagName === 'INPUT') return;
  if (e.key === 'ArrowLeft') seek({ cmd: 'seek', index: state.index - 1 });
  if (e.key === 'ArrowRight') seek({ cmd: 'seek', index: state.index + 1 });
});
// search and filters
$('tree-search').oninput = () => { tree.search($('tree-search').value); afterRows(); };
$('filter-actor').oninput = $('filter-type').oninput = () => stream.setFilter($('filter-actor').value, $('filter-type').value);
