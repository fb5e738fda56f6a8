// Which field paths an entry's fieldSelector may name: the API server filters custom resources by
// metadata.name and metadata.namespace only, plus the paths a CRD version lists in
// `selectableFields` (Kubernetes 1.31+). Any other path makes every list and watch of the CR
// informer fail (HTTP 400), so the Katalog is refused when its CRD is known (resolve-crds.ts),
// naming the path and what to use instead. Pure.

/** The field paths every custom resource can be selected by. */
export const CR_FIELD_PATHS = ['metadata.name', 'metadata.namespace'] as const;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `selectableFields[].jsonPath` of every version of a CRD manifest, as dotted paths (`.spec.color` → `spec.color`). */
export function selectableFieldsOf(crd: unknown): string[] {
  const versions = isRecord(crd) && isRecord(crd.spec) && Array.isArray(crd.spec.versions) ? crd.spec.versions : [];
  const out = new Set<string>();
  for (const version of versions) {
    const fields = isRecord(version) && Array.isArray(version.selectableFields) ? version.selectableFields : [];
    for (const f of fields) if (isRecord(f) && typeof f.jsonPath === 'string') out.add(f.jsonPath.replace(/^\./, ''));
  }
  return [...out];
}

/** [path, why] for each fieldSelector key the API server would refuse on this CRD's resources. */
export function crFieldSelectorProblems(fieldSelector: unknown, crd: unknown): Array<[string, string]> {
  if (!isRecord(fieldSelector)) return [];
  const selectable = selectableFieldsOf(crd);
  const allowed = new Set<string>([...CR_FIELD_PATHS, ...selectable]);
  const listed = selectable.length > 0 ? `, and the CRD's selectableFields (${selectable.join(', ')})` : '';
  return Object.keys(fieldSelector).filter((path) => !allowed.has(path)).map((path) => [
    path,
    `"${path}" cannot select custom resources: the API server filters them by metadata.name and metadata.namespace only${listed}; label the CRs and use labelSelector, or list the field in the CRD's selectableFields (Kubernetes 1.31+)`,
  ]);
}
