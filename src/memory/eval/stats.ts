// The evaluation's statistics: means and two standard errors of a mean (the "beats it" rule's yardstick).

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** 2 × the standard error of the mean of `xs` (sample standard deviation / √n); 0 for fewer than two values. */
export function twoStandardErrors(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  const variance = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  return 2 * Math.sqrt(variance / xs.length);
}

/** The paired differences a[i] − b[i] where both are defined (same queries, two methods). */
export function pairedDifferences(a: readonly (number | undefined)[], b: readonly (number | undefined)[]): number[] {
  const d: number[] = [];
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined) d.push(x - y);
  }
  return d;
}

/**
 * The acceptance rule: the algorithm beats its no-op when the mean paired difference (in the better direction)
 * exceeds two standard errors — a point estimate inside the noise is not a win.
 */
export function beatsByTwoSe(differences: readonly number[], better: 'higher' | 'lower'): { difference: number; twoSe: number; pass: boolean } {
  const difference = mean(differences);
  const twoSe = twoStandardErrors(differences);
  const gain = better === 'higher' ? difference : -difference;
  return { difference, twoSe, pass: differences.length >= 2 && gain > twoSe };
}
