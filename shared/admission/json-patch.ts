// RFC 6902 JSON Patch between two JSON documents: the operations that turn `before` into `after`
// (add, replace, remove; arrays that differ are replaced whole). The mutating webhook answers with
// this. Pure.

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The operations, in key order, that make `before` equal to `after`; [] when they are equal. */
export function diffPatch(before: unknown, after: unknown, path = ''): PatchOperation[] {
  if (isRecord(before) && isRecord(after)) {
    const ops: PatchOperation[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) ops.push({ op: 'remove', path: `${path}/${pointerSegment(key)}` });
    }
    for (const [key, value] of Object.entries(after)) {
      const at = `${path}/${pointerSegment(key)}`;
      if (!(key in before)) ops.push({ op: 'add', path: at, value });
      else ops.push(...diffPatch(before[key], value, at));
    }
    return ops;
  }
  if (sameJson(before, after)) return [];
  return [{ op: 'replace', path, value: after }];
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
