// parseKatalog: YAML text → a checked KatalogDocument, or every problem with `file:line:col`.
// Runs the YAML reader, the JSON Schema and the semantic checks that need no other file (CRD files
// are resolveCrds's job); returns the document, normalised to the one model of types.ts, only when
// there is no error.
import type { Issue } from '../errors.js';
import { enrichBuiltinApiTypes } from './builtin-kinds.js';
import { defaultPluralWarnings, fillDefaultPlurals } from './default-plural.js';
import { foreignKindIssue } from './foreign-kinds.js';
import { dropEmptyBlocks } from './empty-blocks.js';
import { inertKeyWarnings } from './inert-keys.js';
import { externalProtocolIssues } from './external-checks.js';
import { selectorIssues } from './selector-checks.js';
import { normaliseDocument } from './normalise.js';
import { formatPath, type PathSegment } from './path.js';
import { foldVersionGroups } from './version-groups.js';
import { schemaIssues } from './schema.js';
import { semanticIssues, type SemanticOptions } from './semantic.js';
import type { KatalogDocument } from './types.js';
import { parseYaml, type Locator } from './yaml-source.js';
import { motifIssues } from './compose/motif-check.js';
import { relocate, type Origin } from './compose/provenance.js';

export interface ParsedKatalog {
  document?: KatalogDocument;
  issues: Issue[];
  /** Positions in the text, for callers that report more issues about the same document. */
  locate?: Locator;
  /** The file is a Motif: checked, but it runs only when a Katalog imports it. */
  motif?: boolean;
}

export function parseKatalog(text: string, file: string, options: SemanticOptions = {}): ParsedKatalog {
  const { documents, issues } = parseYaml(text, file);
  if (documents.length === 0) {
    if (!issues.some(isError)) issues.push({ file, path: '', line: 1, col: 1, message: 'file is empty: expected a Katalog, Komposer or Motif document' });
    return { issues: sortIssues(issues) };
  }
  if (documents.length > 1) {
    const second = documents[1]!.locate([]);
    issues.push({ file, path: '', ...second, message: `a Katalog file holds one document; found ${documents.length} (split them into separate files)` });
  }
  return checkKatalog(documents[0]!.value, file, documents[0]!.locate, options, issues);
}

/**
 * The checks of parseKatalog on a document already read (the loader composes includes and Motifs
 * into it first; `origins` then moves each issue back to the file that wrote the entry). A Motif
 * is checked as a Motif and gives no document: it cannot run alone.
 */
export function checkKatalog(written: unknown, file: string, locate: Locator, options: SemanticOptions = {}, issues: Issue[] = [], origins: readonly Origin[] = []): ParsedKatalog {
  const enriched = enrichBuiltinApiTypes(dropEmptyBlocks(written));
  if (enriched !== null && typeof enriched === 'object' && (enriched as { kind?: unknown }).kind === 'Motif') {
    issues.push(...motifIssues(enriched as Record<string, unknown>, file, locate));
    return { issues: sortIssues(issues), locate, motif: true };
  }
  const foreign = foreignKindIssue(enriched, file, locate);
  if (foreign) return { issues: sortIssues([...issues, foreign]), locate };
  const value = fillDefaultPlurals(enriched);
  const found = [...defaultPluralWarnings(enriched, file, locate), ...schemaIssues(value, file, locate), ...semanticIssues(value, file, locate, options), ...inertKeyWarnings(value, file, locate), ...externalProtocolIssues(value, file, locate), ...selectorIssues(value, file, locate)];
  issues.push(...(origins.length > 0 ? found.map((i) => relocate(i, origins)) : found));
  if (issues.some(isError)) return { issues: sortIssues(issues), locate };
  const normalised = normaliseDocument(value);
  const folded = foldVersionGroups(normalised);
  const foldIssues = folded.problems.map((p) => ({ file, ...locate(writtenPath(value, p.path), 'key'), path: formatPath(p.path), message: p.message, ...(p.severity ? { severity: p.severity } : {}) }));
  issues.push(...(origins.length > 0 ? foldIssues.map((i) => relocate(i, origins)) : foldIssues));
  const sorted = sortIssues(issues);
  if (sorted.some(isError)) return { issues: sorted, locate };
  // An imported Katalog's version entries are folded after the merge (shared/komposer/assemble.ts),
  // so a Komposer can still override one by the name its Katalog gives it; the problems are its own.
  return { document: options.imported ? normalised : folded.document, issues: sorted, locate };
}

const isError = (issue: Issue) => issue.severity !== 'warning';

export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Where the current layout wrote a key the model names otherwise (`admission.validation` for `validation`). */
function writtenPath(written: unknown, path: PathSegment[]): PathSegment[] {
  const [spec, crds, name, key] = path;
  if (path.length !== 4 || spec !== 'spec' || crds !== 'crds' || (key !== 'validation' && key !== 'mutation')) return path;
  const entry = (written as { spec?: { crds?: Record<string, { admission?: Record<string, unknown> }> } } | null)?.spec?.crds?.[name as string];
  return entry?.admission?.[key] !== undefined ? ['spec', 'crds', name!, 'admission', key] : path;
}
