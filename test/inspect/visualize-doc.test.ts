import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderVisualizeDoc } from '../../src/inspect/visualize-doc.js';
import { findMachine } from '../../src/inspect/machine-catalog.js';
import { toMermaid } from '../../src/inspect/to-mermaid.js';

describe('docs/visualize.md', () => {
  it('is current: regenerating it gives the file on disk (run `npm run docs:visualize` if this fails)', () => {
    const onDisk = readFileSync(new URL('../../docs/visualize.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderVisualizeDoc());
  });

  it('embeds the region and governor machines as mermaid blocks', () => {
    const doc = renderVisualizeDoc();
    const blocks = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toEqual([toMermaid(findMachine('region').machine), toMermaid(findMachine('governor').machine)]);
  });
});
