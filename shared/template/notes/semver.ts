// Semver notes: version parts, validity, comparison, bumping and constraint checks, with
// upstream's zero values for invalid input ("" for parts, 0 for compare, false for checks, the
// input itself for bump).
import type { FuncDef } from '../func-def.js';
import { parseConstraint } from './semver-constraint.js';
import { compare, formatVersion, parseVersion } from './semver-version.js';
import { note, str, type DocLine } from './note.js';

const sv = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('semver', name, arity, doc, call);

function part(key: 'major' | 'minor' | 'patch'): FuncDef['call'] {
  return (a) => {
    const v = parseVersion(str(a[0], 1));
    return v === undefined ? '' : String(v[key]);
  };
}

function bump(text: string, component: string): string {
  const v = parseVersion(text.replace(/^v/, ''));
  if (!v) return text;
  switch (component.toLowerCase()) {
    case 'major':
      return formatVersion({ major: v.major + 1n, minor: 0n, patch: 0n });
    case 'minor':
      return formatVersion({ major: v.major, minor: v.minor + 1n, patch: 0n });
    case 'patch':
      return formatVersion({ major: v.major, minor: v.minor, patch: v.patch + 1n });
    default:
      return text;
  }
}

export const SEMVER_NOTES: FuncDef[] = [
  sv('semverMajor', [1, 1], ['semverMajor VERSION', 'The major part as text ("v1.2.3" → "1"); "" when invalid.', '{{ semverMajor .spec.version }}'], part('major')),
  sv('semverMinor', [1, 1], ['semverMinor VERSION', 'The minor part as text; "" when invalid.', '{{ semverMinor .spec.version }}'], part('minor')),
  sv('semverPatch', [1, 1], ['semverPatch VERSION', 'The patch part as text; "" when invalid.', '{{ semverPatch .spec.version }}'], part('patch')),
  sv('semverValid', [1, 1], ['semverValid VERSION', 'Whether VERSION is a semantic version (a leading v and missing parts allowed).', '{{ semverValid .spec.version }}'], (a) => parseVersion(str(a[0], 1)) !== undefined),
  sv('semverCompare', [2, 2], ['semverCompare A B', '-1, 0 or 1 as A is older than, equal to or newer than B; 0 when either is invalid.', '{{ semverCompare .spec.version .status.runningVersion }}'], (a) => {
    const x = parseVersion(str(a[0], 1));
    const y = parseVersion(str(a[1], 2));
    return x && y ? compare(x, y) : 0;
  }),
  sv('semverBump', [2, 2], ['semverBump VERSION PART', 'VERSION with "major", "minor" or "patch" incremented, pre-release and build dropped; VERSION itself when invalid.', '{{ semverBump .spec.version "patch" }}'], (a) => bump(str(a[0], 1), str(a[1], 2))),
  sv('semverConstraint', [2, 2], ['semverConstraint VERSION CONSTRAINT', 'Whether VERSION satisfies CONSTRAINT (">=1.2.0, <2", "^1.4", "~1.2", "1.x", "||"); false when either is invalid.', '{{ semverConstraint .spec.version "^1.0" }}'], (a) => {
    const v = parseVersion(str(a[0], 1));
    const c = parseConstraint(str(a[1], 2));
    return v !== undefined && c !== undefined && c(v);
  }),
];
