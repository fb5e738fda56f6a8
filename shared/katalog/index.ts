// The Katalog/Komposer format: its types (types.ts, one file per block), its JSON Schema
// (katalog.schema.json, the single source of truth for the shape), the positional YAML reader, the
// schema and semantic validator, the pure half of composition (compose/: includes and Motifs) and
// the API types of every CRD entry from CRD files the caller has read (resolve-crds.ts). Pure — no
// file or network access; resolver/katalog-files.ts reads the files (for `ork resolve` and
// `ork validate`) and hands their text in.
export * from './types.js';
export { parseKatalog, checkKatalog, sortIssues, type ParsedKatalog } from './parse.js';
export * from './compose/index.js';
export type { SemanticOptions } from './semantic.js';
export { validateCrdManifest, apiTypesOfCrd, type CrdWhere, type LocateWithin } from './crd-manifest.js';
export { resolveCrds, LoadedCrdFile, UnloadableCrdFile, UnfetchedCrdFile, isRemoteCrdFile, type DocumentSource } from './resolve-crds.js';
export { parseYaml, readableValue, MAX_ALIAS_COUNT, MAX_DEPTH, type LocatedDocument, type Locator, type ParsedYaml, type Position } from './yaml-source.js';
export { katalogSchema } from './schema.js';
export { formatPath, type PathSegment } from './path.js';
export { parseDuration } from './durations.js';
export { withCrdDefaults } from './crd-defaults.js';
export { namespaceRefusal } from './namespace-rules.js';
