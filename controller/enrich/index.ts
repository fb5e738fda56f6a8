// Enrichment reads (upstream's `enrich:` / `enrichAll:`): for a CR's children, the related objects
// their status templates ask about — pods, Warning events, EndpointSlices, volumes, nodes, owned
// ReplicaSets and Jobs — read with bounded lists and embedded under underscore keys. Only what a
// Katalog asks for is read; what the keys hold is shared/enrich/'s.
export { enrichChildren, type EnrichInput, type Enriched } from './enrich.js';
export { ENRICH_LIMITS, EnrichReads } from './reads.js';
