// The API reads enrichment makes for one reconcile: bounded lists (each stops at a fixed number of
// items) and gets, straight from the API server, never more than one per question: a pod list or a
// Node read twice in the same reconcile (a Deployment's `_pods` and its pod warnings) is answered
// from what was read first. Resources come from discovery (EndpointSlice: discovery.k8s.io/v1, or
// v1beta1 on servers before 1.21).
import type { ApiResource, KubeClient, KubeObject } from '../../shared/kube/index.js';

/** The most items one enrichment list reads. */
export const ENRICH_LIMITS = {
  pods: 200,
  events: 100,
  podEvents: 200,
  replicaSets: 50,
  endpointSlices: 10,
  jobs: 100,
  /** PVCs read by name for one StatefulSet (`_pvcs`). */
  pvcGets: 20,
  /** Secrets read by name for one Ingress (`_tlsSecrets`). */
  secretGets: 10,
} as const;

type Kind = 'Pod' | 'Event' | 'ReplicaSet' | 'EndpointSlice' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | 'Node' | 'Job' | 'Secret';

const API_VERSIONS: Record<Kind, readonly string[]> = {
  Pod: ['v1'],
  Event: ['v1'],
  ReplicaSet: ['apps/v1'],
  EndpointSlice: ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'],
  PersistentVolumeClaim: ['v1'],
  PersistentVolume: ['v1'],
  StorageClass: ['storage.k8s.io/v1'],
  Node: ['v1'],
  Job: ['batch/v1'],
  Secret: ['v1'],
};

export class EnrichReads {
  /** API calls made (lists and gets), for tests and logs. */
  calls = 0;
  private readonly resources = new Map<Kind, Promise<ApiResource>>();
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly kube: KubeClient) {}

  /** Up to `max` objects of `kind` in `namespace` matching the selectors. */
  list(kind: Kind, namespace: string, options: { labelSelector?: string; fieldSelector?: string }, max: number): Promise<KubeObject[]> {
    const key = `list|${kind}|${namespace}|${options.labelSelector ?? ''}|${options.fieldSelector ?? ''}|${max}`;
    return this.once(key, async () => {
      const resource = await this.resource(kind);
      this.calls++;
      return (await this.kube.list(resource, { namespace, ...options, maxItems: max })).items;
    });
  }

  /** The object, or undefined when it does not exist; `namespace` undefined for cluster-scoped kinds. */
  get(kind: Kind, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.once(`get|${kind}|${namespace ?? ''}|${name}`, async () => {
      const resource = await this.resource(kind);
      this.calls++;
      return this.kube.get(resource, resource.namespaced ? namespace : undefined, name);
    });
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      this.memo.set(key, p);
    }
    return p;
  }

  private resource(kind: Kind): Promise<ApiResource> {
    let p = this.resources.get(kind);
    if (!p) {
      p = this.discover(kind);
      this.resources.set(kind, p);
    }
    return p;
  }

  private async discover(kind: Kind): Promise<ApiResource> {
    const versions = API_VERSIONS[kind];
    let last: unknown;
    for (const apiVersion of versions) {
      try {
        return await this.kube.resourceFor(apiVersion, kind);
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }
}
