// The ObjectReader the reconciler reads through, backed by informer caches: one informer per CR
// kind (authoritative: a miss means the CR is gone) and, per child kind, one filtered to objects
// with this Katalog's ownership labels plus a metadata-only one of every object of the kind (the
// names index). A miss in both is an answer, without a request. An object the names index holds
// but the labelled cache does not — unowned, labels stripped by hand, or one cache behind the
// other — is read with one GET, so the reconciler sees it whole (to leave it alone, or to restore
// it). A kind without a synced names index — one the cluster did not serve at start, so it is not
// watched at all, or a caller that gives none — keeps the GET on every miss. Children are indexed
// by owner, so listOwned costs what it returns.
import { CRD_LABEL, OWNER_NAMESPACE_LABEL } from '../../shared/render/index.js';
import { OWNER_LABEL } from '../../shared/katalog/types.js';
import { keyOf, type Informer } from '../engine/index.js';
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';
import type { ObjectReader } from '../reconcile/reader.js';

interface Watched {
  informer: Informer;
  /** True for CR informers: the cache holds every object it reconciles, so a miss is an answer. */
  complete: boolean;
  /** A CR informer narrowed by namespace or selectors: not shared with readers of the whole kind. */
  narrowed?: boolean;
  /** Child kinds: every object of the kind, metadata only (no label selector). */
  names?: Informer;
}

export class CacheReader implements ObjectReader {
  private readonly watched = new Map<string, Watched>();
  /** `crdName|namespace|owner` → child cache keys, per `apiVersion|kind`. */
  private readonly owned = new Map<string, Map<string, KubeObject>>();

  constructor(private readonly kube: KubeClient) {}

  /** `everyObject` false: the informer is narrowed (namespace, label or field selector). */
  watchCrs(apiVersion: string, kind: string, informer: Informer, options: { everyObject?: boolean } = {}): void {
    this.watched.set(kindKey(apiVersion, kind), { informer, complete: true, ...(options.everyObject === false ? { narrowed: true } : {}) });
  }

  /**
   * `names`: a metadata-only informer of the same kind without label selector, over at least the
   * namespaces `informer` covers; with it, a miss in both caches is answered without a request.
   */
  watchChildren(apiVersion: string, kind: string, informer: Informer, names?: Informer): void {
    this.watched.set(kindKey(apiVersion, kind), { informer, complete: false, ...(names ? { names } : {}) });
    const id = (o: KubeObject) => `${kindKey(apiVersion, kind)}|${keyOf(o.metadata.namespace, o.metadata.name)}`;
    informer.addHandlers({
      add: (o) => this.index(o, id(o)),
      update: (old, o) => {
        this.unindex(old, id(old));
        this.index(o, id(o));
      },
      delete: (o) => this.unindex(o, id(o)),
    });
  }

  /**
   * An informer of every object of the kind, for other readers (secondary watches, cross reads): a
   * CR informer (whole objects), else a child kind's names index (metadata only); undefined if none.
   */
  informerOf(apiVersion: string, kind: string): Informer | undefined {
    const watched = this.watched.get(kindKey(apiVersion, kind));
    if (watched?.narrowed) return undefined;
    return watched?.complete ? watched.informer : watched?.names;
  }

  async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const watched = this.watched.get(kindKey(apiVersion, kind));
    const cached = watched?.informer.get(keyOf(namespace, name));
    if (cached || watched?.complete) return cached && withType(cached, apiVersion, kind);
    // No object of that name at all: the first reconcile of every CR ends here for each child.
    const names = watched?.names;
    if (names?.hasSynced() && names.get(keyOf(names.resource.namespaced ? namespace : undefined, name)) === undefined) return undefined;
    const resource = await this.kube.resourceFor(apiVersion, kind);
    const live = await this.kube.get(resource, resource.namespaced ? namespace : undefined, name);
    return live && withType(live, apiVersion, kind);
  }

  listOwned(crdName: string, cr: KubeObject): KubeObject[] {
    // A cluster-scoped CR's children may sit in any namespace: look them up across all.
    const key = ownerKey(crdName, cr.metadata.namespace ?? ANY_NAMESPACE, cr.metadata.name);
    return [...(this.owned.get(key)?.values() ?? [])];
  }

  private index(o: KubeObject, id: string): void {
    for (const key of ownerKeysOfChild(o)) {
      let set = this.owned.get(key);
      if (!set) this.owned.set(key, (set = new Map()));
      set.set(id, o);
    }
  }

  private unindex(o: KubeObject, id: string): void {
    for (const key of ownerKeysOfChild(o)) {
      const set = this.owned.get(key);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.owned.delete(key);
    }
  }
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function ownerKey(crdName: string, namespace: string, owner: string): string {
  return `${crdName}|${namespace}|${owner}`;
}

const ANY_NAMESPACE = '*';

/** Where a child is indexed: under its owner's namespace, and under any-namespace for cluster-scoped owners. */
function ownerKeysOfChild(o: KubeObject): string[] {
  const labels = o.metadata.labels ?? {};
  const owner = labels[OWNER_LABEL];
  const crd = labels[CRD_LABEL];
  if (!owner || !crd) return [];
  return [ownerKey(crd, labels[OWNER_NAMESPACE_LABEL] ?? o.metadata.namespace ?? '', owner), ownerKey(crd, ANY_NAMESPACE, owner)];
}

/** List items of built-in kinds may lack apiVersion/kind; plans compare them. */
function withType(o: KubeObject, apiVersion: string, kind: string): KubeObject {
  return o.apiVersion && o.kind ? o : { ...o, apiVersion, kind };
}
