// Algorithm 1's calibration: runs on the calibration seed only, searches the documented grid, ranks what it
// tried best first, and its winner's gain is the gain recall gets with those settings.
import { describe, expect, it } from 'vitest';
import { CALIBRATION_GRID, CALIBRATION_SEED, calibrateConfidence } from '../../src/memory/eval/calibrate-confidence.js';
import { createHashingEmbedder } from '../../src/memory/embedder.js';
import { prepareRecall, recall, recalledEngrams } from '../../src/memory/recall.js';
import { generateSyntheticMemory } from '../../src/memory/synthetic/generate.js';
import { loadSyntheticPersona } from '../../src/memory/synthetic/load.js';

describe('calibrateConfidence (small world)', () => {
  const result = calibrateConfidence({ synthetic: { personas: 1, engrams: 600, queries: 6 }, totalTokens: 80 });

  it('fits on the calibration seed and reports the winner first', () => {
    expect(result.seed).toBe(CALIBRATION_SEED);
    expect(result.queries).toBe(6);
    expect(result.tried[0]!.options).toEqual(result.best);
    expect(result.gain).toBeCloseTo(result.tried[0]!.gain, 12);
    for (let i = 1; i < result.tried.length; i++) expect(result.tried[i]!.gain).toBeLessThanOrEqual(result.tried[i - 1]!.gain);
  });

  it('keeps to the grid and the minimum scale width', () => {
    for (const { options: o } of result.tried) {
      expect(CALIBRATION_GRID.topK).toContain(o.topK);
      expect(CALIBRATION_GRID.spreadWeight).toContain(o.spreadWeight);
      expect(CALIBRATION_GRID.gapWeight).toContain(o.gapWeight);
      expect(o.scale.high - o.scale.low).toBeGreaterThanOrEqual(CALIBRATION_GRID.minWidth - 1e-9);
    }
  });

  it('measures the gain recall itself gets with the winning settings', () => {
    const embedder = createHashingEmbedder();
    const persona = generateSyntheticMemory({ seed: CALIBRATION_SEED, personas: 1, engrams: 600, queries: 6 }).personas[0]!;
    const { store, graph } = loadSyntheticPersona(persona, embedder).memory;
    const b = result.best;
    const tuned = prepareRecall({ confidenceTopK: b.topK, confidenceScale: b.scale, confidenceGapWeight: b.gapWeight, confidenceSpreadWeight: b.spreadWeight });
    const gains = persona.queries.map((q) => {
      const query = { personaId: persona.personaId, channelId: q.channelId, embedding: embedder.embed(q.text), taskDomain: q.taskDomain, recentHistory: q.recentHistory };
      const precision = (focusFraction?: number) => {
        const ids = recalledEngrams(recall(query, store, graph, focusFraction === undefined ? { totalTokens: 80 } : { totalTokens: 80, focusFraction }, tuned));
        return ids.length === 0 ? 0 : ids.filter((x) => q.relevant.includes(x.engram.id)).length / ids.length;
      };
      return precision() - precision(0.7);
    });
    expect(gains.reduce((a, x) => a + x, 0) / gains.length).toBeCloseTo(result.gain, 10);
  });
});
