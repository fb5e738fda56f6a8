// `dependsOn` between CRD entries: a target outside a Katalog is a warning (upstream's imported
// Katalogs name CRDs that a sibling import declares; a Komposer's merged set is checked, strictly,
// by shared/komposer/assemble.ts) and the graph has no cycle, reported once per cycle with its
// members in order. Pure.
import type { Issue } from '../errors.js';
import { formatPath } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function dependencyIssues(crds: Rec, checkTargets: boolean, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const graph = new Map<string, string[]>();
  for (const [name, entry] of Object.entries(crds)) {
    const targets = dependencyTargets(isRecord(entry) ? entry.dependsOn : undefined);
    graph.set(name, targets.map(([target]) => target));
    for (const [target, key] of targets) {
      if (checkTargets && !Object.hasOwn(crds, target)) {
        const path = ['spec', 'crds', name, 'dependsOn', key];
        const known = Object.keys(crds).join(', ');
        const message = `depends on "${target}", which is not a CRD of this Katalog (known: ${known}); alone, its workers wait for it (Ready=False WaitingForDependency): import this Katalog through a Komposer with the one declaring "${target}"`;
        issues.push({ file, ...locate(path, 'key'), path: formatPath(path), message, severity: 'warning' });
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    const first = cycle[0]!;
    const path = ['spec', 'crds', first, 'dependsOn'];
    issues.push({ file, ...locate(path, 'key'), path: formatPath(path), message: `dependency cycle: ${[...cycle, first].join(' → ')}; remove one of these dependsOn entries` });
  }
  return issues;
}

/** The CRDs a dependsOn names, in any of its forms, each with the key or index that names it. */
function dependencyTargets(dependsOn: unknown): Array<[string, string | number]> {
  if (Array.isArray(dependsOn)) return dependsOn.flatMap((target, i) => (typeof target === 'string' ? [[target, i] as [string, number]] : []));
  return isRecord(dependsOn) ? Object.keys(dependsOn).map((target) => [target, target] as [string, string]) : [];
}

/** Each elementary cycle found by depth-first search, once, starting at its first-declared member. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const order = [...graph.keys()];
  const state = new Map<string, 'active' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'active') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.reduce((a, b) => (order.indexOf(a) <= order.indexOf(b) ? a : b));
        const rotated = [...cycle.slice(cycle.indexOf(start)), ...cycle.slice(0, cycle.indexOf(start))];
        const key = rotated.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotated);
        }
      } else if (state.get(next) === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of order) if (state.get(node) === undefined) visit(node);
  return cycles;
}
