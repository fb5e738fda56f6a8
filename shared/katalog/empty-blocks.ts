// A block key written with nothing after it (`operatorBox:`, `onCreate:`, `status:` …) is YAML null.
// The Go runtime reads it as absent, and upstream's first Katalog is written that way, so the
// loader drops such keys before the schema sees the document. Only the format's own blocks: a null
// inside a child's raw spec/body/data is the user's value and stays. Pure (returns a copy when it
// changes anything). An entry of `spec.crds` written with nothing (`database:` in a Komposer's
// overrides, upstream's mixed-operator example) is an empty entry, as Go decodes it: a Komposer
// overrides nothing with it; a Katalog gets the entry's own "give apiTypes, crdFile or crd" error.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys whose null value means "not given". */
export const BLOCK_KEYS = new Set([
  'metadata', 'apiTypes', 'imports', 'sources', 'spec', 'crds', 'operatorBox', 'reconcile', 'reconciler', 'emit', 'status', 'admission',
  'validation', 'mutation', 'queue', 'onCreate', 'onReconcile', 'onDelete', 'dependsOn', 'finalizers', 'crFiles', 'labels',
  'annotations', 'rules', 'fields', 'when', 'or', 'preReconcile', 'watch', 'observe', 'setup',
  // A placeholder `profile:` (upstream's use-cases/profiles/10 ships `profile: # CHANGE ME`): Go reads "", no profile.
  'profile',
]);
/** Keys whose content is the user's own data, not the format's blocks. */
const DATA_KEYS = new Set(['spec', 'body', 'data', 'stringData', 'crd', 'with', 'values', 'status']);

export function dropEmptyBlocks(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => dropEmptyBlocks(item, depth + 1));
  if (!isRecord(value)) return value;
  const out: Rec = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null && BLOCK_KEYS.has(key)) continue;
    if (key === 'crds' && isRecord(child)) {
      out[key] = dropEmptyBlocks(Object.fromEntries(Object.entries(child).map(([name, entry]) => [name, entry ?? {}])), depth + 1);
      continue;
    }
    // The top-level spec holds the CRD entries; a child's spec (and the like) is raw data.
    const raw = DATA_KEYS.has(key) && !(depth === 0 && key === 'spec') && !(key === 'status' && isFormatStatus(child));
    out[key] = raw ? child : dropEmptyBlocks(child, depth + 1);
  }
  return out;
}

/** operatorBox.status / emit.status is the format's block (conditions, fields); a custom child's is data. */
function isFormatStatus(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).every((k) => k === 'conditions' || k === 'fields' || k === 'include');
}
