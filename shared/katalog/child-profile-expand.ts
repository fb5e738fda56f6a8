// Load-time expansion of the profiles a Katalog declares (`profiles.resources`, `probes`, `hpa`,
// `pdb`, `resourceQuotas`, `limitRanges`, `rollingUpdate`, `containerSecurity`, `podSecurity`,
// `networkPolicies`) into the children that name them, so the model carries
// plain keys. A declared profile wins over a built-in of the same name, as upstream; a name that is
// not declared (a built-in, or a templated name) is left for the renderer. Pure.
import { childProfileRefs, declaredProfiles, PROBE_KINDS, PROFILE_CLASSES, type ProfileClass } from './child-profiles.js';
import { expandResources } from './profiles.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export type DeclaredProfiles = Record<ProfileClass, Map<string, Rec>>;

export function declaredChildProfiles(doc: Rec): DeclaredProfiles {
  const out = {} as DeclaredProfiles;
  for (const cls of Object.keys(PROFILE_CLASSES) as ProfileClass[]) out[cls] = declaredProfiles(doc, cls);
  return out;
}

const PROBE_TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'failureThreshold', 'successThreshold', 'timeoutSeconds'];
/** The fields of a declared security profile that upstream applies (its name and description are not). */
const CONTAINER_SECURITY_KEYS = ['allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot', 'runAsUser', 'runAsGroup', 'capabilities'];
const POD_SECURITY_KEYS = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup'];

const pick = (def: Rec, keys: string[]): Rec => {
  const out: Rec = {};
  for (const key of keys) if (def[key] !== undefined && def[key] !== null && def[key] !== '') out[key] = structuredClone(def[key]);
  return out;
};

/** How a declared profile of each class rewrites the child that names it (mutates `out`). */
const EXPAND: Record<Exclude<ProfileClass, 'resources' | 'probes'>, (out: Rec, def: Rec) => void> = {
  hpa: (out, def) => {
    for (const key of ['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage']) if (out[key] === undefined && def[key] !== undefined) out[key] = def[key];
    if (isRecord(def.behavior)) out.behavior = structuredClone(def.behavior);
    else delete out.behavior;
  },
  pdb: (out, def) => {
    delete out.behavior;
    for (const key of ['minAvailable', 'maxUnavailable']) if (def[key] !== undefined) out[key] = def[key];
  },
  resourceQuotas: (out, def) => {
    delete out.profile;
    out.hard = structuredClone(def.hard ?? {});
  },
  limitRanges: (out, def) => {
    delete out.profile;
    out.limits = structuredClone(def.limits ?? []);
  },
  rollingUpdate: (out, def) => { out.rollingUpdate = pick(def, ['maxSurge', 'maxUnavailable']); },
  containerSecurity: (out, def) => { out.securityContext = pick(def, CONTAINER_SECURITY_KEYS); },
  podSecurity: (out, def) => { out.podSecurity = pick(def, POD_SECURITY_KEYS); },
  // Upstream takes the rules and policy types from the profile (each absent one stays absent); its podSelector is not used.
  networkPolicies: (out, def) => {
    delete out.profile;
    Object.assign(out, pick(def, ['ingress', 'egress', 'policyTypes']));
  },
};

/** The child with each declared profile it names replaced by the profile's keys; given keys win. */
export function expandChildProfiles(kind: string, child: Rec, declared: DeclaredProfiles): Rec {
  const out = { ...child };
  if (out.resources !== undefined) out.resources = expandResources(out.resources, declared.resources);
  for (const ref of childProfileRefs(kind, out)) {
    const def = declared[ref.cls].get(ref.name);
    if (!def) continue;
    if (ref.cls === 'probes') expandProbes(out, declared.probes);
    else if (ref.cls !== 'resources') EXPAND[ref.cls](out, def);
  }
  return out;
}

function expandProbes(child: Rec, declared: Map<string, Rec>): void {
  if (!isRecord(child.probes)) return;
  const probes: Rec = { ...child.probes };
  for (const probe of PROBE_KINDS) {
    const cfg = probes[probe];
    if (!isRecord(cfg) || typeof cfg.profile !== 'string') continue;
    const def = declared.get(cfg.profile);
    if (!def) continue;
    const { profile: _name, ...given } = cfg;
    const timings: Rec = {};
    for (const key of PROBE_TIMINGS) if (def[key] !== undefined) timings[key] = def[key];
    probes[probe] = { ...timings, ...given };
  }
  child.probes = probes;
}
