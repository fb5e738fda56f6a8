// `ork template` without --cr: the Katalog as the controller receives it — Motifs, includes and a
// Komposer's imports expanded, version entries folded, disabled entries left out — as upstream's
// `ork template -f FILE` prints it (YAML by default, --json, --crd NAME for one entry, --graph for
// the dependency order). Pure: the view and the graph text from what the loader returned.
import { OrkError } from '../../shared/errors.js';
import type { CrdEntry, KatalogDocument, ResolvedCrd } from '../../shared/katalog/index.js';

export interface RuntimeKatalog {
  apiVersion: string;
  kind: 'Katalog';
  metadata?: Record<string, string>;
  spec: { crds: Record<string, CrdEntry> };
}

const METADATA_KEYS = ['name', 'version', 'author', 'description'] as const;

/**
 * The expanded Katalog: upstream's runtime view (metadata name, version, author, description; the
 * enabled entries). An entry given by `crdFile` shows the `apiTypes` read from that file, as
 * upstream fills them at load.
 */
export function runtimeKatalog(document: KatalogDocument, crds: readonly ResolvedCrd[]): RuntimeKatalog {
  const metadata = document.metadata as unknown as Record<string, unknown>;
  const kept = Object.fromEntries(METADATA_KEYS.flatMap((k) => (typeof metadata[k] === 'string' && metadata[k] !== '' ? [[k, metadata[k] as string]] : [])));
  const entries = Object.fromEntries(crds.filter((c) => c.entry.enabled !== false).map((c) => [c.name, c.entry.apiTypes ? c.entry : { apiTypes: c.apiTypes, ...c.entry }]));
  return { apiVersion: document.apiVersion, kind: 'Katalog', ...(Object.keys(kept).length ? { metadata: kept } : {}), spec: { crds: entries } };
}

/** One entry of the view; TEMPLATE_CRD_UNKNOWN listing the ones there are. */
export function runtimeEntry(view: RuntimeKatalog, name: string, file: string): CrdEntry {
  const entry = view.spec.crds[name];
  if (entry) return entry;
  const names = Object.keys(view.spec.crds).sort();
  throw new OrkError('USAGE', `${file} has no enabled CRD entry "${name}"; --crd takes one of: ${names.join(', ') || '(none)'}`);
}

/**
 * The order the entries start in: an entry after everything it depends on, ties by name. The
 * loader has refused cycles and unknown targets already; a name it let through that is not an
 * entry here (a disabled one) is ignored.
 */
export function startupOrder(crds: Record<string, Pick<CrdEntry, 'dependsOn'>>): string[] {
  const names = Object.keys(crds).sort();
  const waiting = new Map(names.map((n) => [n, new Set(Object.keys(crds[n]!.dependsOn ?? {}).filter((d) => d in crds && d !== n))]));
  const order: string[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, deps]) => deps.size === 0).map(([n]) => n);
    // A cycle cannot reach here (refused at load); if one did, the rest go in name order rather than loop.
    const next = ready.length > 0 ? ready : [...waiting.keys()];
    for (const n of next) {
      order.push(n);
      waiting.delete(n);
      for (const deps of waiting.values()) deps.delete(n);
    }
  }
  return order;
}

/** `--graph`: the startup order, each entry with its kind and what it waits for (and on which condition). */
export function dependencyGraphText(view: RuntimeKatalog): string {
  const crds = view.spec.crds;
  const order = startupOrder(crds);
  const lines = order.map((name, i) => {
    const { apiTypes, dependsOn } = crds[name]!;
    const gvk = apiTypes ? `${apiTypes.group}/${apiTypes.version}, Kind=${apiTypes.kind}` : '';
    const deps = Object.entries(dependsOn ?? {}).map(([dep, state]) => (state === 'started' ? dep : `${dep} (${state})`));
    return `  ${i + 1}. ${name}  ${gvk}${deps.length ? `  ← ${deps.join(', ')}` : ''}`;
  });
  const title = view.metadata?.name ? `Katalog ${view.metadata.name}` : 'Katalog';
  return `${title}: ${order.length} CRD entr${order.length === 1 ? 'y' : 'ies'}, startup order\n${lines.join('\n')}\n`;
}
