// Algorithm 1's ceiling in the evaluation world: how much any focus fraction in [0.5, 0.9] could gain over the
// fixed 70/30 split, given an oracle that knows each query's kind, and how well the focus confidence tells the kinds apart.

/** The focus fractions the ceiling tries: the range algorithm 1 can reach. */
export const SPLIT_FRACTIONS = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** One held-out query: its kind, algorithm 1's confidence, and its precision at each of `SPLIT_FRACTIONS`. */
export interface SplitSample {
  readonly kind: 'home' | 'cross';
  readonly confidence: number;
  readonly precision: readonly number[];
}

export interface SplitCeiling {
  /** Mean precision at each of `SPLIT_FRACTIONS`, per query kind. */
  readonly byKind: { readonly home: readonly number[]; readonly cross: readonly number[] };
  /** The best fraction per kind, chosen on these same queries (an oracle: not a method). */
  readonly oracleFraction: { readonly home: number; readonly cross: number };
  /** Mean precision of the oracle minus that of the fixed 70/30 split. */
  readonly oracleGain: number;
  /** Mean precision of the best fraction per query (chosen knowing the answer) minus the fixed split's. */
  readonly perQueryGain: number;
  /** Mean confidence per kind, and P(confidence of a home query > that of a cross query), ties ½. */
  readonly meanConfidence: { readonly home: number; readonly cross: number };
  readonly auc: number;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Summarizes the samples; 0 everywhere for an empty set. */
export function splitCeiling(samples: readonly SplitSample[]): SplitCeiling {
  const fixed = SPLIT_FRACTIONS.indexOf(0.7);
  const of = (kind: 'home' | 'cross') => samples.filter((s) => s.kind === kind);
  const curve = (xs: readonly SplitSample[]) => SPLIT_FRACTIONS.map((_, i) => mean(xs.map((s) => s.precision[i] ?? 0)));
  const best = (c: readonly number[]): number => c.reduce((b, v, i) => (v > c[b]! ? i : b), fixed);
  const home = curve(of('home'));
  const cross = curve(of('cross'));
  const pick = { home: best(home), cross: best(cross) };
  const base = mean(samples.map((s) => s.precision[fixed] ?? 0));
  const oracle = mean(samples.map((s) => s.precision[pick[s.kind]] ?? 0));
  const perQuery = mean(samples.map((s) => Math.max(...s.precision)));
  const h = of('home').map((s) => s.confidence);
  const c = of('cross').map((s) => s.confidence);
  let wins = 0;
  for (const x of h) for (const y of c) wins += x > y ? 1 : x === y ? 0.5 : 0;
  return {
    byKind: { home, cross },
    oracleFraction: { home: SPLIT_FRACTIONS[pick.home]!, cross: SPLIT_FRACTIONS[pick.cross]! },
    oracleGain: oracle - base,
    perQueryGain: perQuery - base,
    meanConfidence: { home: mean(h), cross: mean(c) },
    auc: h.length === 0 || c.length === 0 ? 0.5 : wins / (h.length * c.length),
  };
}
