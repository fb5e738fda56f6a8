// A `registry:` import with `useKomposer: true`: the artifact's komposer.yaml is loaded instead of
// its katalog.yaml, and the Katalogs that Komposer imports are resolved too (as upstream's merger
// does), one level down (resolver/komposer-imports.ts): its relative paths name files of the same
// artifact, its remote imports are fetched and recorded like any other (each under a label that
// carries the chain, so the lock pins every one by digest), its own spec.crds override them and its
// own lifecycle gate applies. What the parent receives is the merged Katalog and its CRDs.
// Bounded: a Komposer already on the chain (same manifest digest) is a cycle, and at most
// MAX_KOMPOSER_DEPTH Komposers nest below the one on disk; both are refused naming the chain.
import { posix } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import {
  includeSites,
  isRemoteCrdFile,
  LoadedCrdFile,
  motifImportSites,
  parseKatalog,
  parseYaml,
  resolveCrds,
  UnloadableCrdFile,
  type KatalogDocument,
} from '../shared/katalog/index.js';
import type { RegistryImport } from '../shared/katalog/types.js';
import { fetchAll } from './fetch-all.js';
import { resolveImports, type FetchedNested, type Level, type ResolveEnv } from './komposer-imports.js';
import { ociSource } from './sources/oci.js';
import type { ImportedDocument, Source } from './sources/source.js';

/** Komposers that may nest below the one on disk (useKomposer inside useKomposer …). */
export const MAX_KOMPOSER_DEPTH = 4;

const KOMPOSER_FILE = /^(\.\/)?komposer\.(ya?ml|json)$/i;

export function nestedKomposerSource(artifact: RegistryImport, level: Level, env: ResolveEnv): Source {
  const { useKomposer: _use, ...plain } = artifact;
  const oci = ociSource(plain, { ...(env.sourceOptions.dockerConfig ? { dockerConfig: env.sourceOptions.dockerConfig } : {}), everyFile: true });
  return {
    label: oci.label,
    fetch: async (context): Promise<FetchedNested> => {
      const [fetched] = await fetchAll([oci], context, { ...env.fetchOptions, concurrency: 1 });
      const artifactFile = fetched!.documents.find((d) => KOMPOSER_FILE.test(d.path));
      const file = `${oci.label}/komposer.yaml`;
      if (!artifactFile) {
        const has = fetched!.documents.map((d) => d.path).join(', ') || 'no YAML file';
        throw new OrkError('IMPORT_INVALID', `useKomposer: true, but the artifact carries no komposer.yaml (it has ${has}); set useKomposer: false to load its katalog.yaml`, { source: oci.label });
      }
      const chain = [...level.chain, { ref: fetched!.ref, label: oci.label }];
      const shown = chain.map((link) => link.label).join(' → ');
      const looped = level.chain.find((link) => link.ref === fetched!.ref);
      if (looped) {
        throw new OrkError('KATALOG_INVALID', `Komposer cycle: ${shown}`, { source: oci.label, issues: [{ file: level.file, path: 'imports.registry', message: `Komposer cycle: ${shown} (${fetched!.ref} is already on the chain); remove the useKomposer import that leads back` }] });
      }
      if (chain.length - 1 > MAX_KOMPOSER_DEPTH) {
        throw new OrkError('KATALOG_INVALID', `Komposers nest deeper than ${MAX_KOMPOSER_DEPTH}`, { source: oci.label, issues: [{ file: level.file, path: 'imports.registry', message: `Komposers nest deeper than ${MAX_KOMPOSER_DEPTH}: ${shown}; import the Katalogs of the deepest one directly (useKomposer: false)` }] });
      }
      const document = readNestedKomposer(file, artifactFile.text);
      const crds = resolveCrds(document, ownCrdFiles(document, fetched!.documents, file));
      const errors = crds.issues.filter((i) => i.severity !== 'warning');
      if (errors.length > 0) throw new OrkError('KATALOG_INVALID', `${file} is not a valid Komposer`, { source: oci.label, issues: errors });
      const below: Level = { file, prefix: `${level.prefix}${oci.label} → `, chain, files: fetched!.documents, artifactRef: fetched!.ref };
      const resolved = await resolveImports(document, crds.crds, below, env, nestedKomposerSource);
      const documents = [
        { path: 'komposer.yaml', text: JSON.stringify(resolved.katalog) },
        ...resolved.crds.map((crd) => ({ path: `crds/${crd.metadata.name}.json`, text: JSON.stringify(crd) })),
      ];
      const patterns = resolved.patterns.map((p) => ({ ...p, source: p.source.startsWith(below.prefix) ? p.source : `${below.prefix}${p.source}` }));
      return { ...fetched!, documents, nested: { imports: resolved.imports, warnings: resolved.warnings, patterns } };
    },
  };
}

/** The artifact's komposer.yaml as a Komposer document, or the problems that stop it. */
function readNestedKomposer(file: string, text: string): KatalogDocument {
  const parsed = parseKatalog(text, file);
  const fail = (issues: Issue[]) => new OrkError('KATALOG_INVALID', `${file} is not a valid Komposer`, { source: file, issues });
  if (!parsed.document) throw fail(parsed.issues.filter((i) => i.severity !== 'warning'));
  if (parsed.document.kind !== 'Komposer') {
    throw fail([{ file, path: 'kind', line: 1, message: `useKomposer: true, but komposer.yaml holds a ${parsed.document.kind}; set useKomposer: false to load the artifact's katalog.yaml, or check the artifact` }]);
  }
  const written = parseYaml(text, file).documents[0]?.value;
  if (includeSites(written).length > 0 || motifImportSites(written).length > 0) {
    throw fail([{ file, path: '', message: 'include fragments and Motif imports in a Komposer loaded with useKomposer are not read; inline them in its komposer.yaml, or import its Katalogs directly' }]);
  }
  return parsed.document;
}

/** The CRD files the nested Komposer's own entries name, from its artifact (never from disk or a URL). */
function ownCrdFiles(document: KatalogDocument, files: ImportedDocument[], file: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const entry of Object.values(document.spec.crds)) {
    const crdFile = entry.crdFile;
    if (crdFile === undefined || found.has(crdFile)) continue;
    const target = posix.normalize(crdFile).replace(/^\.\//, '');
    const text = isRemoteCrdFile(crdFile) ? undefined : files.find((d) => posix.normalize(d.path).replace(/^\.\//, '') === target)?.text;
    if (text === undefined) {
      found.set(crdFile, new UnloadableCrdFile([{ file, path: '', message: `crdFile ${crdFile} is not in the artifact; ship it beside komposer.yaml` }]));
      continue;
    }
    const parsed = parseYaml(text, `${file.replace(/komposer\.yaml$/, '')}${target}`);
    const doc = parsed.documents[0];
    const errors = parsed.issues.filter((i) => i.severity !== 'warning');
    found.set(crdFile, errors.length > 0 || !doc ? new UnloadableCrdFile(errors) : new LoadedCrdFile(`${file}#${target}`, doc.value, doc.locate));
  }
  return found;
}
