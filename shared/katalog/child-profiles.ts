// Profiles a child names (`resources.profile`, `probes.<probe>.profile`, hpa/pdb `behavior.profile`,
// resourceQuotas/limitRanges/networkPolicies `profile`, `rollingUpdate.profile`,
// `securityContext.profile`, `podSecurity.profile`): where each reference sits, the load-time check (a name must
// be the Katalog's own profile or one of upstream's built-ins; never mixed with the explicit keys it
// replaces) and the load-time expansion of the Katalog's own profiles. Built-ins and templated names
// are expanded by the renderer (shared/render/kinds/presets.ts). Pure.
import type { Issue } from '../errors.js';
import {
  CONTAINER_SECURITY_PROFILES, HPA_PROFILES, NETWORK_POLICY_PROFILES, PDB_PROFILES, POD_SECURITY_PROFILES, PROBE_PROFILES,
  RESOURCE_PROFILES, RESOURCE_QUOTA_PROFILES, ROLLING_UPDATE_PROFILES,
} from './builtin-profiles.js';
import { eachPhaseItem, entryParts } from './layout.js';
import { formatPath, type PathSegment } from './path.js';
import { suggestion } from './suggest.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The `profiles.<class>` a reference names, and upstream's built-in names for it. */
export const PROFILE_CLASSES = {
  resources: Object.keys(RESOURCE_PROFILES),
  probes: Object.keys(PROBE_PROFILES),
  hpa: Object.keys(HPA_PROFILES),
  pdb: Object.keys(PDB_PROFILES),
  resourceQuotas: Object.keys(RESOURCE_QUOTA_PROFILES),
  limitRanges: [] as string[],
  rollingUpdate: Object.keys(ROLLING_UPDATE_PROFILES),
  containerSecurity: Object.keys(CONTAINER_SECURITY_PROFILES),
  podSecurity: Object.keys(POD_SECURITY_PROFILES),
  networkPolicies: Object.keys(NETWORK_POLICY_PROFILES),
} as const;
export type ProfileClass = keyof typeof PROFILE_CLASSES;

export const PROBE_KINDS = ['startup', 'liveness', 'readiness'] as const;

interface ProfileRef {
  /** Path from the child to the `profile` key. */
  at: PathSegment[];
  cls: ProfileClass;
  name: string;
  /** Keys given beside the profile that upstream refuses with it. */
  mixed: string[];
}

/** Every profile a child of list `kind` names. */
export function childProfileRefs(kind: string, item: Rec): ProfileRef[] {
  const refs: ProfileRef[] = [];
  const add = (at: PathSegment[], cls: ProfileClass, holder: unknown, mixedKeys: string[], keysIn: Rec = isRecord(holder) ? holder : {}) => {
    if (isRecord(holder) && typeof holder.profile === 'string') refs.push({ at, cls, name: holder.profile, mixed: mixedKeys.filter((k) => keysIn[k] !== undefined) });
  };
  add(['resources', 'profile'], 'resources', item.resources, []);
  if (isRecord(item.probes)) for (const probe of PROBE_KINDS) add(['probes', probe, 'profile'], 'probes', item.probes[probe], []);
  if (kind === 'hpa') add(['behavior', 'profile'], 'hpa', item.behavior, ['scaleUp', 'scaleDown']);
  if (kind === 'pdb') add(['behavior', 'profile'], 'pdb', item.behavior, ['minAvailable', 'maxUnavailable'], item);
  if (kind === 'resourceQuotas') add(['profile'], 'resourceQuotas', item, ['hard', 'spec']);
  if (kind === 'limitRanges') add(['profile'], 'limitRanges', item, ['limits', 'spec']);
  if (kind === 'networkPolicies') add(['profile'], 'networkPolicies', item, ['ingress', 'egress', 'policyTypes', 'spec']);
  add(['rollingUpdate', 'profile'], 'rollingUpdate', item.rollingUpdate, ['maxSurge', 'maxUnavailable']);
  add(['securityContext', 'profile'], 'containerSecurity', item.securityContext, otherKeys(item.securityContext));
  add(['podSecurity', 'profile'], 'podSecurity', item.podSecurity, otherKeys(item.podSecurity));
  return refs;
}

/** A security block's explicit fields, all of which a profile replaces (upstream refuses the mix). */
const otherKeys = (holder: unknown): string[] => (isRecord(holder) ? Object.keys(holder).filter((k) => k !== 'profile') : []);

/** The profiles of one class by name, as the document declares them. */
export function declaredProfiles(doc: Rec, cls: string): Map<string, Rec> {
  const profiles = isRecord(doc.profiles) ? doc.profiles[cls] : undefined;
  const out = new Map<string, Rec>();
  if (Array.isArray(profiles)) for (const p of profiles) if (isRecord(p) && typeof p.name === 'string') out.set(p.name, p);
  return out;
}

/** Motif imports and profile include files may bring profiles the resolver merges in; names are then not checked. */
export function mayImportProfiles(doc: Rec, entry: Rec): boolean {
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  const reconcile = isRecord(box.reconcile) ? box.reconcile : {};
  return spec.imports !== undefined || entry.imports !== undefined || reconcile.imports !== undefined || (isRecord(doc.profiles) && doc.profiles.include !== undefined);
}

const isTemplate = (name: string) => name.includes('{{');

export function childProfileIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry)) continue;
    const checkNames = !mayImportProfiles(doc, entry);
    eachPhaseItem(entryParts(entry, ['spec', 'crds', name]), (item, path, kind) => {
      for (const ref of childProfileRefs(kind, item)) {
        const at: PathSegment[] = [...path, ...ref.at];
        const problem = refProblem(doc, ref, checkNames);
        if (problem) issues.push({ file, ...locate(at, 'value'), path: formatPath(at), message: problem });
      }
    });
  }
  return issues;
}

function refProblem(doc: Rec, ref: ProfileRef, checkNames: boolean): string | undefined {
  if (ref.mixed.length > 0) return `give the profile or ${ref.mixed.join('/')}, not both (a profile is a whole preset)`;
  if (!checkNames || isTemplate(ref.name)) return undefined;
  const declared = [...declaredProfiles(doc, ref.cls).keys()];
  const builtins = PROFILE_CLASSES[ref.cls];
  if (declared.includes(ref.name) || builtins.includes(ref.name.toLowerCase())) return undefined;
  const where = builtins.length > 0 ? `upstream's built-ins are ${builtins.join(', ')}` : `${ref.cls} profiles have no built-ins upstream`;
  return `unknown ${ref.cls} profile "${ref.name}"${suggestion(ref.name, [...declared, ...builtins]).replace(/ \(allowed: .*\)$/, '')}: declare it under profiles.${ref.cls} (${where})`;
}
