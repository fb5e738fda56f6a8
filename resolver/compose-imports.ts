// A Katalog imported through a Komposer is composed as a top-level Katalog is (compose/compose.ts):
// its include fragments and Motif imports merged in, against its own source, before the merge. A
// `file:` import reads them beside its file on disk; an archive (oci:, helm:, a nested Komposer's
// artifact) among its own files; a single fetched file (url:, git) has no siblings, so a relative
// name is refused naming the import. OCI Motifs go through the resolver's readOci, or are left
// with a warning (`ork validate`), exactly as for the Komposer's own Katalog.
import { posix } from 'node:path';
import { includeSites, motifImportSites, parseYaml, type Locator } from '../shared/katalog/index.js';
import type { ImportContent, ImportDocument } from '../shared/komposer/assemble.js';
import { splitYamlDocuments } from '../shared/komposer/split-documents.js';
import { composeDocument, type ComposeOptions } from './compose/compose.js';
import type { Chain, LocalRead } from './compose/local-file.js';
import type { FetchedImport } from './sources/source.js';

type Rec = Record<string, unknown>;

/** The files an import carries beside its Katalogs, and how issues name each. */
interface Siblings {
  documents: ImportDocument[];
  nameOf: (path: string) => string;
}

/**
 * Attaches `composed` to each imported Katalog document that names include fragments or Motifs.
 * `artifact`: a nested Komposer's artifact files (with the chain prefix), where its file imports live.
 */
export async function composeImported(contents: ImportContent[], fetched: (FetchedImport & { inArtifact?: boolean })[], options: ComposeOptions, artifact?: { files: ImportDocument[]; prefix: string }): Promise<void> {
  for (const [i, content] of contents.entries()) {
    const local = fetched[i]?.localPath;
    const siblings: Siblings | undefined = fetched[i]?.inArtifact && artifact
      ? { documents: artifact.files, nameOf: (p) => `${artifact.prefix}file:./${p}` }
      : content.singleFile ? undefined : { documents: content.documents, nameOf: (p) => `${content.label}#${p}` };
    const read = new Set<ImportDocument>();
    for (const document of content.documents) {
      const composed = [];
      for (const piece of splitYamlDocuments(document.text)) {
        const label = content.singleFile ? content.label : `${content.label}#${document.path}`;
        composed.push(await composePiece(piece.text, label, document.path, { content, local, siblings, read }, options));
      }
      if (composed.some((c) => c !== undefined)) document.composed = composed;
    }
    // An archive's fragments and Motifs are part of the Katalog that names them, not documents of their own.
    for (const document of read) document.consumed = true;
  }
}

interface From {
  content: ImportContent;
  /** The imported file's real path (a `file:` import). */
  local: string | undefined;
  /** Absent: a single fetched file, with nothing beside it. */
  siblings: Siblings | undefined;
  /** The sibling documents a composition read. */
  read: Set<ImportDocument>;
}

async function composePiece(text: string, label: string, path: string, from: From, options: ComposeOptions) {
  const { local } = from;
  const { documents, issues } = parseYaml(text, label);
  if (documents.length !== 1 || issues.some((i) => i.severity !== 'warning')) return undefined;
  const { value, locate } = documents[0]! as { value: unknown; locate: Locator };
  if ((value as Rec | null)?.kind !== 'Katalog' || (includeSites(value).length === 0 && motifImportSites(value).length === 0)) return undefined;
  // On disk the composition reads beside the real file; issues then name it by the import's label.
  const file = local ?? label;
  const reader = local !== undefined ? {} : { readFile: siblingReader(from, label, path) };
  const result = await composeDocument(file, value, locate, local !== undefined ? posix.dirname(local) : '/', { ...options, ...reader });
  const rename = (f: string) => (f === file ? label : f);
  return {
    value: result.value,
    locate,
    issues: result.issues.map((i) => (i.file === undefined ? i : { ...i, file: rename(i.file) })),
    origins: result.origins.map((o) => ({ ...o, within: rename(o.within), file: rename(o.file) })),
  };
}

/**
 * The files of a fetched import, named relative to the declaring file inside it. A single fetched
 * file has none: what it names is refused with the import's label, never dropped.
 */
function siblingReader({ content, siblings, read }: From, label: string, path: string) {
  const pathOf = new Map<string, string>([[label, path]]);
  return async (ref: string, declaring: string, chain: Chain): Promise<LocalRead> => {
    if (!siblings) {
      return { problem: `${ref} does not exist beside ${content.label}: that import is a single fetched file, so a Motif or fragment named by a relative path cannot be read from it; import the Katalog from a file:, oci: or helm: source that carries ${ref}, or import the Motif by OCI reference` };
    }
    const wanted = posix.normalize(posix.join(posix.dirname(pathOf.get(declaring) ?? path), ref)).replace(/^\.\//, '');
    if (posix.isAbsolute(ref) || wanted === '..' || wanted.startsWith('../')) return { problem: `${ref} leaves ${content.label}; an imported Katalog reads only the files of its own import` };
    const found = siblings.documents.find((d) => posix.normalize(d.path).replace(/^\.\//, '') === wanted);
    if (!found) return { problem: `${ref} does not exist in ${content.label} (looked for ${wanted}; it has ${siblings.documents.map((d) => d.path).join(', ')})` };
    const file = siblings.nameOf(found.path);
    if (chain.files.includes(file)) return { problem: `include cycle: ${[...chain.files.slice(chain.files.indexOf(file)), file].join(' → ')}; a file cannot include or import itself` };
    pathOf.set(file, found.path);
    read.add(found);
    return { file, text: found.text };
  };
}
