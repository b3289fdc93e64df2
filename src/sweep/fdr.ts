export interface FalseDiscoveryControl {
  /** Benjamini-Hochberg adjusted p-values (q-values), in the input order. */
  adjusted: Float64Array;
  /** Whether each hypothesis is rejected at the chosen false discovery rate. */
  rejected: boolean[];
}

/**
 * Benjamini-Hochberg (1995) step-up control of the false discovery rate at level q: with the m
 * p-values sorted, p_(1) <= ... <= p_(m), reject the i smallest for the largest i with
 * p_(i) <= i q / m. Adjusted p: q_(i) = min over j >= i of min(1, m p_(j) / j); reject where q_(i) <= q.
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, q: number): FalseDiscoveryControl {
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => pValues[a] - pValues[b] || a - b,
  );
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    running = Math.min(running, (m * pValues[index]) / rank);
    adjusted[index] = Math.min(1, running);
  }
  return { adjusted, rejected: Array.from(adjusted, (value) => value <= q) };
}
