/** Murmur3's 32-bit finaliser: every input bit affects every output bit. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seed for one piece of work (a window, an ensemble member) derived from the run's seed, so
 * the piece computes the same numbers whichever thread runs it and in whatever order.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  const low = Number(BigInt.asUintN(32, BigInt(seed)));
  const high = Number(BigInt.asUintN(32, BigInt(seed) >> 32n));
  let h = mix32(low ^ 0x9e3779b9);
  h = mix32(h ^ high);
  for (const part of parts) h = mix32((h + Math.imul(part + 1, 0x9e3779b9)) >>> 0);
  return h;
}
