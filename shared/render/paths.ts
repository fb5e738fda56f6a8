// Dot paths into plain JSON (`.spec.members[0].name`, `spec.replicas`): parse, read, write.
// Writing creates missing objects along the way but never invents arrays.

export type PathSegment = string | number;

// Writing through these would reach Object.prototype.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

// Paths come from the Katalog (a bounded set) and are parsed on every render: remember them.
const CACHE_LIMIT = 4096;
const cache = new Map<string, readonly PathSegment[] | undefined>();

/** `.a.b[2].c` or `a.b.2.c` → ['a', 'b', 2, 'c']. Returns undefined for a malformed path. */
export function parsePath(path: string): readonly PathSegment[] | undefined {
  if (cache.has(path)) return cache.get(path);
  const parsed = parseUncached(path);
  const frozen = parsed ? Object.freeze(parsed) : undefined;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, frozen);
  return frozen;
}

function parseUncached(path: string): PathSegment[] | undefined {
  const text = path.trim().replace(/^\./, '');
  if (text === '') return [];
  const segments: PathSegment[] = [];
  for (const part of text.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    const [, key, indexes] = m;
    if (key === '' && indexes === '') return undefined;
    if (FORBIDDEN.has(key!)) return undefined;
    if (key !== '') segments.push(/^\d+$/.test(key!) ? Number(key) : key!);
    for (const idx of indexes!.matchAll(/\[(\d+)\]/g)) segments.push(Number(idx[1]));
  }
  return segments;
}

export function getPath(root: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const seg of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (typeof seg !== 'number') return undefined;
      current = current[seg];
    } else {
      current = Object.prototype.hasOwnProperty.call(current, seg) ? (current as Record<string, unknown>)[String(seg)] : undefined;
    }
  }
  return current;
}

/** Sets a value; returns an error message when the path runs through a non-object. */
export function setPath(root: Record<string, unknown>, segments: readonly PathSegment[], value: unknown): string | undefined {
  if (segments.length === 0) return 'cannot replace the whole object';
  let current: unknown = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    let next: unknown;
    if (Array.isArray(current)) {
      next = typeof seg === 'number' ? current[seg] : undefined;
      if (next === undefined || next === null) return `index ${seg} does not exist`;
    } else {
      const record = current as Record<string, unknown>;
      next = record[String(seg)];
      if (next === undefined || next === null) {
        next = {};
        record[String(seg)] = next;
      }
    }
    if (typeof next !== 'object') return `${segments.slice(0, i + 1).join('.')} is not an object`;
    current = next;
  }
  const last = segments[segments.length - 1]!;
  if (Array.isArray(current)) {
    if (typeof last !== 'number' || last >= current.length) return `index ${last} does not exist`;
    current[last] = value;
  } else {
    (current as Record<string, unknown>)[String(last)] = value;
  }
  return undefined;
}
