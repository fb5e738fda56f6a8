// "Did you mean": the allowed name nearest to a misspelt one (unknown keys, unknown profile names).
// Pure.

/** The allowed name nearest to a misspelt one, if it is near enough to be a typo. */
export function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` when one is near, else ` (allowed: a, b, …)`; empty when nothing is allowed. */
export function suggestion(key: string, allowed: readonly string[]): string {
  const near = closest(key, allowed);
  if (near) return ` (did you mean "${near}"?)`;
  return allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
