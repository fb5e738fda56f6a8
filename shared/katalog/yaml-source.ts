// YAML text → plain values that remember where each key and value was written, so every issue can
// name `file:line:col`. Syntax errors, duplicate keys, alias bombs, oversized and absurdly nested
// input all become issues, never exceptions. Pure: the caller reads the file.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Issue } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { PathSegment } from './path.js';

export interface Position {
  line: number;
  col: number;
}

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
/** Deeper than any real Katalog; bounds the recursion of everything that walks the value. */
export const MAX_DEPTH = 64;

export function parseYaml(text: string, file: string): ParsedYaml {
  if (text.length > LIMITS.maxYamlBytes) {
    return { documents: [], issues: [{ file, path: '', message: `file is larger than ${LIMITS.maxYamlBytes} bytes; a Katalog or CRD file is far smaller — check that this is the right file` }] };
  }
  if (text.includes('\u0000')) {
    return { documents: [], issues: [{ file, path: '', line: 1, col: 1, message: 'not a text file (it contains NUL bytes)' }] };
  }
  const lineCounter = new LineCounter();
  const issues: Issue[] = [];
  const at = (offset: number): Position => lineCounter.linePos(offset);
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    return { documents: [], issues: [{ file, path: '', line: 1, col: 1, message: tooComplex(e) }] };
  }
  const documents: LocatedDocument[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      issues.push({ file, path: '', ...at(error.pos[0]), message: yamlMessage(error.code, error.message) });
    }
    for (const warning of doc.warnings) {
      issues.push({ file, path: '', ...at(warning.pos[0]), message: warning.message, severity: 'warning' });
    }
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue; // an empty document between `---` markers
    const depth = nodeDepth(doc.contents);
    if (depth > MAX_DEPTH) {
      issues.push({ file, path: '', ...at(doc.contents.range?.[0] ?? 0), message: `document is nested ${depth > 10_000 ? 'more than 10000' : depth} levels deep; at most ${MAX_DEPTH} are allowed` });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      issues.push({ file, path: '', ...at(doc.contents.range?.[0] ?? 0), message: tooComplex(e) });
      continue;
    }
    documents.push({ value, locate: locatorFor(doc, at) });
  }
  return { documents, issues };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a mapping';
  return `YAML syntax error: ${message.replace(/\s+at line \d+, column \d+.*$/s, '')}`;
}

function tooComplex(e: unknown): string {
  if (e instanceof RangeError) return 'document is nested too deeply to read';
  const reason = e instanceof Error ? e.message : String(e);
  if (/alias/i.test(reason)) return `document expands too many aliases (at most ${MAX_ALIAS_COUNT}); write the values out`;
  return `document cannot be read: ${reason}`;
}

/** Depth of the node tree without recursion, stopping early once past any sane bound. */
function nodeDepth(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > 10_000) return max + 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1]);
          stack.push([item.value, depth + 1]);
        } else {
          stack.push([item, depth + 1]);
        }
      }
    }
  }
  return max;
}

function locatorFor(doc: Document.Parsed, at: (offset: number) => Position): Locator {
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
        const pair = node.items.find((p) => scalarKey(p.key) === String(segment));
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

function scalarKey(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}
