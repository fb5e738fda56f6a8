// Where the entries of a composed document came from. Includes and Motifs put entries from other
// files into lists of the Katalog (and shift its own entries along), so an issue found on the
// composed document is moved back to the file, path and position it was written at. Pure.
import type { Issue } from '../../errors.js';
import { formatPath, type PathSegment } from '../path.js';
import type { Locator } from '../yaml-source.js';

/**
 * Entries `from … from+count-1` of the list at `at` in the document of file `within` were written
 * at `sourceAt[0…]` in `file`.
 */
export interface Origin {
  within: string;
  at: PathSegment[];
  from: number;
  count: number;
  file: string;
  locate: Locator;
  sourceAt: PathSegment[];
}

/** A path as formatPath writes it, back to segments. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z0-9_$-]+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

const MAX_HOPS = 4;

/** The issue at the place its entry was written; an issue on the document's own text is kept. */
export function relocate(issue: Issue, origins: readonly Origin[]): Issue {
  let file = issue.file ?? '';
  let path = parsePath(issue.path ?? '');
  let moved: Origin | undefined;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const origin = origins.find((o) => o.within === file && covers(o, path));
    if (!origin) break;
    path = [...origin.sourceAt, (path[origin.at.length] as number) - origin.from, ...path.slice(origin.at.length + 1)];
    file = origin.file;
    moved = origin;
    if (origin.file === origin.within) break; // the document's own entries, only shifted along
  }
  if (!moved) return issue;
  const { line: _l, col: _c, ...rest } = issue;
  return { ...rest, file, path: formatPath(path), ...moved.locate(path) };
}

function covers(origin: Origin, path: PathSegment[]): boolean {
  const n = origin.at.length;
  if (path.length <= n || !origin.at.every((s, k) => s === path[k])) return false;
  const index = path[n];
  return typeof index === 'number' && index >= origin.from && index < origin.from + origin.count;
}
