// The `gateway.clusters` entries, checked as upstream's validator does (pkg/katalog/validate,
// gateway_clusters.go, v0.7.17) though this runtime does not serve the gateway: each cluster
// declares exactly one credential form — `secretRef` (a kubeconfig) or `tokenRef` + `caRef` (a
// bearer token and the CA; `caRef` may be left out with `insecure: true`) — each reference with
// `name` and `key`, and `insecure` only with `tokenRef`. `endpoint` is required by the schema. An
// `include:` is merged before this runs (compose/includes.ts). Pure.
import type { Issue } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function gatewayIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const gateway = isRecord(doc.gateway) ? doc.gateway : {};
  const clusters = isRecord(gateway.clusters) ? gateway.clusters : {};
  for (const [name, cluster] of Object.entries(clusters)) {
    if (name === 'include' || !isRecord(cluster)) continue;
    const at = ['gateway', 'clusters', name];
    for (const [path, message] of clusterProblems(cluster)) {
      const where = [...at, ...path];
      issues.push({ file, ...locate(where, 'key'), path: formatPath(where), message });
    }
  }
  return issues;
}

function clusterProblems(c: Rec): Array<[PathSegment[], string]> {
  const has = (key: string) => c[key] !== undefined && c[key] !== null;
  const out: Array<[PathSegment[], string]> = [];
  if (!has('secretRef') && !has('tokenRef') && !has('caRef')) {
    return [[[], 'a credential form is required: declare secretRef (a kubeconfig Secret) or tokenRef + caRef (a bearer token and the CA)']];
  }
  if (has('secretRef') && (has('tokenRef') || has('caRef'))) {
    return [[['secretRef'], 'secretRef and tokenRef/caRef are mutually exclusive: declare one credential form']];
  }
  if (has('secretRef')) {
    out.push(...refProblems(c.secretRef, 'secretRef'));
    if (c.insecure === true) out.push([['insecure'], 'insecure is only valid with tokenRef (a kubeconfig carries its own TLS settings); remove it']);
    return out;
  }
  if (!has('tokenRef')) return [[['caRef'], 'caRef requires tokenRef: declare both']];
  if (!has('caRef') && c.insecure !== true) out.push([['tokenRef'], 'tokenRef requires caRef, unless insecure: true is set']);
  out.push(...refProblems(c.tokenRef, 'tokenRef'));
  if (has('caRef')) out.push(...refProblems(c.caRef, 'caRef'));
  return out;
}

function refProblems(ref: unknown, key: string): Array<[PathSegment[], string]> {
  if (!isRecord(ref)) return [[[key], 'expected a mapping with name and key (a Secret and its data key)']];
  const out: Array<[PathSegment[], string]> = [];
  for (const field of ['name', 'key']) {
    if (typeof ref[field] !== 'string' || ref[field] === '') out.push([[key], `${field} is required (the ${field === 'name' ? 'Secret\'s name' : 'data key within the Secret'})`]);
  }
  return out;
}
