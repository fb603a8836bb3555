// The selected actor's statechart: the machine's SVG (rendered by the server with Graphviz) with its active
// states highlighted. Graphviz titles each node with the state's id and each cluster with `cluster_<id>`.
const svgs = new Map();

/** State ids active in `value` of machine `root`: `{ status: 'active' }` → root, root.status, root.status.active. */
export function activeIds(root, value) {
  const ids = [root];
  const walk = (prefix, v) => {
    if (typeof v === 'string') return void ids.push(`${prefix}.${v}`);
    if (v && typeof v === 'object') for (const [k, sub] of Object.entries(v)) { ids.push(`${prefix}.${k}`); walk(`${prefix}.${k}`, sub); }
  };
  walk(root, value);
  return ids;
}

export class StatechartView {
  constructor(container, title) {
    this.container = container;
    this.title = title;
    this.machine = null;
    this.elements = new Map();
  }

  async show(row) {
    if (!row || !row.machine) {
      this.machine = null;
      this.container.innerHTML = '';
      this.title.textContent = row ? `${row.id} (no statechart)` : 'select an actor';
      return;
    }
    this.title.textContent = `${row.id} · ${row.machine} · ${row.status}`;
    if (this.machine !== row.machine) {
      this.machine = row.machine;
      let text = svgs.get(row.machine);
      if (!text) {
        text = await (await fetch(`/chart/${row.machine}.svg`)).text();
        svgs.set(row.machine, text);
      }
      if (this.machine !== row.machine) return; // another selection came first
      this.container.innerHTML = text.slice(text.indexOf('<svg'));
      this.elements = new Map();
      for (const g of this.container.querySelectorAll('g.node, g.cluster')) {
        const t = g.querySelector(':scope > title')?.textContent ?? '';
        this.elements.set(g.classList.contains('cluster') ? t.replace(/^cluster_/, '') : t, g);
      }
    }
    this.highlight(row);
  }

  highlight(row) {
    if (!row || row.machine !== this.machine) return;
    this.title.textContent = `${row.id} · ${row.machine} · ${row.status}`;
    const active = new Set(activeIds(row.machine, row.value));
    for (const [id, g] of this.elements) g.classList.toggle('active', active.has(id));
    this.container.dataset.active = [...active].filter((id) => this.elements.has(id)).join(' ');
  }
}
