// The bundle's CRDs as the webhook meets them: an entry found by the resource an AdmissionReview
// names (group + plural) or by the group and kind of an object to convert, with the CRD manifest
// when the bundle carries one (its versions and their schemas). Built once per verified bundle.
import type { BundlePayload, CrdObject } from '../bundle/payload.js';
import { canonicalJson } from '../bundle/canonical-json.js';
import type { ApiTypes, CrdEntry } from '../katalog/types.js';
import { deletionProtectionOf, protectsCrd, protectsCrs, type DeletionProtection } from './deletion-protection.js';
import { namespaceProtectionOf, namespaceRulesOf, type NamespaceProtection } from './namespace-protection.js';
import type { NamespaceLists } from '../katalog/namespace-rules.js';

export interface AdmissionTarget {
  /** The entry's key under spec.crds. */
  name: string;
  entry: CrdEntry;
  apiTypes: ApiTypes;
  /** The CRD manifest from the bundle, when it has one for this group and kind. */
  crd?: CrdObject;
}

export class AdmissionTargets {
  readonly all: AdmissionTarget[];
  /** `security.deletionProtection` when the Katalog enables it (deletion-protection.ts). */
  readonly deletionProtection: DeletionProtection | undefined;
  /** `security.namespaceProtection` unless absent or turned off (namespace-protection.ts). */
  readonly namespaceProtection: NamespaceProtection | undefined;
  private readonly byResource = new Map<string, AdmissionTarget>();
  private readonly byKind = new Map<string, AdmissionTarget>();

  constructor(readonly payload: BundlePayload) {
    this.all = Object.entries(payload.katalog.spec.crds)
      .filter(([, entry]) => entry.enabled !== false && entry.apiTypes !== undefined)
      .map(([name, entry]) => {
        const apiTypes = entry.apiTypes!;
        const crd = payload.crds.find((c) => crdGroup(c) === apiTypes.group && crdKind(c) === apiTypes.kind);
        return { name, entry, apiTypes, ...(crd ? { crd } : {}) };
      });
    this.deletionProtection = deletionProtectionOf(payload.katalog);
    this.namespaceProtection = namespaceProtectionOf(payload.katalog);
    for (const t of this.all) {
      this.byResource.set(`${t.apiTypes.group}/${t.apiTypes.plural}`, t);
      this.byKind.set(`${t.apiTypes.group}/${t.apiTypes.kind}`, t);
    }
  }

  /** Whether a DELETE of this target's CRs is refused. */
  protects(target: AdmissionTarget): boolean {
    return this.deletionProtection !== undefined && protectsCrs(target.entry);
  }

  /** The namespace rules the webhook enforces for this target's CRs; undefined: none (or not namespaced, or protection off). */
  namespaceRules(target: AdmissionTarget): NamespaceLists | undefined {
    if (this.namespaceProtection === undefined || target.apiTypes.scope === 'Cluster') return undefined;
    return namespaceRulesOf(this.namespaceProtection, target.entry);
  }

  /** The target whose CRD object (`plural.group`) is protected from deletion, if any. */
  protectedCrd(crdObjectName: string): AdmissionTarget | undefined {
    if (this.deletionProtection === undefined) return undefined;
    return this.all.find((t) => `${t.apiTypes.plural}.${t.apiTypes.group}` === crdObjectName && protectsCrd(t.entry));
  }

  forResource(group: string, resource: string): AdmissionTarget | undefined {
    return this.byResource.get(`${group}/${resource}`);
  }

  /** By an object's apiVersion (`group/version`) and kind. */
  forObject(apiVersion: string, kind: string): AdmissionTarget | undefined {
    const slash = apiVersion.lastIndexOf('/');
    return this.byKind.get(`${slash < 0 ? '' : apiVersion.slice(0, slash)}/${kind}`);
  }
}

/** The versions a CRD manifest serves, in its order; [] without a manifest. */
export function servedVersions(crd: CrdObject | undefined): string[] {
  return versionsOf(crd).filter((v) => v.served !== false).map((v) => v.name);
}

/** Whether two versions of the CRD have the same OpenAPI schema (then the identity conversion is safe). */
export function sameSchema(crd: CrdObject | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  const schema = (name: string) => versionsOf(crd).find((v) => v.name === name)?.schema;
  const [sa, sb] = [schema(a), schema(b)];
  return sa !== undefined && sb !== undefined && canonicalJson(sa) === canonicalJson(sb);
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: unknown;
}

function versionsOf(crd: CrdObject | undefined): CrdVersion[] {
  const spec = crd?.spec as { versions?: unknown } | undefined;
  return Array.isArray(spec?.versions) ? (spec.versions as CrdVersion[]).filter((v) => typeof v?.name === 'string') : [];
}

function crdGroup(crd: CrdObject): unknown {
  return (crd.spec as { group?: unknown } | undefined)?.group;
}

function crdKind(crd: CrdObject): unknown {
  return (crd.spec as { names?: { kind?: unknown } } | undefined)?.names?.kind;
}
