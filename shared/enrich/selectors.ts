// The label selectors enrichment lists pods with: a workload's spec.selector (matchLabels, and
// matchExpressions, which upstream leaves out — a Deployment selecting with expressions would
// otherwise list every pod of the namespace' first page) and a Service's flat spec.selector.
// Undefined means "no selector": nothing is listed, as upstream (a headless/ExternalName Service,
// a broken object). Pure.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** spec.selector of a Deployment, StatefulSet, ReplicaSet or Job as a label selector string. */
export function workloadSelector(obj: unknown): string | undefined {
  const spec = isRecord(obj) && isRecord(obj.spec) ? obj.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : {};
  const parts = labelPairs(selector.matchLabels);
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const part = isRecord(e) ? expression(e) : undefined;
    // An expression we cannot write would widen the selection: list nothing instead.
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** spec.selector of a Service (a flat map) as a label selector string. */
export function serviceSelector(obj: unknown): string | undefined {
  const spec = isRecord(obj) && isRecord(obj.spec) ? obj.spec : {};
  const parts = labelPairs(spec.selector);
  return parts.length > 0 ? parts.join(',') : undefined;
}

function labelPairs(map: unknown): string[] {
  if (!isRecord(map)) return [];
  return Object.keys(map).sort().flatMap((k) => (typeof map[k] === 'string' ? [`${k}=${map[k] as string}`] : []));
}

function expression(e: Rec): string | undefined {
  const key = typeof e.key === 'string' && e.key !== '' ? e.key : undefined;
  if (key === undefined) return undefined;
  const values = Array.isArray(e.values) && e.values.every((v) => typeof v === 'string') ? (e.values as string[]) : [];
  switch (e.operator) {
    case 'In': return values.length > 0 ? `${key} in (${values.join(',')})` : undefined;
    case 'NotIn': return values.length > 0 ? `${key} notin (${values.join(',')})` : undefined;
    case 'Exists': return key;
    case 'DoesNotExist': return `!${key}`;
    default: return undefined;
  }
}
