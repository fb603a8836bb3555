// WorkingMemory: a bounded ring of recent messages per channel (§1.4 `working`): the handler appends, old entries fall
// off, and the hippocampus drains what it has not consolidated yet. Plain data, one writer per operation, no locks.
import type { ChannelId } from '../../runtime/ids.js';

/** One message as working memory holds it. */
export interface WorkingEntry {
  /** Per-channel sequence number, 1 for the channel's first message. */
  readonly seq: number;
  readonly text: string;
  readonly author: string;
  readonly taskDomain: string | undefined;
  readonly at: number;
  /** Reactions received before the hippocampus consolidated it (commuting increments). */
  reactions: number;
}

/** One channel's ring, plus the buffer keys the handler reads for it (built once per channel, not per call). */
export class ChannelRing {
  readonly entries: (WorkingEntry | undefined)[];
  /** Sequence number of the newest message (0: none). */
  seq = 0;
  /** Sequence number of the newest message the hippocampus drained. */
  drainedSeq = 0;
  /** Messages that fell off the ring before they were drained. */
  dropped = 0;
  lastAt = 0;
  readonly prefetchKey: string;
  readonly blendKey: string;
  readonly candidatesKey: string;

  constructor(readonly channelId: ChannelId, readonly capacity: number) {
    this.entries = new Array<WorkingEntry | undefined>(capacity);
    this.prefetchKey = `prefetch:${channelId}`;
    this.blendKey = `blend:${channelId}`;
    this.candidatesKey = `candidates:${channelId}`;
  }

  push(text: string, author: string, taskDomain: string | undefined, at: number): WorkingEntry {
    const seq = ++this.seq;
    const slot = seq % this.capacity;
    const old = this.entries[slot];
    if (old !== undefined && old.seq > this.drainedSeq) this.dropped++;
    const entry: WorkingEntry = { seq, text, author, taskDomain, at, reactions: 0 };
    this.entries[slot] = entry;
    this.lastAt = at;
    return entry;
  }

  /** The entry with sequence number `seq`, while it is still in the ring. */
  get(seq: number): WorkingEntry | undefined {
    const e = this.entries[seq % this.capacity];
    return e !== undefined && e.seq === seq ? e : undefined;
  }

  /** The newest entry, if any. */
  latest(): WorkingEntry | undefined {
    return this.seq === 0 ? undefined : this.get(this.seq);
  }

  /** Entries not drained yet that are still in the ring, oldest first; marks them drained. */
  drain(): WorkingEntry[] {
    const from = Math.max(this.drainedSeq + 1, this.seq - this.capacity + 1);
    const out: WorkingEntry[] = [];
    for (let s = from; s <= this.seq; s++) {
      const e = this.get(s);
      if (e) out.push(e);
    }
    this.drainedSeq = this.seq;
    return out;
  }

  /** The newest `n` entries (drained or not), oldest first. */
  recent(n: number): WorkingEntry[] {
    const out: WorkingEntry[] = [];
    for (let s = Math.max(1, this.seq - Math.min(n, this.capacity) + 1); s <= this.seq; s++) {
      const e = this.get(s);
      if (e) out.push(e);
    }
    return out;
  }
}

/** The per-channel rings of one persona, bounded in entries per channel and in channels. */
export class WorkingMemory {
  readonly #channels = new Map<string, ChannelRing>();

  constructor(readonly perChannel: number, readonly maxChannels: number) {}

  /** The channel's ring, created on first use; when `maxChannels` rings exist, the least recently active one is dropped. */
  ring(channelId: ChannelId): ChannelRing {
    let ring = this.#channels.get(channelId);
    if (ring) return ring;
    if (this.#channels.size >= this.maxChannels) {
      let oldest: ChannelRing | undefined;
      for (const r of this.#channels.values()) if (!oldest || r.lastAt < oldest.lastAt) oldest = r;
      if (oldest) this.#channels.delete(oldest.channelId);
    }
    ring = new ChannelRing(channelId, this.perChannel);
    this.#channels.set(channelId, ring);
    return ring;
  }

  get(channelId: string): ChannelRing | undefined {
    return this.#channels.get(channelId);
  }

  channels(): IterableIterator<ChannelRing> {
    return this.#channels.values();
  }

  get size(): number {
    return this.#channels.size;
  }

  /** Messages appended and not yet drained, over all channels. */
  pending(): number {
    let n = 0;
    for (const r of this.#channels.values()) n += Math.min(r.seq - r.drainedSeq, r.capacity);
    return n;
  }
}
