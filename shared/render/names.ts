// Child names: the defaults per list key, the suffix forEach adds, and the Kubernetes name and
// label syntax checks (so a bad name fails here, naming the entry, not at the API server).

/** Upstream's default names: `<cr><suffix>`; `<cr>` for StatefulSets and Namespaces. */
export const DEFAULT_NAME_SUFFIX = {
  namespaces: '',
  clusterRoles: '-clusterrole',
  clusterRoleBindings: '-clusterrolebinding',
  limitRanges: '-limitrange',
  resourceQuotas: '-quota',
  serviceAccounts: '-sa',
  configMaps: '-config',
  secrets: '-secret',
  roles: '-role',
  roleBindings: '-rolebinding',
  persistentVolumes: '-pv',
  persistentVolumeClaims: '-pvc',
  services: '-svc',
  deployments: '-deployment',
  statefulSets: '',
  replicaSets: '-replicaset',
  pods: '-pod',
  jobs: '-job',
  cronJobs: '-cronjob',
  hpa: '-hpa',
  pdb: '-pdb',
  ingresses: '-ingress',
  networkPolicies: '-netpol',
  custom: null, // `<cr>-<kind in lower case>`
} as const;

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Problem with an object name, or undefined. Services need a DNS-1035 label, others a DNS subdomain. */
export function nameProblem(name: string, kind: string): string | undefined {
  if (kind === 'Service') {
    if (name.length > 63 || !DNS1035.test(name)) return `invalid Service name ${JSON.stringify(name)}: use at most 63 lower-case letters, digits and '-', starting with a letter`;
    return undefined;
  }
  if (name.length > 253 || !SUBDOMAIN.test(name)) return `invalid name ${JSON.stringify(name)}: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`;
  return undefined;
}

export function namespaceProblem(ns: string): string | undefined {
  if (ns.length > 63 || !LABEL.test(ns)) return `invalid namespace ${JSON.stringify(ns)}: use at most 63 lower-case letters, digits and '-'`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `invalid label value ${JSON.stringify(value)}: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  return undefined;
}

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return `invalid label key ${JSON.stringify(key)}: bad prefix`;
  if (name.length > 63 || !LABEL_KEY_NAME.test(name)) return `invalid label key ${JSON.stringify(key)}`;
  return undefined;
}

/** Lower-case DNS label text from any value: `Alice Smith` → `alice-smith`. May return ''. */
export function dnsSanitize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}

/**
 * The suffix forEach appends to a default name: the item itself when it is a string or number,
 * an object item's `name` (a map entry's item is its key), else the item's index.
 */
export function forEachSuffix(item: unknown, index: number): string {
  let text: string | undefined;
  if (typeof item === 'string' || typeof item === 'number') text = String(item);
  else if (item !== null && typeof item === 'object') {
    const { name } = item as Record<string, unknown>;
    if (typeof name === 'string') text = name;
  }
  const clean = text === undefined ? '' : dnsSanitize(text);
  return clean === '' ? String(index) : clean;
}
