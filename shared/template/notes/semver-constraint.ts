// Semver constraints as upstream's semverConstraint checks them (Masterminds/semver v3 syntax):
// `=` `!=` `>` `<` `>=` `<=` `=<` `~` `~>` `^`, wildcards (`1.x`, `*`), hyphen ranges
// (`1.2 - 1.4.5`), comma or space for AND, `||` for OR. A version with a pre-release only
// satisfies atoms that themselves name a pre-release, as in Masterminds.
import { compare, parseRangeVersion, type Version } from './semver-version.js';

type Check = (v: Version) => boolean;

const ATOM = /^(!=|>=|<=|=<|~>|[=><~^])?\s*(\S+)$/;
const HYPHEN = /(\S+)\s+-\s+(\S+)/g;
const MAX_TEXT = 1024;

function caret(c: Version): Check {
  return (v) => {
    if (compare(v, c) < 0 || v.major !== c.major) return false;
    if (c.major > 0n || c.minorDirty) return true;
    if (c.minor > 0n || c.patchDirty) return v.minor === c.minor;
    return v.minor === 0n && v.patch === c.patch;
  };
}

function atom(op: string, c: Version): Check {
  if (c.majorDirty) return op === '!=' || op === '>' || op === '<' ? () => false : () => true;
  const cmp = (v: Version): number => compare(v, c);
  const dirty = c.minorDirty || c.patchDirty;
  // Within the wildcard's span: same major, and same minor unless the minor is open too.
  const within = (v: Version): boolean => v.major === c.major && (c.minorDirty || v.minor === c.minor);
  switch (op) {
    case '':
    case '=':
    case '~':
    case '~>':
      if (op.startsWith('~') || dirty) return (v) => cmp(v) >= 0 && within(v);
      return (v) => cmp(v) === 0;
    case '!=':
      return dirty ? (v) => !(cmp(v) >= 0 && within(v)) : (v) => cmp(v) !== 0;
    case '>':
      return dirty ? (v) => v.major > c.major || (v.major === c.major && !c.minorDirty && v.minor > c.minor) : (v) => cmp(v) > 0;
    case '>=':
      return (v) => cmp(v) >= 0;
    case '<':
      return (v) => cmp(v) < 0;
    case '<=':
    case '=<':
      return dirty ? (v) => v.major < c.major || (v.major === c.major && (c.minorDirty || v.minor <= c.minor)) : (v) => cmp(v) <= 0;
    case '^':
      return caret(c);
    default:
      return () => false;
  }
}

function parseAtom(text: string): Check | undefined {
  const m = ATOM.exec(text);
  if (!m) return undefined;
  const [, op = '', versionText = ''] = m;
  const c = parseRangeVersion(versionText);
  if (!c) return undefined;
  const check = atom(op, c);
  return op === '!=' || c.pre !== '' ? check : (v) => v.pre === '' && check(v);
}

/** A predicate over versions, or undefined when `text` is not a constraint. */
export function parseConstraint(text: string): Check | undefined {
  if (text.trim() === '' || text.length > MAX_TEXT) return undefined;
  const alternatives: Check[] = [];
  for (const group of text.split('||')) {
    const expanded = group.replace(HYPHEN, '>=$1,<=$2');
    // Join an operator written apart from its version (">= 1.2") before splitting on spaces.
    const tokens = expanded.replace(/(!=|>=|<=|=<|~>|[=><~^])\s+/g, '$1').split(/[\s,]+/).filter((t) => t !== '');
    if (tokens.length === 0) return undefined;
    const checks = tokens.map(parseAtom);
    if (checks.some((c) => c === undefined)) return undefined;
    alternatives.push((v) => (checks as Check[]).every((c) => c(v)));
  }
  return (v) => alternatives.some((a) => a(v));
}
