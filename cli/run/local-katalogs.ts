// The Katalog `ork run` was given and, for a Komposer, the Katalogs it imports by local path: the
// documents whose `setup` and `crFiles` it applies. `text` is the top file's content when it came
// from stdin (`-f -`); its relative paths then resolve against the directory `path` places it in.
import { dirname, isAbsolute, join } from 'node:path';
import type { KatalogDocument } from '../../shared/katalog/index.js';
import { loadKatalogFile } from '../../resolver/index.js';
import { localImportPaths } from './sample-crs.js';

export interface KatalogSource {
  path: string;
  text?: string;
  /** Files named beside a Komposer on the command line, relative to it: read after its own imports. */
  extra?: readonly string[];
}

export interface LocalKatalog {
  document: KatalogDocument;
  /** Where it was declared: relative paths in it resolve against this file's directory. */
  path: string;
}

/** The top document, then every loadable Katalog it imports by path, in declaration order. */
export async function localKatalogs(top: KatalogSource): Promise<LocalKatalog[]> {
  const loaded = await loadKatalogFile(top.path, undefined, top.text === undefined ? {} : { text: top.text });
  if (!loaded.document) return [];
  const docs = [{ document: loaded.document, path: top.path }];
  if (loaded.document.kind !== 'Komposer') return docs;
  const extra = (top.extra ?? []).filter((f) => !/^https?:\/\//i.test(f));
  for (const imported of [...localImportPaths(loaded.document), ...extra]) {
    const path = isAbsolute(imported) ? imported : join(dirname(top.path), imported);
    const child = await loadKatalogFile(path);
    if (child.document) docs.push({ document: child.document, path });
  }
  return docs;
}
