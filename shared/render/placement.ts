// Where a child lives and what it is called when the entry does not say: the entry's namespace,
// else the CR's (none for cluster-scoped kinds); `toNamespaces` (Secrets, ConfigMaps and
// NetworkPolicies, as upstream) puts one child of the same name in each listed namespace instead. Default names are
// upstream's per list key; a `tls` Secret's is `<cr>-orkestra-tls`, as upstream.
import type { ResourceListKey } from '../katalog/types.js';
import type { EntryFields } from './kinds/index.js';
import { DEFAULT_NAME_SUFFIX, namespaceProblem } from './names.js';
import { CLUSTER_SCOPED_KINDS } from './ownership.js';
import { FAILED } from './templating.js';

/** The list keys whose entries take `toNamespaces`. */
const COPY_LISTS = new Set<ResourceListKey>(['secrets', 'configMaps', 'networkPolicies']);

/**
 * The namespaces to place the entry's child in: one (undefined for cluster-scoped kinds), or each
 * of `toNamespaces` (empty items skipped and repeats dropped, as upstream); FAILED after an error.
 */
export function placements(key: ResourceListKey, kind: string, fields: EntryFields, crNamespace: string | undefined): (string | undefined)[] | typeof FAILED {
  if (!COPY_LISTS.has(key) || !fields.has('toNamespaces')) {
    const one = placement(kind, fields, crNamespace);
    return one === FAILED ? FAILED : [one];
  }
  if (fields.has('tls')) {
    fields.error('toNamespaces', 'a generated certificate belongs to one Secret: declare one tls entry per namespace (namespace: ...)');
    return FAILED;
  }
  if (fields.has('namespace')) fields.warn('namespace', 'ignored: toNamespaces names every namespace the copies go to, as upstream');
  flattenListItems(fields.entry, 'toNamespaces');
  const listed = fields.textList('toNamespaces');
  if (fields.entry.toNamespaces === FAILED || listed === undefined) return FAILED;
  const out: string[] = [];
  for (const [i, ns] of listed.entries()) {
    if (ns === '' || out.includes(ns)) continue;
    const bad = namespaceProblem(ns);
    if (bad) {
      fields.error(`toNamespaces[${i}]`, bad);
      return FAILED;
    }
    out.push(ns);
  }
  if (out.length === 0) fields.warn('toNamespaces', 'lists no namespace: nothing is rendered for this entry');
  return out;
}

/**
 * An item whose template gave a list (`- "{{ .spec.targetNamespaces }}"`, a CR's list of
 * namespaces) stands for each of its items, as upstream's examples use it.
 */
function flattenListItems(entry: Record<string, unknown>, key: string): void {
  const list = entry[key];
  if (Array.isArray(list) && list.some(Array.isArray)) entry[key] = list.flatMap((item) => (Array.isArray(item) ? item : [item]));
}

/** Where the child lives: the entry's namespace, else the CR's; none for cluster-scoped kinds. */
function placement(kind: string, fields: EntryFields, crNamespace: string | undefined): string | undefined | typeof FAILED {
  const explicit = fields.text('namespace');
  if (fields.entry.namespace === FAILED) return FAILED;
  if (CLUSTER_SCOPED_KINDS.has(kind)) {
    if (explicit !== undefined) {
      fields.error('namespace', `${kind} is cluster-scoped and takes no namespace`);
      return FAILED;
    }
    return undefined;
  }
  const namespace = explicit ?? crNamespace;
  if (namespace === undefined || namespace === '') {
    fields.error('namespace', 'required: the CR is cluster-scoped, so a namespaced child needs an explicit namespace');
    return FAILED;
  }
  const bad = namespaceProblem(namespace);
  if (bad) {
    fields.error('namespace', bad);
    return FAILED;
  }
  return namespace;
}

export function defaultName(key: ResourceListKey, kind: string, crName: string, suffix: string | undefined, tls: boolean): string {
  const base = DEFAULT_NAME_SUFFIX[key];
  const name = tls ? `${crName}-orkestra-tls` : base === null ? `${crName}-${kind.toLowerCase()}` : `${crName}${base}`;
  return suffix === undefined ? name : `${name}-${suffix}`;
}
