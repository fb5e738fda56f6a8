// parseKatalog: YAML text → a checked KatalogDocument, or every problem with `file:line:col`.
// Runs the YAML reader, the JSON Schema and the semantic checks that need no other file (CRD files
// are resolveCrds's job); returns the document, normalised to the one model of types.ts, only when
// there is no error.
import type { Issue } from '../errors.js';
import { dropEmptyBlocks } from './empty-blocks.js';
import { inertKeyWarnings } from './inert-keys.js';
import { normaliseDocument } from './normalise.js';
import { schemaIssues } from './schema.js';
import { semanticIssues, type SemanticOptions } from './semantic.js';
import type { KatalogDocument } from './types.js';
import { parseYaml, type Locator } from './yaml-source.js';

export interface ParsedKatalog {
  document?: KatalogDocument;
  issues: Issue[];
  /** Positions in the text, for callers that report more issues about the same document. */
  locate?: Locator;
}

export function parseKatalog(text: string, file: string, options: SemanticOptions = {}): ParsedKatalog {
  const { documents, issues } = parseYaml(text, file);
  if (documents.length === 0) {
    if (!issues.some(isError)) issues.push({ file, path: '', line: 1, col: 1, message: 'file is empty: expected a Katalog or Komposer document' });
    return { issues: sortIssues(issues) };
  }
  if (documents.length > 1) {
    const second = documents[1]!.locate([]);
    issues.push({ file, path: '', ...second, message: `a Katalog file holds one document; found ${documents.length} (split them into separate files)` });
  }
  const { locate } = documents[0]!;
  const value = dropEmptyBlocks(documents[0]!.value);
  issues.push(...schemaIssues(value, file, locate), ...semanticIssues(value, file, locate, options), ...inertKeyWarnings(value, file, locate));
  const sorted = sortIssues(issues);
  if (sorted.some(isError)) return { issues: sorted, locate };
  return { document: normaliseDocument(value), issues: sorted, locate };
}

const isError = (issue: Issue) => issue.severity !== 'warning';

export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
