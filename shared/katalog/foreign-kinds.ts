// A file of another kind given to `ork validate` or `ork template`: upstream's test files
// (`kind: E2E` for `ork e2e`, `kind: Simulate` for `ork simulate`) sit beside its Katalogs, and any
// other document lacks a Katalog's body as well. Reporting every key of such a file as unknown
// says nothing useful; one line names the kind and, for upstream's test files, the Katalog they
// test. A document that still looks like a Katalog or Komposer (it has spec.crds or imports) is left
// to the usual checks, where a misspelt kind gets its own line among the others. A file holding only
// an include: fragment (`fields:`, `rules:`, … at its root) is named as such, in one line too. Pure.
import type { Issue } from '../errors.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const OWN_KINDS = new Set(['Katalog', 'Komposer', 'Motif']);
/** Upstream's test files and the command that runs each. */
const UPSTREAM_TEST_KINDS: Readonly<Record<string, string>> = { E2E: 'ork e2e', Simulate: 'ork simulate' };

/** Root keys of an `include:` fragment (compose/includes.ts), each with the block that includes it. */
const FRAGMENT_ROOTS: Readonly<Record<string, string>> = {
  rules: 'validation or mutation', fields: 'status', functions: 'notes', profiles: 'profiles', paths: 'conversion', reconciler: 'reconciler', observe: 'observe',
};

/** The one line for a document of a foreign kind; undefined for a Katalog, Komposer or Motif (or a look-alike). */
export function foreignKindIssue(doc: unknown, file: string, locate: Locator): Issue | undefined {
  if (!isRecord(doc)) return undefined;
  if (doc.kind === undefined && doc.apiVersion === undefined) return fragmentIssue(doc, file, locate);
  if (typeof doc.kind !== 'string' || OWN_KINDS.has(doc.kind)) return undefined;
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const command = Object.hasOwn(UPSTREAM_TEST_KINDS, doc.kind) ? UPSTREAM_TEST_KINDS[doc.kind] : undefined;
  if (!command && (spec.crds !== undefined || doc.imports !== undefined)) return undefined;
  const tested = typeof spec.katalog === 'string' ? ` (its Katalog: ${spec.katalog}; validate or template that file)` : '';
  const message = command
    ? `not supported: kind ${doc.kind} is the Go runtime's '${command}' test file, not a Katalog, Komposer or Motif; this runtime has no '${command}'${tested}`
    : `kind ${JSON.stringify(doc.kind)} is not a Katalog, Komposer or Motif: this file is not one (write kind: Katalog, Komposer or Motif, or give the Katalog's own file)`;
  return { file, path: 'kind', ...locate(['kind'], 'value'), message };
}

/** A file holding only an include fragment's root key (`fields:`, `rules:`, …) is read through the block that includes it. */
function fragmentIssue(doc: Rec, file: string, locate: Locator): Issue | undefined {
  const keys = Object.keys(doc);
  const root = keys.length === 1 && Object.hasOwn(FRAGMENT_ROOTS, keys[0]!) ? keys[0]! : undefined;
  if (!root) return undefined;
  const message = `this file is an include: fragment (root key ${root}:), not a Katalog, Komposer or Motif; it is checked through the Katalog whose ${FRAGMENT_ROOTS[root]} block includes it: validate that file`;
  return { file, path: root, ...locate([root], 'key'), message };
}
