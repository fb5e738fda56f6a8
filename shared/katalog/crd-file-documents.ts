// A crdFile holding several CustomResourceDefinitions (upstream's in-binary dependency example
// names one two-CRD file from both of its entries). Each entry reads the document named for it:
// its kind, singular, plural or metadata.name equal to the entry name (case and '-'/'_' ignored).
// When no document is named for the entry, the first is read, as the Go runtime reads a crdFile
// (it decodes only the first document), with a warning. Pure.
import type { LocateWithin } from './crd-manifest.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface CrdDocument {
  value: unknown;
  locate?: LocateWithin;
}

/** The document an entry reads, and a warning when it had to fall back to the first. */
export function documentForEntry(documents: readonly CrdDocument[], entryName: string, crdFile: string): { document: CrdDocument; warning?: string } {
  const [first] = documents;
  if (documents.length === 1) return { document: first! };
  const wanted = squash(entryName);
  const named = documents.filter((d) => namesOf(d.value).includes(wanted));
  if (named.length >= 1) return { document: named[0]! };
  const kinds = documents.map((d) => (isRecord(d.value) && isRecord(d.value.spec) && isRecord(d.value.spec.names) ? String(d.value.spec.names.kind) : '?'));
  return {
    document: first!,
    warning: `crdFile ${crdFile} holds ${documents.length} CustomResourceDefinitions (${kinds.join(', ')}) and none is named for entry '${entryName}'; reading the first, as the Go runtime does (name the entry after its kind, or give the CRD a file of its own)`,
  };
}

function namesOf(crd: unknown): string[] {
  if (!isRecord(crd)) return [];
  const names = isRecord(crd.spec) && isRecord(crd.spec.names) ? crd.spec.names : {};
  const metaName = isRecord(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : undefined;
  return [names.kind, names.singular, names.plural, metaName].filter((n): n is string => typeof n === 'string').map(squash);
}

const squash = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
