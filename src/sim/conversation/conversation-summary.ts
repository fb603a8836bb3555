// The `conversation` section of summary.json: what the conversation load sent, how `handle()` went per buffer and
// per persona (hit rates of §2 algorithm 5), the predictor's verdict, bounded hit-rate series, and the baseline.
import type { BaselineKind } from '../scenario-types.js';
import type { ConsolidationByPhase } from '../../actors/cognition/consolidation-tally.js';
import { predictorVerdict as cognitionVerdict } from '../../actors/cognition/read-tally.js';
import { PREDICTOR_FAILING_BELOW, HIT_RATE_TARGET, type PredictorVerdict } from './cognition-expectation-types.js';
import type { ConversationContent, ConversationRecorder } from './conversation-recorder.js';
import type { BoundedSeries } from './bounded-series.js';
import { BUFFER_REGION, HANDLE_BUFFERS, hitRate, readsOf, type HandleBuffer, type HandleCounters, type OutcomeCounts } from './handle-counters.js';

/** One buffer's read outcomes with the hit rate. */
export interface BufferRates extends OutcomeCounts {
  reads: number;
  hitRate: number;
}

export interface PersonaConversationSummary {
  persona: string;
  handled: number;
  errors: number;
  degraded: number;
  prefetch: BufferRates;
  candidate: BufferRates;
  blend: BufferRates;
  predictor: PredictorVerdict;
}

/** A hit-rate series: [bucket middle ms, hit rate, reads, mean prefetch age ms (null: none staged)] per bucket with reads. */
export type HitRateSeries = Array<[number, number, number, number | null]>;

export interface ConversationSummary {
  content: ConversationContent;
  handled: number;
  errors: number;
  degraded: number;
  /** Per buffer, with the region that fills it. */
  buffers: Record<HandleBuffer, BufferRates & { region: string }>;
  /** The prefetch hit rate over the run and cognition's verdict: `failing` below `failingBelow`, `on-target` above `target`. */
  predictor: { verdict: PredictorVerdict; hitRate: number; failingBelow: number; target: number };
  personas: PersonaConversationSummary[];
  series: { widthMs: number; personas: Record<string, HitRateSeries>; buffers: Record<HandleBuffer, HitRateSeries> };
  /**
   * The hippocampus's consolidation by the phase it ran in, over every persona: shallow passes (ticks that drained
   * working memory), deep passes (sleepWork) and engrams pruned. Left out when the run had no cognition.
   */
  consolidation?: ConsolidationByPhase;
  /** The first distinct errors `handle()` threw (at most 5). */
  errorsSeen: string[];
  /** The baseline run's figures (the same conversation with the baseline variant), when the scenario asks for one. */
  baseline?: { kind: BaselineKind } & Omit<ConversationSummary, 'baseline'>;
}

export const rates = (o: OutcomeCounts): BufferRates => ({ hit: o.hit, partial: o.partial, miss: o.miss, reads: readsOf(o), hitRate: hitRate(o) });

/** The predictor's verdict from prefetch outcomes — cognition's `predictorVerdict` of the (rounded) hit rate shown. */
export function predictorVerdict(prefetch: OutcomeCounts): PredictorVerdict {
  return cognitionVerdict({ reads: readsOf(prefetch), hitRate: hitRate(prefetch) });
}

function seriesOf(s: BoundedSeries, withAge: boolean): HitRateSeries {
  return s.buckets().filter((b) => b.counts[0]! + b.counts[1]! + b.counts[2]! > 0).map((b) => {
    const [hit, partial, miss, ageSum, ageCount] = b.counts as [number, number, number, number, number];
    return [(b.from + b.to) / 2, hitRate({ hit, partial, miss }), hit + partial + miss, withAge && ageCount > 0 ? Math.round(ageSum / ageCount) : null];
  });
}

const personaSummary = (persona: string, c: HandleCounters): PersonaConversationSummary => ({
  persona, handled: c.handled, errors: c.errors, degraded: c.degraded,
  prefetch: rates(c.prefetch), candidate: rates(c.candidate), blend: rates(c.blend), predictor: predictorVerdict(c.prefetch),
});

/** Builds the section from a finished run's recorder (personas in the order they were first handled). */
export function conversationSummary(recorder: ConversationRecorder, consolidation?: ConsolidationByPhase): ConversationSummary {
  const t = recorder.total;
  const buffers = Object.fromEntries(HANDLE_BUFFERS.map((b) => [b, { ...rates(t[b]), region: BUFFER_REGION[b] }])) as ConversationSummary['buffers'];
  return {
    content: { ...recorder.content },
    handled: t.handled,
    errors: t.errors,
    degraded: t.degraded,
    buffers,
    predictor: { verdict: predictorVerdict(t.prefetch), hitRate: hitRate(t.prefetch), failingBelow: PREDICTOR_FAILING_BELOW, target: HIT_RATE_TARGET },
    personas: [...recorder.personas].map(([p, c]) => personaSummary(p, c)),
    series: {
      widthMs: recorder.bufferSeries.prefetch.widthMs,
      personas: Object.fromEntries([...recorder.personaSeries].map(([p, s]) => [p, seriesOf(s, true)])),
      buffers: Object.fromEntries(HANDLE_BUFFERS.map((b) => [b, seriesOf(recorder.bufferSeries[b], b === 'prefetch')])) as Record<HandleBuffer, HitRateSeries>,
    },
    ...(consolidation ? { consolidation } : {}),
    errorsSeen: [...recorder.errors],
  };
}
