// Go's regexp template expansion (Regexp.Expand, used by ReplaceAllString): `$1`, `${1}`, `$name`,
// `${name}`, `$$`. Kept apart from the engine because it is plain string work with Go's corner
// cases: a name is the longest run of letters, digits and `_`; an unknown or unmatched group
// expands to nothing; a `$` that starts no valid reference is kept as text.

/** Where each group of one match starts and ends (-1, -1 when it did not take part). */
export type GroupIndex = readonly number[];

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

interface Reference {
  /** Group number, or -1 when the reference is by name. */
  num: number;
  name: string;
  /** Index in the template just past the reference. */
  end: number;
}

/** Parses the reference starting at template[at] === '$', or undefined when it is malformed. */
function reference(template: string, at: number): Reference | undefined {
  let i = at + 1;
  const brace = template[i] === '{';
  if (brace) i++;
  const start = i;
  while (i < template.length) {
    const cp = template.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === start) return undefined;
  const name = template.slice(start, i);
  if (brace) {
    if (template[i] !== '}') return undefined;
    i++;
  }
  return { num: groupNumber(name), name, end: i };
}

/** A decimal group number as Go reads it: digits only, no leading zero, below 1e8; else -1. */
function groupNumber(name: string): number {
  if (!/^[0-9]+$/.test(name) || (name.length > 1 && name[0] === '0') || name.length > 8) return -1;
  return Number(name);
}

/**
 * Appends `template` expanded for one match of `src` to `out`. `names` maps a group name to its
 * number. `room` is how many characters `out` may still grow by; returns false when exceeded.
 */
export function expandInto(out: string[], template: string, src: string, match: GroupIndex, names: Readonly<Record<string, number>>, room: { left: number }): boolean {
  const push = (s: string): boolean => {
    room.left -= s.length;
    if (room.left < 0) return false;
    out.push(s);
    return true;
  };
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    if (!push(template.slice(i, dollar))) return false;
    if (template[dollar + 1] === '$') {
      if (!push('$')) return false;
      i = dollar + 2;
      continue;
    }
    const ref = reference(template, dollar);
    if (!ref) {
      if (!push('$')) return false;
      i = dollar + 1;
      continue;
    }
    i = ref.end;
    const group = ref.num >= 0 ? ref.num : Object.prototype.hasOwnProperty.call(names, ref.name) ? (names[ref.name] as number) : -1;
    const from = group >= 0 ? match[2 * group] : undefined;
    const to = group >= 0 ? match[2 * group + 1] : undefined;
    if (from !== undefined && to !== undefined && from >= 0 && !push(src.slice(from, to))) return false;
  }
  return push(template.slice(i));
}
