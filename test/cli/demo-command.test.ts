import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo-command.js';

describe('continuum demo', () => {
  it('prints the governor decisions of the demo script and a table of every region instance', () => {
    const lines: string[] = [];
    runDemo((l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/t=10000 ms {2}governor:policy .*"step":5.*"level":"critical"/);
    expect(text).toMatch(/t=20000 ms {2}governor:sleep:transition {"from":"active","phase":"sleep"}/);
    expect(text).toMatch(/governor:override .*paused: critical pressure and no pressureWork/);
    const table = lines.slice(lines.indexOf('') + 1);
    expect(table[0]).toMatch(/^region\s+ticks\s+passes/);
    expect(table.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['heartbeat', 'echo-prefetch@alice', 'echo-prefetch@bob']);
  });
});
