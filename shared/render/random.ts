// A seeded source of randomness for `randomAlphanumeric`, so golden files, tests and
// `ork template --seed` give the same bytes every run. Never for real secrets: the controller
// leaves `random` unset, so the template engine uses its own default source.

/** A deterministic generator of numbers in [0, 1) from a 32-bit seed (splitmix32-style mixing). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 0x1_0000_0000;
  };
}
