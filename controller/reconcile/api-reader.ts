// An ObjectReader that reads straight from the API server: every reconcile costs a GET per
// object and a labelled LIST per child kind. For tests and one-off runs; the engine reads from
// informer caches instead.
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';
import type { ChildKind } from './child-kinds.js';
import { ownedSelector } from './ownership.js';
import type { ObjectReader } from './reader.js';

export interface ApiReaderOptions {
  katalogName: string;
  /** The child kinds of a CRD entry by its name (see childKinds). */
  kindsOf(crdName: string): readonly ChildKind[];
}

export function apiObjectReader(kube: KubeClient, options: ApiReaderOptions): ObjectReader {
  return {
    async get(apiVersion, kind, namespace, name) {
      const resource = await kube.resourceFor(apiVersion, kind);
      const object = await kube.get(resource, resource.namespaced ? namespace : undefined, name);
      // Single GETs of built-in kinds carry apiVersion and kind, but be sure: plans compare them.
      return object === undefined ? undefined : { ...object, apiVersion: object.apiVersion ?? apiVersion, kind: object.kind ?? kind };
    },
    async listOwned(crdName, cr) {
      const labelSelector = ownedSelector(crdName, options.katalogName, cr.metadata.name);
      const out: KubeObject[] = [];
      for (const { apiVersion, kind } of options.kindsOf(crdName)) {
        const resource = await kube.resourceFor(apiVersion, kind);
        out.push(...(await kube.list(resource, { labelSelector })).items);
      }
      return out;
    },
  };
}
