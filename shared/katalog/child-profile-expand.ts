// Load-time expansion of the profiles a Katalog declares (`profiles.resources`, `probes`, `hpa`,
// `pdb`, `resourceQuotas`, `limitRanges`) into the children that name them, so the model carries
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

/** The child with each declared profile it names replaced by the profile's keys; given keys win. */
export function expandChildProfiles(kind: string, child: Rec, declared: DeclaredProfiles): Rec {
  const out = { ...child };
  if (out.resources !== undefined) out.resources = expandResources(out.resources, declared.resources);
  for (const ref of childProfileRefs(kind, out)) {
    const def = declared[ref.cls].get(ref.name);
    if (!def) continue;
    if (ref.cls === 'probes') expandProbes(out, declared.probes);
    else if (ref.cls === 'hpa') {
      for (const key of ['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage']) if (out[key] === undefined && def[key] !== undefined) out[key] = def[key];
      if (isRecord(def.behavior)) out.behavior = structuredClone(def.behavior);
      else delete out.behavior;
    } else if (ref.cls === 'pdb') {
      delete out.behavior;
      for (const key of ['minAvailable', 'maxUnavailable']) if (def[key] !== undefined) out[key] = def[key];
    } else if (ref.cls === 'resourceQuotas') {
      delete out.profile;
      out.hard = structuredClone(def.hard ?? {});
    } else if (ref.cls === 'limitRanges') {
      delete out.profile;
      out.limits = structuredClone(def.limits ?? []);
    }
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
