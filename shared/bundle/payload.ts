// The bundle payload (bundle.json): its type, a builder for the resolver, and a strict reader for
// the controller. Holds nothing time-dependent, so the same inputs give the same bytes. Pure.
// Import references are credential-free by construction: anything that looks otherwise is refused.
import { OrkError, type Issue } from '../errors.js';
import { KATALOG_API_VERSION, type KatalogDocument } from '../katalog/types.js';
import { canonicalJsonBytes } from './canonical-json.js';
import { digestOf, isDigest } from './digest.js';
import { BUNDLE_FILE } from './layout.js';
import { isRecord, malformed, parseJsonStrict } from './untrusted-json.js';
import type { KubeObject } from '../kube/index.js';

export const BUNDLE_SCHEMA_VERSION = 1;
export const RESOLVER_NAME = 'orkestra';
const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const CRD_KIND = 'CustomResourceDefinition';

/** One resolved source, in the order the Komposer declared it (order is meaningful: it is merge order). */
export interface BundleImport {
  /** `file:…`, `url:…`, `helm:<repo>/<chart>@<version>`, `oci:<registry>/<repo>@sha256:…`; never credentials. */
  ref: string;
  /** `sha256:<hex>` of the fetched content. */
  digest: string;
  size: number;
  mediaType: string;
}

/** A CustomResourceDefinition manifest (apiextensions.k8s.io/v1), kept as the object it is. */
export interface CrdObject extends KubeObject {
  apiVersion: typeof CRD_API_VERSION;
  kind: typeof CRD_KIND;
}

export interface BundlePayload {
  schemaVersion: typeof BUNDLE_SCHEMA_VERSION;
  resolver: { name: typeof RESOLVER_NAME; version: string };
  /** The merged, validated Katalog: templates kept as text, crdFiles inlined. */
  katalog: KatalogDocument;
  crds: CrdObject[];
  imports: BundleImport[];
}

export interface BundlePayloadInput {
  resolverVersion: string;
  katalog: KatalogDocument;
  crds: CrdObject[];
  imports: BundleImport[];
}

/** The payload for the resolver to sign; INTERNAL if what it was given breaks the format's rules. */
export function buildBundlePayload(input: BundlePayloadInput): BundlePayload {
  const payload: BundlePayload = {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    resolver: { name: RESOLVER_NAME, version: input.resolverVersion },
    katalog: input.katalog,
    crds: input.crds,
    imports: input.imports.map(({ ref, digest, size, mediaType }) => ({ ref, digest, size, mediaType })),
  };
  const issues = payloadIssues(payload);
  if (issues.length > 0) {
    throw new OrkError('INTERNAL', `refusing to build a bundle that breaks the format: ${summarise(issues)}`, { issues });
  }
  return payload;
}

/** bundle.json bytes → payload, or MALFORMED_BUNDLE naming the first offending field path. */
export function parseBundlePayload(bytes: Uint8Array, source: string = BUNDLE_FILE): BundlePayload {
  const doc = parseJsonStrict(bytes, source);
  const issues = payloadIssues(doc);
  if (issues.length > 0) {
    const error = malformed(source, `is not a valid bundle payload: ${summarise(issues)}`);
    error.issues.push(...issues.map((i) => ({ ...i, file: source })));
    throw error;
  }
  return doc as BundlePayload;
}

/** Every way `doc` differs from the payload format, with dot paths. */
export function payloadIssues(doc: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isRecord(doc)) {
    add('$', 'must be a JSON object');
    return issues;
  }
  unknownKeys(doc, ['schemaVersion', 'resolver', 'katalog', 'crds', 'imports'], '', add);
  if (doc.schemaVersion !== BUNDLE_SCHEMA_VERSION) {
    add('schemaVersion', typeof doc.schemaVersion === 'number'
      ? `version ${doc.schemaVersion} is not supported (this Orkestra reads ${BUNDLE_SCHEMA_VERSION}); use matching resolver and controller versions`
      : `must be ${BUNDLE_SCHEMA_VERSION}`);
  }
  checkResolver(doc.resolver, add);
  checkKatalog(doc.katalog, add);
  checkCrds(doc.crds, add);
  checkImports(doc.imports, add);
  return issues;
}

type Add = (path: string, message: string) => void;

function checkResolver(resolver: unknown, add: Add): void {
  if (!isRecord(resolver)) return add('resolver', 'must be an object with name and version');
  unknownKeys(resolver, ['name', 'version'], 'resolver', add);
  if (resolver.name !== RESOLVER_NAME) add('resolver.name', `must be "${RESOLVER_NAME}"`);
  if (!nonEmptyString(resolver.version)) add('resolver.version', 'must be a non-empty string');
}

function checkKatalog(katalog: unknown, add: Add): void {
  if (!isRecord(katalog)) return add('katalog', 'must be the merged Katalog object');
  if (katalog.apiVersion !== KATALOG_API_VERSION) add('katalog.apiVersion', `must be ${KATALOG_API_VERSION}`);
  if (katalog.kind !== 'Katalog') add('katalog.kind', 'must be Katalog (the merged result, not a Komposer)');
  if (!isRecord(katalog.metadata) || !nonEmptyString(katalog.metadata.name)) add('katalog.metadata.name', 'must be a non-empty string');
  if (!isRecord(katalog.spec) || !isRecord(katalog.spec.crds)) add('katalog.spec.crds', 'must be an object');
}

function checkCrds(crds: unknown, add: Add): void {
  if (!Array.isArray(crds)) return add('crds', 'must be a list of CustomResourceDefinition objects');
  const seen = new Set<string>();
  crds.forEach((crd, i) => {
    const at = `crds[${i}]`;
    if (!isRecord(crd)) return add(at, 'must be a CustomResourceDefinition object');
    if (crd.apiVersion !== CRD_API_VERSION) add(`${at}.apiVersion`, `must be ${CRD_API_VERSION}`);
    if (crd.kind !== CRD_KIND) add(`${at}.kind`, `must be ${CRD_KIND}`);
    const name = isRecord(crd.metadata) ? crd.metadata.name : undefined;
    if (!nonEmptyString(name)) return add(`${at}.metadata.name`, 'must be a non-empty string');
    if (seen.has(name)) add(`${at}.metadata.name`, `duplicates CRD ${name}`);
    seen.add(name);
  });
}

function checkImports(imports: unknown, add: Add): void {
  if (!Array.isArray(imports)) return add('imports', 'must be a list');
  imports.forEach((imp, i) => {
    const at = `imports[${i}]`;
    if (!isRecord(imp)) return add(at, 'must be an object with ref, digest, size and mediaType');
    unknownKeys(imp, ['ref', 'digest', 'size', 'mediaType'], at, add);
    const refProblem = typeof imp.ref === 'string' ? importRefProblem(imp.ref) : 'must be a string';
    if (refProblem) add(`${at}.ref`, refProblem);
    if (!isDigest(imp.digest)) add(`${at}.digest`, 'must be sha256:<64 lowercase hex digits>');
    if (typeof imp.size !== 'number' || !Number.isSafeInteger(imp.size) || imp.size < 0) add(`${at}.size`, 'must be a non-negative integer');
    if (!nonEmptyString(imp.mediaType) || imp.mediaType.length > 255) add(`${at}.mediaType`, 'must be a non-empty string of at most 255 characters');
  });
}

const REF_SCHEMES = ['file:', 'url:', 'helm:', 'oci:'] as const;

/**
 * Why `ref` may not appear in a bundle, or undefined if it may. The message never repeats the ref:
 * if it is wrong, it may be wrong because it carries a secret.
 */
export function importRefProblem(ref: string): string | undefined {
  const scheme = REF_SCHEMES.find((s) => ref.startsWith(s));
  if (!scheme) return 'must start with file:, url:, helm: or oci:';
  const rest = ref.slice(scheme.length);
  if (rest === '') return 'names nothing after its scheme';
  if (/[\s\u0000-\u001f\u007f]/.test(rest)) return 'must not contain whitespace or control characters';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    if (/[?#]/.test(rest)) return 'must not carry a query string or fragment (they may hold tokens)';
    let url: URL;
    try {
      url = new URL(rest);
    } catch {
      return 'holds a URL that does not parse';
    }
    if (url.username !== '' || url.password !== '') return 'must not carry credentials (user:password@)';
  }
  if (scheme === 'oci:' && !/@sha256:[0-9a-f]{64}$/.test(rest)) return 'an oci: reference must be pinned by digest (…@sha256:<64 hex>)';
  return undefined;
}

function unknownKeys(obj: Record<string, unknown>, allowed: string[], at: string, add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) add(at === '' ? key : `${at}.${key}`, `unknown field (schemaVersion ${BUNDLE_SCHEMA_VERSION} allows ${allowed.join(', ')})`);
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function summarise(issues: Issue[]): string {
  const first = `${issues[0]!.path}: ${issues[0]!.message}`;
  return issues.length === 1 ? first : `${first} (and ${issues.length - 1} more)`;
}

/** The digest bundle.json will have for a payload, without signing it (`ork lock` needs no key). */
export function bundleDigestOf(payload: BundlePayload): string {
  return digestOf(canonicalJsonBytes(payload));
}
