// parseKatalog: YAML text → a checked KatalogDocument, or every problem with `file:line:col`.
// Runs the YAML reader, the JSON Schema and the semantic checks that need no other file (CRD files
// are resolveCrds's job); returns the document only when there is no error.
import type { Issue } from '../errors.js';
import { normalizeCondition } from './conditions-check.js';
import { schemaIssues } from './schema.js';
import { semanticIssues, type SemanticOptions } from './semantic.js';
import type { KatalogDocument } from './types.js';
import { parseYaml, type Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

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
  const { value, locate } = documents[0]!;
  issues.push(...schemaIssues(value, file, locate), ...semanticIssues(value, file, locate, options));
  const sorted = sortIssues(issues);
  if (sorted.some(isError)) return { issues: sorted, locate };
  return { document: normalizeDocument(value as KatalogDocument), issues: sorted, locate };
}

const isError = (issue: Issue) => issue.severity !== 'warning';

export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Conditions in the Go runtime's long form become shorthands, so consumers read one form. */
function normalizeDocument(doc: KatalogDocument): KatalogDocument {
  const conditions = (list: unknown) => (Array.isArray(list) ? list.map((c) => (isRecord(c) ? normalizeCondition(c) : c)) : list);
  for (const entry of Object.values(doc.spec.crds)) {
    const box = entry.operatorBox;
    for (const lists of [box?.onCreate, box?.onReconcile, box?.onDelete]) {
      for (const items of Object.values(lists ?? {})) {
        for (const item of items ?? []) {
          if (item.when) item.when = conditions(item.when) as typeof item.when;
          if (item.or) item.or = conditions(item.or) as typeof item.or;
        }
      }
    }
    for (const field of box?.status?.fields ?? []) if (field.when) field.when = conditions(field.when) as typeof field.when;
    for (const rule of entry.validation?.rules ?? []) if (rule.when) rule.when = conditions(rule.when) as typeof rule.when;
    for (const rule of entry.mutation?.rules ?? []) if (rule.when) rule.when = conditions(rule.when) as typeof rule.when;
  }
  return doc;
}
