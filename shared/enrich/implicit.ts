// The endpoint reads a CRD entry gets without asking for `enrich: [endpoints]`: when its status
// reads `endpointsReady` or `hasEndpoints` (of `.children.service`), or `.children.endpointslice`
// (which upstream fills for a declared Service), the Service children's EndpointSlices are read as
// that enricher reads them — so the helper answers from the Service's real endpoints rather than
// its zero value — and `ork rbac` grants that read (permissions.ts uses this spec too). Pure.
import type { CrdEntry } from '../katalog/types.js';
import { enrichersOf, enrichSpecOf, type EnrichSpec } from './targets.js';

const READS_ENDPOINTS = /\b(?:endpointsReady|hasEndpoints)\b|\.children\.endpointslices?\b/;
const seen = new WeakMap<object, boolean>();

/** Whether the entry's status templates read a Service's endpoints (memoised per entry object). */
export function statusReadsEndpoints(entry: CrdEntry): boolean {
  const status = entry.operatorBox?.status;
  if (status === undefined || status === null) return false;
  let reads = seen.get(entry);
  if (reads === undefined) {
    reads = READS_ENDPOINTS.test(JSON.stringify(status));
    seen.set(entry, reads);
  }
  return reads;
}

/** The entry's enrichment with the endpoint reads its status implies added; undefined when none. */
export function effectiveEnrichSpec(entry: CrdEntry): EnrichSpec | undefined {
  const spec = enrichSpecOf(entry);
  if (!statusReadsEndpoints(entry)) return spec;
  if (spec === undefined) return { all: false, targets: [{ name: 'endpoints' }] };
  if (spec.all || enrichersOf(spec).has('endpoints')) return spec;
  return { all: false, targets: [...spec.targets, { name: 'endpoints' }] };
}
