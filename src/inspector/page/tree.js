// The actor tree: governor → cohort supervisors → personas → their regions, from the actor table. Collapsible,
// searchable, virtualized. A persona is a grouping row of the regions named `<region>@<persona>` under a cohort.
import { VirtualList } from './vlist.js';

/** `{ a: 'x', b: { c: 'y' } }` → `a: x, b: (c: y)`. */
export function formatValue(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return Object.entries(value).map(([k, v]) => (typeof v === 'string' ? `${k}: ${v}` : `${k}: (${formatValue(v)})`)).join(', ');
}

export class ActorTree {
  constructor(container, onSelect) {
    this.rows = new Map();
    this.collapsed = new Set();
    this.query = '';
    this.dirty = true;
    this.list = new VirtualList(container, (el, item) => this.#paintRow(el, item), (item, e) => {
      if (e.target.classList.contains('tog')) this.toggle(item.key);
      else onSelect(item);
    });
    this.list.keyOf = (item) => item.key;
  }

  /** Replaces the whole table (replay) or applies changed rows (live). */
  update(rows, replace = false) {
    if (replace) this.rows = new Map();
    for (const r of rows) {
      const old = this.rows.get(r.id);
      if (!old || old.parent !== r.parent || old.status !== r.status) this.dirty = true;
      this.rows.set(r.id, r);
    }
    if (this.dirty) this.rebuild();
    else this.list.paint();
  }

  toggle(key) {
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.rebuild();
  }

  search(query) {
    this.query = query.trim().toLowerCase();
    this.rebuild();
  }

  select(key) {
    this.list.selectedKey = key;
    const i = this.list.items.findIndex((it) => it.key === key);
    if (i >= 0) this.list.reveal(i);
    else this.list.paint();
  }

  /** The tree as nodes `{ key, label, row?, children }`. */
  #nodes() {
    const byKey = new Map();
    const node = (key, label, row) => {
      let n = byKey.get(key);
      if (!n) byKey.set(key, (n = { key, label, row, children: [] }));
      if (row) n.row = row;
      return n;
    };
    const roots = [];
    for (const row of this.rows.values()) {
      const n = node(row.id, row.id, row);
      const parent = row.parent !== undefined ? this.rows.get(row.parent) : undefined;
      if (!parent) { roots.push(n); continue; }
      const at = row.id.indexOf('@');
      if (parent.machine === 'cohort' && at > 0) {
        const persona = node(`persona:${row.id.slice(at + 1)}`, row.id.slice(at + 1));
        persona.persona = true;
        if (!persona.attached) { persona.attached = true; node(parent.id, parent.id, parent).children.push(persona); }
        persona.children.push(n);
      } else node(parent.id, parent.id, parent).children.push(n);
    }
    return roots;
  }

  rebuild() {
    this.dirty = false;
    const q = this.query;
    const flat = [];
    const matches = (n) => !q || n.label.toLowerCase().includes(q) || (n.row && ((n.row.machine ?? '').includes(q) || formatValue(n.row.value).toLowerCase().includes(q)));
    const visit = (n, depth) => {
      const kids = [];
      let any = matches(n);
      const sub = [];
      for (const c of n.children) {
        const got = visit(c, depth + 1);
        if (got) { any = true; sub.push(got); }
      }
      if (!any) return null;
      kids.push({ key: n.key, label: n.label, row: n.row, persona: n.persona, depth, hasKids: n.children.length > 0 }, ...(this.collapsed.has(n.key) && !q ? [] : sub.flat()));
      return kids;
    };
    let count = 0;
    for (const r of this.#nodes()) {
      const got = visit(r, 0);
      if (got) flat.push(...got);
    }
    for (const item of flat) if (item.row) count++;
    this.list.setItems(flat);
    this.count = count;
  }

  #paintRow(el, item) {
    const row = item.persona ? undefined : this.rows.get(item.key); // the current row: values change without a rebuild
    el.style.paddingLeft = `${4 + item.depth * 14}px`;
    if (row) el.classList.add(row.status);
    const tog = item.hasKids ? (this.collapsed.has(item.key) ? '▸' : '▾') : '';
    const machine = item.persona ? 'persona' : row?.machine ?? '';
    if (el.children.length !== 4) el.innerHTML = '<span class="tog"></span><span class="id"></span><span class="m"></span><span class="v"></span>';
    el.children[0].textContent = tog;
    el.children[1].textContent = item.label;
    el.children[2].textContent = machine + (row && row.status !== 'active' ? ` · ${row.status}` : '');
    el.children[3].textContent = row ? formatValue(row.value) : '';
    el.dataset.key = item.key;
  }
}
