// Applies a Komposer's lifecycle gate (shared/komposer/lifecycle-policy.ts) to what was fetched:
// every `kind: Katalog` document of every import names itself (metadata.name, author, version)
// and carries its `lifecycle:` block. Unreadable documents name nothing here; the assembler
// reports them. Pure apart from the clock the caller passes.
import type { Issue } from '../shared/errors.js';
import { readableValue, type KatalogDocument } from '../shared/katalog/index.js';
import { lifecycleIssues, readKomposerPolicy, type ImportedPattern } from '../shared/komposer/lifecycle-policy.js';
import type { ImportContent } from '../shared/komposer/assemble.js';
import { splitYamlDocuments } from '../shared/komposer/split-documents.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The Katalogs one import carried, each named by its document. */
export function patternsOf(content: Pick<ImportContent, 'label' | 'documents'>): ImportedPattern[] {
  const patterns: ImportedPattern[] = [];
  for (const document of content.documents) {
    for (const piece of splitYamlDocuments(document.text)) {
      const value = readableValue(piece.text);
      if (!isRecord(value) || value.kind !== 'Katalog' || !isRecord(value.metadata) || typeof value.metadata.name !== 'string') continue;
      const { name, author, version } = value.metadata;
      patterns.push({
        source: content.label,
        name,
        ...(typeof author === 'string' ? { author } : {}),
        ...(typeof version === 'string' || typeof version === 'number' ? { version: String(version) } : {}),
        ...(value.lifecycle !== undefined ? { lifecycle: value.lifecycle } : {}),
      });
    }
  }
  return patterns;
}

/** The gate's problems with the Komposer's policy and with each imported Katalog, at the Komposer's file. */
export function lifecycleGate(komposer: KatalogDocument, file: string, patterns: ImportedPattern[], today: Date): Issue[] {
  const { policy, issues } = readKomposerPolicy(komposer, file);
  return [...issues, ...lifecycleIssues(policy, patterns, file, today)];
}
