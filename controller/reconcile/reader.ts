// The ObjectReader port: where a reconcile reads the CR and its children. The engine backs it
// with informer caches; apiObjectReader (api-reader.ts) reads straight from the API server.
import type { KubeObject } from '../../shared/kube/index.js';

export type MaybePromise<T> = T | Promise<T>;

export interface ObjectReader {
  /** The object, or undefined when it does not exist (namespace undefined: cluster-scoped). */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): MaybePromise<KubeObject | undefined>;
  /**
   * Live objects that may be `cr`'s children: at least every object of the entry's child kinds
   * (childKinds) labelled with ownedSelector(crdName, katalogName, cr name), in any namespace.
   * Returning more is harmless — the reconciler checks ownership of each object itself.
   */
  listOwned(crdName: string, cr: KubeObject): MaybePromise<KubeObject[]>;
}
