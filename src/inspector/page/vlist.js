// A virtualized list: only the rows in view (plus a margin) exist in the DOM, so 4,000 actors or 5,000 events
// scroll as fast as 40. `render(el, item, index)` fills a reused row element.
export const ROW_HEIGHT = 20;

export class VirtualList {
  constructor(container, render, onClick) {
    this.container = container;
    this.spacer = container.querySelector('.spacer');
    this.render = render;
    this.items = [];
    this.pool = [];
    this.selectedKey = null;
    this.keyOf = (item) => item;
    container.addEventListener('scroll', () => this.paint());
    container.addEventListener('click', (e) => {
      const row = e.target.closest('.row');
      if (row && row.dataset.index !== undefined) onClick(this.items[Number(row.dataset.index)], e);
    });
  }

  setItems(items) {
    this.items = items;
    this.spacer.style.height = `${items.length * ROW_HEIGHT}px`;
    this.paint();
  }

  /** Scrolls so item `index` is in view. */
  reveal(index) {
    const top = index * ROW_HEIGHT;
    const c = this.container;
    if (top < c.scrollTop || top + ROW_HEIGHT > c.scrollTop + c.clientHeight) c.scrollTop = Math.max(0, top - c.clientHeight / 2);
    this.paint();
  }

  paint() {
    const c = this.container;
    const first = Math.max(0, Math.floor(c.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(this.items.length, Math.ceil((c.scrollTop + c.clientHeight) / ROW_HEIGHT) + 5);
    let used = 0;
    for (let i = first; i < last; i++, used++) {
      let el = this.pool[used];
      if (!el) {
        el = document.createElement('div');
        this.pool.push(el);
        c.appendChild(el);
      }
      el.style.display = '';
      el.style.top = `${i * ROW_HEIGHT}px`;
      el.dataset.index = String(i);
      const item = this.items[i];
      el.className = 'row';
      this.render(el, item, i);
      if (this.selectedKey !== null && this.keyOf(item) === this.selectedKey) el.classList.add('selected');
    }
    for (let i = used; i < this.pool.length; i++) this.pool[i].style.display = 'none';
  }
}
