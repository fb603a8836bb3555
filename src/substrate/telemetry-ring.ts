// A bounded ring of recent records (tick telemetry history): O(1) push, oldest dropped when full.

export class TelemetryRing<T> {
  readonly #items: (T | undefined)[];
  #start = 0;
  #size = 0;
  #total = 0;

  constructor(readonly capacity: number) {
    this.#items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    const cap = this.capacity;
    if (this.#size < cap) {
      this.#items[(this.#start + this.#size) % cap] = item;
      this.#size++;
    } else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % cap;
    }
    this.#total++;
  }

  get size(): number {
    return this.#size;
  }

  /** Records ever pushed, including those since dropped. */
  get total(): number {
    return this.#total;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T);
    return out;
  }
}
