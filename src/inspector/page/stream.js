// The event stream: every event an actor received (and, in a replay, the other frames), newest last, filterable by
// actor and by event type, with the selected entry's payload. Keeps the newest MAX_EVENTS.
import { VirtualList } from './vlist.js';
import { formatValue } from './tree.js';

export const MAX_EVENTS = 5000;

const fmtT = (t) => `${(t / 1000).toFixed(3)}s`;

/** One line of text for a frame. */
export function describeFrame(f) {
  switch (f.k) {
    case 'event': return { who: f.id, type: f.event.type, text: `${f.from ? `${f.from} → ` : ''}${f.id}  ${f.event.type}` };
    case 'state': return { who: f.id, type: 'state', text: `${f.id}  = ${formatValue(f.value)}${f.status !== 'active' ? ` (${f.status})` : ''}` };
    case 'actor': return { who: f.id, type: 'actor', text: `${f.id}  spawned under ${f.parent ?? '(root)'}` };
    case 'gone': return { who: f.id, type: 'gone', text: `${f.id}  stopped` };
    case 'buffer': return { who: f.key, type: 'buffer', text: `${f.key}  buffer: ${f.size} held, ${f.stats.publishes} published, ${f.stats.hits} hits, ${f.stats.misses} misses, ${f.stats.evictions} evicted` };
    case 'substrate': return { who: f.record.key ?? 'substrate', type: f.record.type, text: `substrate ${f.record.type}  ${JSON.stringify(f.record).slice(0, 160)}` };
    default: return { who: '', type: String(f.k), text: JSON.stringify(f) };
  }
}

export class EventStream {
  constructor(container, payload, count) {
    this.frames = [];
    this.shown = [];
    this.actor = '';
    this.type = '';
    this.dropped = 0;
    this.payload = payload;
    this.count = count;
    this.current = -1;
    this.follow = true;
    this.list = new VirtualList(container, (el, f) => {
      const d = describeFrame(f);
      if (el.children.length !== 2) el.innerHTML = '<span class="t"></span> <span></span>';
      el.children[0].textContent = fmtT(f.t);
      el.children[1].textContent = d.text;
      el.children[1].className = `k-${f.k}`;
      if (f === this.currentFrame) el.classList.add('current');
    }, (f) => {
      this.list.selectedKey = f;
      this.payload.textContent = JSON.stringify(f.k === 'event' ? f.event : f, null, 2);
      this.follow = false;
      this.list.paint();
    });
    container.addEventListener('scroll', () => {
      this.follow = container.scrollTop + container.clientHeight >= container.scrollHeight - 30;
    });
  }

  setFilter(actor, type) {
    this.actor = actor.trim().toLowerCase();
    this.type = type.trim().toLowerCase();
    this.refresh();
  }

  #passes(f) {
    if (!this.actor && !this.type) return true;
    const d = describeFrame(f);
    return (!this.actor || d.who.toLowerCase().includes(this.actor) || (f.from ?? '').toLowerCase().includes(this.actor)) && (!this.type || d.type.toLowerCase().includes(this.type));
  }

  /** Live: appends a batch. */
  append(frames, dropped) {
    this.dropped += dropped;
    for (const f of frames) this.frames.push(f);
    if (this.frames.length > MAX_EVENTS * 1.2) this.frames.splice(0, this.frames.length - MAX_EVENTS);
    this.refresh();
  }

  /** Replay: the window of frames up to the current one. */
  replace(frames) {
    this.frames = frames;
    this.currentFrame = frames[frames.length - 1];
    this.follow = true;
    this.refresh();
  }

  refresh() {
    this.shown = this.frames.filter((f) => this.#passes(f));
    this.list.setItems(this.shown);
    if (this.follow) this.list.container.scrollTop = this.list.container.scrollHeight;
    this.count.textContent = `${this.shown.length} of ${this.frames.length} shown${this.dropped ? ` · ${this.dropped} left out by throttling` : ''}`;
  }
}
