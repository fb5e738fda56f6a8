// Discovery: which plural resource serves a kind in an apiVersion, read from the group-version
// document (`/api/v1`, `/apis/<group>/<version>`) once and cached until invalidated. Failures are
// not cached, so a CRD that becomes established later is found on the next call.
import { groupVersionPath, joinApiVersion, splitApiVersion } from '../../shared/kube/index.js';
import { isKubeError, KubeError, type ApiResource } from '../../shared/kube/index.js';

/** The served resources of one group-version document; subresources (`pods/status`) are skipped. */
export function resourcesOf(doc: unknown, group: string, version: string): ApiResource[] {
  const list = (doc as { resources?: unknown })?.resources;
  if (!Array.isArray(list)) return [];
  const out: ApiResource[] = [];
  for (const r of list) {
    if (typeof r !== 'object' || r === null) continue;
    const { name, kind, namespaced } = r as { name?: unknown; kind?: unknown; namespaced?: unknown };
    if (typeof name !== 'string' || name.includes('/') || typeof kind !== 'string') continue;
    out.push({ group, version, resource: name, kind, namespaced: namespaced === true });
  }
  return out;
}

export class Discovery {
  private readonly cache = new Map<string, Promise<ApiResource[]>>();

  constructor(private readonly getJson: (path: string) => Promise<unknown>) {}

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    const { group, version } = splitApiVersion(apiVersion);
    if (version === '' || version.includes('/')) throw new KubeError(400, 'BadRequest', `apiVersion ${JSON.stringify(apiVersion)} is not group/version or version`);
    const resources = await this.groupVersion(group, version);
    const found = resources.find((r) => r.kind === kind);
    if (!found) throw new KubeError(404, 'NotFound', `kind ${kind} is not served in apiVersion ${apiVersion}; check the kind's spelling and that its CRD is installed and established`);
    return found;
  }

  /** Forgets every group-version, or only these (`apps/v1`, `v1`): what a CRD change can alter. */
  invalidate(apiVersions?: readonly string[]): void {
    if (apiVersions === undefined) this.cache.clear();
    else for (const apiVersion of apiVersions) this.cache.delete(apiVersion);
  }

  private groupVersion(group: string, version: string): Promise<ApiResource[]> {
    const key = joinApiVersion(group, version);
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.getJson(groupVersionPath(group, version)).then(
        (doc) => resourcesOf(doc, group, version),
        (e: unknown) => {
          if (isKubeError(e, 404)) throw new KubeError(404, 'NotFound', `apiVersion ${key} is not served by the API server; install the CRD or use a version this cluster serves`);
          throw e;
        },
      );
      this.cache.set(key, entry);
      entry.catch(() => { if (this.cache.get(key) === entry) this.cache.delete(key); });
    }
    return entry;
  }
}
