// Lease support on top of the in-memory FakeKube: PUT with the resourceVersion check (409 on a
// stale one, as the API server does), and one client view per elector that the test can take
// down (requests fail) or freeze (requests hang) to play a partition of that replica alone.
import { CONFIGMAPS, FakeKube } from '../../support/fake-kube.js';
import { KubeError, type ApiResource, type KubeClient, type KubeObject } from '../../../shared/kube/index.js';
import { LEASES } from '../../../controller/leader/lease-api.js';
import { resourcePath } from '../../../shared/kube/index.js';

export class FakeLeases extends FakeKube {
  /** 409 answers given to PUTs or creates. */
  conflicts = 0;

  constructor() {
    super([CONFIGMAPS, LEASES]);
  }

  lease(namespace: string, name: string): KubeObject | undefined {
    return this.objects(LEASES).find((o) => o.metadata.namespace === namespace && o.metadata.name === name);
  }

  override async create(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    try {
      return await super.create(object, options);
    } catch (e) {
      if (e instanceof KubeError && e.status === 409) this.conflicts++;
      throw e;
    }
  }

  override async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    await super.request(method, path, body);
    const obj = body as KubeObject;
    if (method !== 'PUT' || obj?.kind !== 'Lease' || path !== resourcePath(LEASES, obj.metadata.namespace, obj.metadata.name)) {
      throw new KubeError(404, 'NotFound', `the fake serves PUT of Leases only, not ${method} ${path}`);
    }
    const current = this.lease(obj.metadata.namespace!, obj.metadata.name);
    if (!current) throw new KubeError(404, 'NotFound', `lease ${obj.metadata.name} not found`);
    if (obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
      this.conflicts++;
      throw new KubeError(409, 'Conflict', 'Operation cannot be fulfilled on leases.coordination.k8s.io: the object has been modified; please apply your changes to the latest version and try again');
    }
    return this.put(obj) as T;
  }

  /** A client for one replica, sharing this store. */
  view(): ReplicaView {
    return new ReplicaView(this);
  }
}

/** How a replica's connection to the API server behaves. */
export type Link = 'up' | 'down' | 'frozen';

export class ReplicaView implements KubeClient {
  link: Link = 'up';
  private readonly frozen: Array<() => void> = [];

  constructor(private readonly server: FakeLeases) {}

  /** Ends a freeze: hung requests fail as a timed-out connection would. */
  thaw(): void {
    this.link = 'up';
    for (const wake of this.frozen.splice(0)) wake();
  }

  private async through<T>(call: () => Promise<T>): Promise<T> {
    if (this.link === 'down') throw new KubeError(0, 'ConnectionFailed', 'connect ECONNREFUSED 127.0.0.1:6443');
    if (this.link === 'frozen') {
      await new Promise<void>((resolve) => this.frozen.push(resolve));
      throw new KubeError(0, 'Timeout', 'the request timed out');
    }
    return call();
  }

  resourceFor(apiVersion: string, kind: string) { return this.through(() => this.server.resourceFor(apiVersion, kind)); }
  invalidateDiscovery(): void {}
  get(r: ApiResource, ns: string | undefined, name: string) { return this.through(() => this.server.get(r, ns, name)); }
  list(...a: Parameters<KubeClient['list']>) { return this.through(() => this.server.list(...a)); }
  watch(...a: Parameters<KubeClient['watch']>) { return this.through(() => this.server.watch(...a)); }
  apply(...a: Parameters<KubeClient['apply']>) { return this.through(() => this.server.apply(...a)); }
  applyStatus(...a: Parameters<KubeClient['applyStatus']>) { return this.through(() => this.server.applyStatus(...a)); }
  create(...a: Parameters<KubeClient['create']>) { return this.through(() => this.server.create(...a)); }
  patch(...a: Parameters<KubeClient['patch']>) { return this.through(() => this.server.patch(...a)); }
  delete(r: ApiResource, ns: string | undefined, name: string) { return this.through(() => this.server.delete(r, ns, name)); }
  request<T = unknown>(method: Parameters<KubeClient['request']>[0], path: string, body?: unknown): Promise<T> { return this.through(() => this.server.request<T>(method, path, body)); }
  async close(): Promise<void> {}
}
