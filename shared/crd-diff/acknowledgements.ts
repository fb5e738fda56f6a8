// What callers decide with a list of changes: is anything breaking, which breaking changes the
// Komposer has not acknowledged (spec.crds.<name>.allowBreakingChanges, exact ids only), and which
// acknowledgements no longer match anything (stale entries worth removing).
import type { ChangeSummary, CrdChange } from './types.js';

export function summariseChanges(changes: readonly CrdChange[]): ChangeSummary {
  const count = (severity: CrdChange['severity']) => changes.filter((c) => c.severity === severity).length;
  return { breaking: count('breaking'), warnings: count('warning'), safe: count('safe') };
}

export function isBreaking(changes: readonly CrdChange[]): boolean {
  return changes.some((c) => c.severity === 'breaking');
}

/** The breaking changes whose id is not in `allowBreakingChanges`; empty means go ahead. */
export function unacknowledged(changes: readonly CrdChange[], allowBreakingChanges: readonly string[] = []): CrdChange[] {
  const allowed = new Set(allowBreakingChanges.map((id) => id.trim()));
  return changes.filter((c) => c.severity === 'breaking' && !allowed.has(c.id));
}

/** Acknowledged ids that name no breaking change in this diff (already shipped, or mistyped). */
export function unusedAcknowledgements(changes: readonly CrdChange[], allowBreakingChanges: readonly string[] = []): string[] {
  const breaking = new Set(changes.filter((c) => c.severity === 'breaking').map((c) => c.id));
  return allowBreakingChanges.filter((id) => !breaking.has(id.trim()));
}
