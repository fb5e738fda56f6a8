// `ork run`'s `setup` files (upstream: "YAML files to apply before the operator starts" — namespaces,
// Secrets, extra CRDs): read and parsed before anything is applied, then applied in declaration
// order with server-side apply (like `kubectl apply`: an object that exists is brought to the file's
// shape), in the kubeconfig's namespace unless a document names one, before the controller starts.
// A cluster install does not apply them (docs/katalog-compat.md says why).
import { dirname, isAbsolute, join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { parseYaml } from '../../shared/katalog/index.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import { readTextFile } from '../../resolver/index.js';
import { localKatalogs, type KatalogSource } from './local-katalogs.js';

export interface SetupObject {
  file: string;
  object: KubeObject;
}

const FIELD_MANAGER = 'ork-run-setup';
/** How long a kind that a setup CRD just added may take to be served. */
const DISCOVERY_WAIT_MS = 30_000;

/** The setup paths of one entry: a list, or upstream's `{apply: [{path}]}`; SETUP_INVALID-like errors name the entry. */
export function setupPaths(entry: string, setup: unknown, declaredIn: string): string[] {
  const bad = () => new OrkError('KATALOG_INVALID', `${declaredIn}: spec.crds.${entry}.setup: expected a list of file paths or {apply: [{path: FILE}]}`);
  if (setup === undefined) return [];
  const list = Array.isArray(setup) ? setup : (setup as { apply?: unknown })?.apply;
  if (!Array.isArray(list)) throw bad();
  return list.map((item) => {
    const path = typeof item === 'string' ? item : (item as { path?: unknown })?.path;
    if (typeof path !== 'string' || path === '') throw bad();
    return path;
  });
}

/** Every setup document of the Katalog (and of the Katalogs a Komposer imports by path), in order. */
export async function readSetupObjects(katalog: KatalogSource, logger: Logger): Promise<SetupObject[]> {
  const out: SetupObject[] = [];
  for (const { document, path } of await localKatalogs(katalog)) {
    for (const [entry, crd] of Object.entries(document.spec.crds)) {
      for (const ref of setupPaths(entry, crd.setup, path)) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
          logger.warn('setup file not applied: ork run reads setup from local paths only; apply it with kubectl', { crd: entry, setup: ref });
          continue;
        }
        const file = isAbsolute(ref) ? ref : join(dirname(path), ref);
        out.push(...(await readObjects(file, `setup of ${entry} in ${path}`)));
      }
    }
  }
  return out;
}

async function readObjects(file: string, what: string): Promise<SetupObject[]> {
  const read = await readTextFile(file);
  if ('issue' in read) throw new OrkError('KATALOG_INVALID', `${what}: ${file}: ${read.issue.message}`, { source: file });
  const { documents, issues } = parseYaml(read.text, file);
  const error = issues.find((i) => i.severity !== 'warning');
  if (error) throw new OrkError('KATALOG_INVALID', `setup file ${file}${error.line ? `:${error.line}:${error.col ?? 1}` : ''}: ${error.message}`, { source: file, issues: [error] });
  return documents.flatMap((d, i) => {
    if (d.value === null || d.value === undefined) return [];
    const o = d.value as Partial<KubeObject>;
    if (typeof o !== 'object' || Array.isArray(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
      throw new OrkError('KATALOG_INVALID', `setup file ${file} (document ${i + 1}): needs apiVersion, kind and metadata.name; fix the file or remove it from setup`, { source: file });
    }
    return [{ file, object: o as KubeObject }];
  });
}

/** Applies each object in order; returns how many were applied. A refused object stops the run (the operator needs it). */
export async function applySetup(kube: KubeClient, objects: readonly SetupObject[], namespace: string, logger: Logger, now: () => number = Date.now): Promise<number> {
  for (const { file, object } of objects) {
    const resource = await resourceWhenServed(kube, object, now);
    const body = resource.namespaced ? { ...object, metadata: { ...object.metadata, namespace: object.metadata.namespace ?? namespace } } : object;
    const fields = { file, kind: object.kind, name: object.metadata.name, ...(resource.namespaced ? { namespace: body.metadata.namespace } : {}) };
    try {
      await kube.apply(body, { fieldManager: FIELD_MANAGER, force: true });
    } catch (caught) {
      if (isKubeError(caught)) throw new OrkError('KATALOG_INVALID', `setup object ${object.kind} ${object.metadata.name} from ${file} refused by the API server: ${caught.message}; fix the file`, { source: file });
      throw caught;
    }
    logger.info('setup object applied', fields);
  }
  return objects.length;
}

/** The object's resource; a kind a setup CRD just added is looked up again until it is served. */
async function resourceWhenServed(kube: KubeClient, object: KubeObject, now: () => number) {
  const until = now() + DISCOVERY_WAIT_MS;
  for (;;) {
    try {
      return await kube.resourceFor(object.apiVersion, object.kind);
    } catch (caught) {
      if (now() > until) throw caught;
      kube.invalidateDiscovery();
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
