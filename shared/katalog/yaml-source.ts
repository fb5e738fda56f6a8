// YAML text → plain values that remember where each key and value was written, so every issue can
// name `file:line:col`. Syntax errors, duplicate keys, alias bombs, oversized and absurdly nested
// input all become issues, never exceptions. Pure: the caller reads the file.
import { LineCounter, isAlias, isMap, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Issue } from '../errors.js';
import { LIMITS } from '../limits.js';
import { rewriteOlderForms } from './older-forms.js';
import { formatPath, type PathSegment } from './path.js';
import { MAX_DEPTH, MAX_SYNTAX_ERRORS, scalarKey, shapeIssues, type Position } from './yaml-shape.js';

export type { Position } from './yaml-shape.js';

/**
 * Where a path was written. `key` asks for the key that introduces the value (for unknown keys and
 * for "missing key" issues on the parent); `value` for the value itself. A path that does not exist
 * resolves to its nearest existing ancestor, so every issue gets some position.
 */
export type Locator = (path: readonly PathSegment[], part?: 'key' | 'value') => Position;

export interface LocatedDocument {
  value: unknown;
  locate: Locator;
}

export interface ParsedYaml {
  documents: LocatedDocument[];
  issues: Issue[];
}

/** Aliases a document may expand; a "billion laughs" document needs far more. */
export const MAX_ALIAS_COUNT = 100;
export { MAX_DEPTH } from './yaml-shape.js';

/**
 * The first document's value of a text that reads without error, under the same limits (size,
 * nesting, aliases); undefined otherwise. For callers that only peek at a text (its kind, its
 * names) and leave reporting its problems to the loader.
 */
export function readableValue(text: string): unknown {
  const { documents, issues } = parseYaml(text, '');
  return issues.some((i) => i.severity !== 'warning') ? undefined : documents[0]?.value;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  if (text.length > LIMITS.maxYamlBytes) {
    return { documents: [], issues: [{ file, path: '', message: `file is larger than ${LIMITS.maxYamlBytes} bytes; a Katalog or CRD file is far smaller — check that this is the right file` }] };
  }
  if (text.includes('\u0000')) {
    return { documents: [], issues: [{ file, path: '', line: 1, col: 1, message: 'not a text file (it contains NUL bytes)' }] };
  }
  const flowDepth = flowNesting(text);
  if (flowDepth.depth > MAX_DEPTH) {
    return { documents: [], issues: [{ file, path: '', ...flowDepth.at, message: `document is nested more than ${MAX_DEPTH} levels deep` }] };
  }
  const lineCounter = new LineCounter();
  const issues: Issue[] = [];
  const at = (offset: number): Position => lineCounter.linePos(offset);
  let docs: Document.Parsed[];
  try {
    // resolveKnownTags off: YAML 1.1 tags (!!binary, !!set, !!timestamp …) would give a Buffer, a Set or
    // a Date, which JSON has not; unresolved, they stay plain values and are reported as warnings.
    // merge on: `<<: *anchor` merge keys, which the Go runtime's YAML reader applies (its docs use them).
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, resolveKnownTags: false, merge: true });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    return { documents: [], issues: [{ file, path: '', line: 1, col: 1, message: tooComplex(e) }] };
  }
  const documents: LocatedDocument[] = [];
  for (const doc of docs) {
    for (const error of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
      issues.push({ file, path: '', ...at(error.pos[0]), message: yamlMessage(error.code, error.message) });
    }
    if (doc.errors.length > MAX_SYNTAX_ERRORS) {
      issues.push({ file, path: '', ...at(doc.errors[MAX_SYNTAX_ERRORS]!.pos[0]), message: `${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML syntax errors not shown` });
    }
    if (doc.errors.some((e) => /call stack/i.test(e.message))) continue;
    for (const warning of doc.warnings) {
      issues.push({ file, path: '', ...at(warning.pos[0]), message: warning.message, severity: 'warning' });
    }
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue; // an empty document between `---` markers
    const shape = shapeIssues(doc, doc.contents, file, at);
    issues.push(...shape.issues);
    if (shape.unreadable) continue;
    issues.push(...rewriteOlderForms(doc).map((o) => ({ file, path: formatPath(o.path), ...at(o.offset), message: o.message, severity: 'warning' as const })));
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      issues.push({ file, path: '', ...at(doc.contents.range?.[0] ?? 0), message: tooComplex(e) });
      continue;
    }
    documents.push({ value, locate: locatorFor(doc, at) });
  }
  return { documents, issues: withHelmHint(issues, text, file, at) };
}

/** Helm's own objects, which only a chart template names: upstream's charts ship their Katalog as one. */
const HELM_TEMPLATE = /\{\{-?\s*(?:\$\.)?\.(?:Values|Release|Chart|Capabilities)\b/;

/** A Helm chart template is not YAML until rendered: one line saying so before its syntax errors. */
function withHelmHint(issues: Issue[], text: string, file: string, at: (offset: number) => Position): Issue[] {
  const found = issues.some((i) => i.message.startsWith('YAML syntax error')) ? HELM_TEMPLATE.exec(text) : null;
  if (!found) return issues;
  const hint = 'this is a Helm chart template ({{ .Values … }}), not YAML until rendered: render it with helm template, or import the chart through a Komposer\'s imports.helm';
  return [{ file, path: '', ...at(found.index), message: hint }, ...issues];
}

function yamlMessage(code: string, message: string): string {
  if (/call stack/i.test(message)) return 'document is nested too deeply to read';
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a mapping';
  return `YAML syntax error: ${message.replace(/\s+at line \d+, column \d+.*$/s, '')}`;
}

function tooComplex(e: unknown): string {
  if (e instanceof RangeError) return 'document is nested too deeply to read';
  const reason = e instanceof Error ? e.message : String(e);
  const unresolved = /^Unresolved alias .*: (.*)$/.exec(reason);
  if (unresolved) return `alias *${unresolved[1]!.slice(0, 80)} refers to no anchor defined before it; define &${unresolved[1]!.slice(0, 80)} first or write the value out`;
  if (/alias/i.test(reason)) return `document expands too many aliases (at most ${MAX_ALIAS_COUNT}); write the values out`;
  return `document cannot be read: ${reason}`;
}


/**
 * Deepest nesting of flow collections (`[` / `{`), found by a linear scan before parsing: the
 * parser recurses per level, and a file of a million `[` would exhaust the stack slowly. Quoted
 * text and comments are skipped roughly (to the end of the line); balanced `{{ }}` cancel out.
 */
function flowNesting(text: string): { depth: number; at: Position } {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      quote = undefined;
      continue;
    }
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      const previous = text[i - 1];
      if (previous === undefined || /[\s[{,:]/.test(previous)) quote = c;
    } else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return { depth, at: { line, col: i - lineStart + 1 } };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return { depth: 0, at: { line: 1, col: 1 } };
}

function locatorFor(doc: Document.Parsed, at: (offset: number) => Position): Locator {
  // Pairs by key per mapping, built on first lookup, so locating many issues stays linear.
  const index = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let byKey = index.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items) {
        const k = scalarKey(pair.key);
        if (k !== undefined && !byKey.has(k)) byKey.set(k, pair);
      }
      index.set(map, byKey);
    }
    return byKey.get(key);
  };
  const start = (node: unknown): Position | undefined => {
    const range = (node as Node | null)?.range;
    return range ? at(range[0]) : undefined;
  };
  const root = start(doc.contents) ?? { line: 1, col: 1 };
  return (path, part = 'value') => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let best: Position = root;
    let bestKey: Position = root;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      let nextKey: unknown;
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (!pair) break;
        next = pair.value;
        nextKey = pair.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
        if (next === undefined) break;
        nextKey = next;
      } else {
        break;
      }
      node = next;
      keyNode = nextKey;
      bestKey = start(keyNode) ?? bestKey;
      best = start(node) ?? bestKey;
    }
    return part === 'key' ? bestKey : best;
  };
}
