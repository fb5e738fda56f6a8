// Reads and writes one Lease through the KubeClient port: get, create, and a PUT carrying the
// resourceVersion last read, so that of two candidates updating the same version exactly one
// wins and the other gets 409 Conflict (optimistic concurrency, as client-go's Update).
import type { ApiResource, KubeClient, KubeObject } from '../../shared/kube/index.js';
import { resourcePath } from '../../shared/kube/index.js';

/** Served since Kubernetes 1.14; no discovery needed. */
export const LEASES: ApiResource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease', namespaced: true };

export class LeaseApi {
  constructor(
    private readonly kube: KubeClient,
    readonly namespace: string,
    readonly name: string,
  ) {}

  get(): Promise<KubeObject | undefined> {
    return this.kube.get(LEASES, this.namespace, this.name);
  }

  /** Rejects with KubeError 409 when another candidate created it first. */
  create(lease: KubeObject): Promise<KubeObject> {
    return this.kube.create(lease);
  }

  /** Rejects with KubeError 409 when the Lease changed since `lease.metadata.resourceVersion`. */
  update(lease: KubeObject): Promise<KubeObject> {
    return this.kube.request<KubeObject>('PUT', resourcePath(LEASES, this.namespace, this.name), lease);
  }
}
