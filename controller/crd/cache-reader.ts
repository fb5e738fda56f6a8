// The ObjectReader the reconciler reads through, backed by informer caches: one informer per CR
// kind (authoritative: a miss means the CR is gone) and, per child kind, one filtered to objects
// with this Katalog's ownership labels plus a metadata-only one of every object of the kind (the
// names index). A miss in both is an answer, without a request. An object the names index holds
// but the labelled cache does not — unowned, labels stripped by hand, or one cache behind the
// other — is read with one GET, so the reconciler sees it whole (to leave it alone, or to restore
// it). A kind without a synced names index — one the cluster did not serve at start, so it is not
// watched at all, or a caller that gives none — keeps the GET on every miss. Children are indexed
// by owner, so listOwned costs what it returns: under one key per child when its CRD's scope is
// known (two otherwise), in flat arrays of kind and object (a Map per owner held ≈ 0.8 KiB per CR).
import { CRD_LABEL, OWNER_NAMESPACE_LABEL } from '../../shared/render/index.js';
import { OWNER_LABEL } from '../../shared/katalog/types.js';
import { intern, keyOf, type Informer } from '../engine/index.js';
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
  /** `crdName|namespace|owner` → its children: `apiVersion|kind`, object, `apiVersion|kind`, object… */
  private readonly owned = new Map<string, (string | KubeObject)[]>();
  /** CRD name → namespaced; a CRD not told indexes its children under both keys. */
  private readonly scopes = new Map<string, boolean>();

  constructor(private readonly kube: KubeClient) {}

  /** The scope of a CRD's CRs: their children are then indexed under one owner key, not two. */
  ownerScope(crdName: string, namespaced: boolean): void {
    this.scopes.set(crdName, namespaced);
  }

  /** `everyObject` false: the informer is narrowed (namespace, label or field selector); `crd`: its name and scope (ownerScope). */
  watchCrs(apiVersion: string, kind: string, informer: Informer, options: { everyObject?: boolean; crd?: { name: string; namespaced: boolean } } = {}): void {
    if (options.crd) this.ownerScope(options.crd.name, options.crd.namespaced);
    this.watched.set(kindKey(apiVersion, kind), { informer, complete: true, ...(options.everyObject === false ? { narrowed: true } : {}) });
  }

  /**
   * `names`: a metadata-only informer of the same kind without label selector, over at least the
   * namespaces `informer` covers; with it, a miss in both caches is answered without a request.
   */
  watchChildren(apiVersion: string, kind: string, informer: Informer, names?: Informer): void {
    const kindId = intern(kindKey(apiVersion, kind));
    this.watched.set(kindId, { informer, complete: false, ...(names ? { names } : {}) });
    informer.addHandlers({
      add: (o) => this.index(o, kindId),
      update: (old, o) => {
        this.unindex(old, kindId);
        this.index(o, kindId);
      },
      delete: (o) => this.unindex(o, kindId),
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
    const entries = this.owned.get(key) ?? [];
    const out: KubeObject[] = [];
    for (let i = 1; i < entries.length; i += 2) out.push(entries[i] as KubeObject);
    return out;
  }

  private index(o: KubeObject, kindId: string): void {
    for (const key of ownerKeysOfChild(o, this.scopes)) {
      const entries = this.owned.get(key);
      if (!entries) {
        this.owned.set(intern(key), [kindId, o]);
        continue;
      }
      const at = find(entries, kindId, o);
      // concat makes an array of the exact size; push (and spread) would grow 2 slots to 19 (V8's growth).
      if (at < 0) this.owned.set(key, entries.concat([kindId, o]));
      else entries[at + 1] = o;
    }
  }

  private unindex(o: KubeObject, kindId: string): void {
    for (const key of ownerKeysOfChild(o, this.scopes)) {
      const entries = this.owned.get(key);
      const at = entries ? find(entries, kindId, o) : -1;
      if (at < 0) continue;
      entries!.splice(at, 2);
      if (entries!.length === 0) this.owned.delete(key);
    }
  }
}

/** Where the entry of the same kind, namespace and name sits in a flat owner list; -1 if none. */
function find(entries: (string | KubeObject)[], kindId: string, o: KubeObject): number {
  for (let i = 0; i < entries.length; i += 2) {
    const other = entries[i + 1] as KubeObject;
    if (entries[i] === kindId && other.metadata.name === o.metadata.name && other.metadata.namespace === o.metadata.namespace) return i;
  }
  return -1;
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function ownerKey(crdName: string, namespace: string, owner: string): string {
  return `${crdName}|${namespace}|${owner}`;
}

const ANY_NAMESPACE = '*';

/**
 * Where a child is indexed: under its owner's namespace when the owner's CRD is namespaced, under
 * any-namespace when it is cluster-scoped (its children may sit in any namespace), both when the
 * CRD's scope is unknown.
 */
function ownerKeysOfChild(o: KubeObject, scopes: ReadonlyMap<string, boolean>): string[] {
  const labels = o.metadata.labels ?? {};
  const owner = labels[OWNER_LABEL];
  const crd = labels[CRD_LABEL];
  if (!owner || !crd) return [];
  const namespaced = scopes.get(crd);
  const inNamespace = ownerKey(crd, labels[OWNER_NAMESPACE_LABEL] ?? o.metadata.namespace ?? '', owner);
  const anywhere = ownerKey(crd, ANY_NAMESPACE, owner);
  return namespaced === true ? [inNamespace] : namespaced === false ? [anywhere] : [inNamespace, anywhere];
}

/** List items of built-in kinds may lack apiVersion/kind; plans compare them. */
function withType(o: KubeObject, apiVersion: string, kind: string): KubeObject {
  return o.apiVersion && o.kind ? o : { ...o, apiVersion, kind };
}
