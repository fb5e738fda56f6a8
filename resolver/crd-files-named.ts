// The CRD files a Katalog text names (its entries' crdFile values), for the sources and the runner
// that fetch them beside it. Pure; unreadable text names none (the assembler reports it).
import { readableValue } from '../shared/katalog/index.js';
import { splitYamlDocuments } from '../shared/komposer/split-documents.js';

/** The crdFile values of the Katalog documents in a text; unreadable text names none (the assembler reports it). */
export function crdFilesNamed(text: string): string[] {
  const names: string[] = [];
  for (const piece of splitYamlDocuments(text)) {
    const value = readableValue(piece.text);
    const crds = (value as { kind?: unknown; spec?: { crds?: unknown } } | null)?.spec?.crds;
    if ((value as { kind?: unknown } | null)?.kind !== 'Katalog' || typeof crds !== 'object' || crds === null) continue;
    for (const entry of Object.values(crds as Record<string, { crdFile?: unknown }>)) {
      if (typeof entry?.crdFile === 'string' && !names.includes(entry.crdFile)) names.push(entry.crdFile);
    }
  }
  return names;
}
