// The shape checks a parsed YAML document passes before it is turned into a value: nesting depth,
// keys JSON can hold (and duplicates), aliases that would make a value contain itself. Each walks
// the node tree without recursion, in linear time.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';
import type { Issue } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';

export interface Position {
  line: number;
  col: number;
}

/** Deeper than any real Katalog; bounds the recursion of everything that walks the value. */
export const MAX_DEPTH = 64;
/** Syntax errors shown per document; after a few, the rest are usually consequences. */
export const MAX_SYNTAX_ERRORS = 20;

/**
 * What makes a parsed document unreadable as a value, before it is turned into one: nesting too
 * deep, keys that are not plain scalars, an alias inside its own anchor. Duplicate keys are
 * reported without making the document unreadable.
 */
export function shapeIssues(doc: Document, contents: Node, file: string, at: (offset: number) => Position): { issues: Issue[]; unreadable: boolean } {
  const depth = nodeDepth(contents);
  if (depth > MAX_DEPTH) {
    const message = `document is nested ${depth > 10_000 ? 'more than 10000' : depth} levels deep; at most ${MAX_DEPTH} are allowed`;
    return { issues: [{ file, path: '', ...at(contents.range?.[0] ?? 0), message }], unreadable: true };
  }
  const badKeys = keyProblems(contents);
  const issues: Issue[] = badKeys.slice(0, MAX_SYNTAX_ERRORS).map((problem) => ({ file, path: formatPath(problem.path), ...at(problem.offset), message: problem.message }));
  if (badKeys.some((p) => !p.message.startsWith('duplicate'))) return { issues, unreadable: true };
  const loop = aliasInsideItsAnchor(doc);
  if (loop) {
    const message = `alias *${loop.source.slice(0, 80)} is used inside the value of its own anchor, which would make the value contain itself; write the value out`;
    return { issues: [...issues, { file, path: '', ...at(loop.range?.[0] ?? 0), message }], unreadable: true };
  }
  return { issues, unreadable: false };
}

/** The first alias that refers to a node it lies within (`a: &a [*a]`): its value would be endless. */
function aliasInsideItsAnchor(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target && path.includes(target)) {
        found = alias;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
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

/**
 * Keys that appear twice in one mapping, and keys that are a list, a mapping or an alias: JSON has
 * no such key, and converting one would print a Node.js warning and silently stringify it. Linear:
 * the yaml package's own check compares every pair with every other (100k keys take minutes).
 */
function keyProblems(root: unknown): Array<{ offset: number; path: PathSegment[]; message: string }> {
  const found: Array<{ offset: number; path: PathSegment[]; message: string }> = [];
  const stack: Array<[unknown, PathSegment[]]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = scalarKey(pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
        if (isMap(pair.key) || isSeq(pair.key) || isAlias(pair.key)) {
          found.push({ offset, path, message: 'a mapping key must be a plain value, not a list, a mapping or an alias' });
        } else if (key !== undefined) {
          if (seen.has(key)) found.push({ offset, path: [...path, key], message: 'duplicate key: each key may appear once in a mapping' });
          seen.add(key);
        }
        stack.push([pair.value, key === undefined ? path : [...path, key]]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push([item, [...path, i]]));
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

export function scalarKey(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}
