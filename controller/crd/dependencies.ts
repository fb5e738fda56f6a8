// dependsOn between CRD controllers: a controller's workers start once every dependency is in
// the state it names (`started`: its workers run; `healthy`: synced and all its CRs Ready).
// Once started, workers keep running even if a dependency later degrades. Pure.
import type { DependencyState } from '../../shared/katalog/types.js';

export interface DependencyView {
  started(name: string): boolean;
  healthy(name: string): boolean;
}

/** The dependencies not yet satisfied, as `name (state)`; empty when workers may start. */
export function unmetDependencies(dependsOn: Record<string, DependencyState> | undefined, view: DependencyView): string[] {
  const unmet: string[] = [];
  for (const [name, state] of Object.entries(dependsOn ?? {})) {
    const ok = state === 'healthy' ? view.healthy(name) : view.started(name);
    if (!ok) unmet.push(`${name} (${state})`);
  }
  return unmet;
}
