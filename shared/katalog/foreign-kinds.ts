// A file of another kind given to `ork validate` or `ork template`: upstream's test files
// (`kind: E2E` for `ork e2e`, `kind: Simulate` for `ork simulate`) sit beside its Katalogs, and any
// other document lacks a Katalog's body as well. Reporting every key of such a file as unknown
// says nothing useful; one line names the kind and, for upstream's test files, the Katalog they
// test. A document that still looks like a Katalog or Komposer (it has spec.crds or imports) is left
// to the usual checks, where a misspelt kind gets its own line among the others. Pure.
import type { Issue } from '../errors.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const OWN_KINDS = new Set(['Katalog', 'Komposer', 'Motif']);
/** Upstream's test files and the command that runs each. */
const UPSTREAM_TEST_KINDS: Readonly<Record<string, string>> = { E2E: 'ork e2e', Simulate: 'ork simulate' };

/** The one line for a document of a foreign kind; undefined for a Katalog, Komposer or Motif (or a look-alike). */
export function foreignKindIssue(doc: unknown, file: string, locate: Locator): Issue | undefined {
  if (!isRecord(doc) || typeof doc.kind !== 'string' || OWN_KINDS.has(doc.kind)) return undefined;
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const command = Object.hasOwn(UPSTREAM_TEST_KINDS, doc.kind) ? UPSTREAM_TEST_KINDS[doc.kind] : undefined;
  if (!command && (spec.crds !== undefined || doc.imports !== undefined)) return undefined;
  const tested = typeof spec.katalog === 'string' ? ` (its Katalog: ${spec.katalog}; validate or template that file)` : '';
  const message = command
    ? `not supported: kind ${doc.kind} is the Go runtime's '${command}' test file, not a Katalog, Komposer or Motif; this runtime has no '${command}'${tested}`
    : `kind ${JSON.stringify(doc.kind)} is not a Katalog, Komposer or Motif: this file is not one (write kind: Katalog, Komposer or Motif, or give the Katalog's own file)`;
  return { file, path: 'kind', ...locate(['kind'], 'value'), message };
}
