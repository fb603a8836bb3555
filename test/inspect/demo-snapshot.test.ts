import { describe, it, expect } from 'vitest';
import { runDemoSnapshot } from '../../src/inspect/demo-snapshot.js';
import { InspectError } from '../../src/inspect/inspect-error.js';

describe('runDemoSnapshot', () => {
  it('runs the demo setup on the simulated clock to the asked time (10 s by default)', () => {
    const byDefault = runDemoSnapshot();
    const later = runDemoSnapshot({ at: 25_000 });
    try {
      expect(byDefault.clock.now()).toBe(10_000);
      expect(byDefault.personas()).toEqual(['alice', 'bob']);
      expect(later.clock.now()).toBe(25_000);
      expect(later.policy().phase).toBe('sleep'); // the demo's script put it to sleep at 20 s
      expect(byDefault.policy().phase).toBe('active');
    } finally {
      byDefault.stop();
      later.stop();
    }
  });

  it('refuses a negative or non-numeric time', () => {
    expect(() => runDemoSnapshot({ at: -1 })).toThrow(InspectError);
    expect(() => runDemoSnapshot({ at: Number.NaN })).toThrow(/--at must be a time in ms/);
  });
});
