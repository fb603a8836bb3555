// The continuum-substrate/memory entry point: the subpath in package.json and the API the cognition regions use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as memory from '../../src/memory/index.js';

describe('continuum-substrate/memory', () => {
  it('is a package.json subpath built from src/memory/index.ts', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
    expect(pkg.exports['./memory']).toEqual({ types: './dist/memory/index.d.ts', default: './dist/memory/index.js' });
  });

  it('exports the store, graph, embedders, algorithms and recall', () => {
    const api = memory as Record<string, unknown>;
    for (const name of [
      'createInMemoryEngramStore', 'createPersonaMemory', 'createMemoryBank', 'createHashingEmbedder', 'createWordVectorEmbedder', 'checkedEmbedder',
      'cosine', 'countTokens', 'twoPoolBudget', 'focusConfidence', 'scoreTerms', 'combineScore', 'spreadActivation', 'recency', 'halfLifeMs',
      'computeGenomeBlend', 'recall', 'prepareRecall', 'rehearse', 'generateSyntheticMemory', 'runMemoryEvaluation',
    ]) {
      expect(typeof api[name], name).toBe('function');
    }
    expect(typeof memory.EngramGraph).toBe('function');
    expect(memory.DEFAULT_SCORE_WEIGHTS.topical).toBe(0.35);
  });
});
