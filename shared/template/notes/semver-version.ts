// Semantic versions as upstream reads them (Masterminds/semver v3, lenient): an optional `v`,
// one to three numeric parts (missing ones are 0 and remembered as "dirty" for constraints),
// an optional pre-release and build metadata; ordered by the semver 2.0 precedence rules.

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  /** Which parts were missing or wildcards (`1`, `1.2`, `1.x`): constraints widen on them. */
  minorDirty: boolean;
  patchDirty: boolean;
  /** A bare wildcard (`*`, `x`): any version at all. */
  majorDirty?: boolean;
}

const IDENT = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const VERSION = new RegExp(`^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-(${IDENT}))?(?:\\+(${IDENT}))?$`);
const WILD = /^(?:[xX*])$/;
const MAX_TEXT = 256;

export function parseVersion(text: string): Version | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const [, major = '', minor, patch, pre = ''] = m;
  // Numeric pre-release identifiers must not have leading zeros (semver 2.0).
  if (pre.split('.').some((id) => /^0\d+$/.test(id))) return undefined;
  return { major: BigInt(major), minor: BigInt(minor ?? 0), patch: BigInt(patch ?? 0), pre, minorDirty: minor === undefined, patchDirty: patch === undefined };
}

/** A constraint's version part: like parseVersion, but `x`, `X` and `*` stand for any part. */
export function parseRangeVersion(text: string): Version | undefined {
  const parts = text.replace(/^v/, '').split(/(?=[-+])/)[0]!.split('.');
  if (parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const wildAt = parts.findIndex((p) => WILD.test(p));
  if (wildAt === -1) return parseVersion(text);
  if (parts.slice(wildAt).some((p) => !WILD.test(p)) || text.length !== parts.join('.').length + (text.startsWith('v') ? 1 : 0)) return undefined;
  const v = parseVersion(parts.slice(0, wildAt).join('.') || '0');
  if (!v) return undefined;
  return { ...v, majorDirty: wildAt === 0, minorDirty: wildAt <= 1, patchDirty: true };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compare(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

export function formatVersion(v: Pick<Version, 'major' | 'minor' | 'patch'>): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
