// Yield learning (algorithm 7) moves budget toward the regions whose output is read: a motor cortex nobody reads
// slows down beside one whose candidates the handler reads, on the same traffic.
import { describe, expect, it } from 'vitest';
import { brain, status } from '../cognition/fixtures.js';
import { ChatDriver } from '../cognition/chat-driver.js';
import type { ChannelId } from '../../../src/runtime/ids.js';

describe('yield learning over the cognition regions', () => {
  it('a motor cortex nobody reads gets a lower weight and ticks less often than one that is read', () => {
    const { clock, substrate } = brain(['reader', 'lurker']);
    const cognition = substrate.cognition!;
    const lurker = cognition.get('lurker');
    // `reader` is served by handle() (reads prefetch, blend and candidates); `lurker` gets the same messages through a
    // consumer that appends to working memory and reads only the hippocampus's prefetch — never the candidates.
    const lurk = (channel: string, text: string): void => {
      const ring = lurker.working.ring(channel as ChannelId);
      ring.push(text, 'user', undefined, clock.now());
      lurker.messages++;
      lurker.lastMessageAt = clock.now();
      (cognition.sleepPolicy as { lastActivityAt: number }).lastActivityAt = clock.now();
      substrate.buffer('hippocampus', 'lurker').peek(ring.prefetchKey);
    };
    const drive = new ChatDriver({ personas: ['x'], channels: ['eng', 'ops'], seed: 6, meanGapMs: 1_500 }, (_p, c, t) => {
      const r = substrate.handle('reader', c, t);
      lurk(c, t);
      return r;
    });
    drive.run(clock, 5 * 60_000);
    const read = status(substrate, 'motor-cortex@reader');
    const unread = status(substrate, 'motor-cortex@lurker');
    expect(unread.weight).toBeLessThan(read.weight - 0.2);
    expect(unread.intervalMs).toBeGreaterThan(read.intervalMs * 2);
    expect(unread.ticks).toBeLessThan(read.ticks);
    // the lurker's hippocampus is read (its prefetch), so it keeps its budget
    expect(status(substrate, 'hippocampus@lurker').weight).toBeGreaterThan(1);
    // the governor's hit-rate signal is the handler's (hit + 0.5·partial) / reads for the reader's motor cortex
    expect(substrate.cognition!.get('reader').candidateReads.reads).toBeGreaterThan(300);
    substrate.stop();
  });
});
