// The live children of one CRD entry's CRs, read once per plan: one labelled LIST per child kind
// (this Katalog's and entry's ownership labels), then GETs only for desired names no child of ours
// holds (absent, or a foreign object). The ObjectReader the reconciler uses, shaped for a batch.
import type { CrdEntry } from '../../shared/katalog/types.js';
import { MANAGED_LABEL, MANAGED_LABEL_VALUE, OWNER_LABEL } from '../../shared/katalog/types.js';
import { CRD_LABEL, KATALOG_LABEL } from '../../shared/render/index.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import { childKinds } from '../reconcile/child-kinds.js';
import { refKey, refOf, type ObjectRef } from '../reconcile/refs.js';

export class LiveChildren {
  private constructor(
    private readonly kube: KubeClient,
    private readonly byRef: Map<string, KubeObject>,
    private readonly byOwner: Map<string, KubeObject[]>,
  ) {}

  static async load(kube: KubeClient, crdName: string, entry: CrdEntry, katalogName: string): Promise<LiveChildren> {
    const labelSelector = `${MANAGED_LABEL}=${MANAGED_LABEL_VALUE},${KATALOG_LABEL}=${katalogName},${CRD_LABEL}=${crdName},${OWNER_LABEL}`;
    const byRef = new Map<string, KubeObject>();
    const byOwner = new Map<string, KubeObject[]>();
    for (const { apiVersion, kind } of childKinds(entry)) {
      let resource;
      try {
        resource = await kube.resourceFor(apiVersion, kind);
      } catch (e) {
        // Not served: the controller cannot watch (or prune) it either; its dry-runs say why.
        if (isKubeError(e, 404)) continue;
        throw e;
      }
      for (const object of (await kube.list(resource, { labelSelector })).items) {
        byRef.set(refKey(refOf(object)), object);
        const owner = object.metadata.labels?.[OWNER_LABEL] ?? '';
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), object]);
      }
    }
    return new LiveChildren(kube, byRef, byOwner);
  }

  /** Candidates for pruning: planChildren still checks every ownership rule. */
  ownedBy(cr: KubeObject): KubeObject[] {
    return this.byOwner.get(cr.metadata.name) ?? [];
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const known = this.byRef.get(refKey(ref));
    if (known) return known;
    let resource;
    try {
      resource = await this.kube.resourceFor(ref.apiVersion, ref.kind);
    } catch (e) {
      if (isKubeError(e, 404)) return undefined;
      throw e;
    }
    const object = await this.kube.get(resource, resource.namespaced ? ref.namespace : undefined, ref.name);
    return object === undefined ? undefined : { ...object, apiVersion: object.apiVersion ?? ref.apiVersion, kind: object.kind ?? ref.kind };
  }
}
