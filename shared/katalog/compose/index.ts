// Composing a Katalog from several files — include fragments and Motif imports — the pure half:
// where they are named, how each is checked and merged, and where each entry came from. The
// loader (resolver/compose/) reads the files and calls these in order.
export { applyInclude, fragmentProblem, includeSites, valueAt, type IncludeRoot, type IncludeSite, type Source } from './includes.js';
export { bindMotif, mergeIntoEntry, motifImportSites, type MotifImportSite } from './motif-merge.js';
export { applyResourceProfiles, localNames, mergeKatalogWide } from './katalog-wide.js';
export { motifIssues } from './motif-check.js';
export { parsePath, relocate, type Origin } from './provenance.js';
