// Katalog profiles (`profiles.resources[]`, `profiles.reconciler[]`) named from a child's
// `resources.profile` and from `operatorBox.reconciler.profile` / `reconcile.profile`: the checks
// (a name must be declared, unless Motif imports may bring it) and the expansion normalise.ts does,
// so the model carries plain requests/limits and workers/resync/queue. Upstream's built-in profiles
// (tiny, small, …; high-throughput, conservative, development) are not known here yet. Pure.
import type { Issue } from '../errors.js';
import { entryParts } from './layout.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The profiles of one class (`resources`, `reconciler`) by name, as declared in the document. */
export function declaredProfiles(doc: Rec, kind: 'resources' | 'reconciler'): Map<string, Rec> {
  const profiles = isRecord(doc.profiles) ? doc.profiles[kind] : undefined;
  const out = new Map<string, Rec>();
  if (Array.isArray(profiles)) for (const p of profiles) if (isRecord(p) && typeof p.name === 'string') out.set(p.name, p);
  return out;
}

/** Motif imports may declare profiles the resolver merges in; names are then not checked here. */
function mayImportProfiles(doc: Rec, entry: Rec): boolean {
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  const reconcile = isRecord(box.reconcile) ? box.reconcile : {};
  return spec.imports !== undefined || entry.imports !== undefined || reconcile.imports !== undefined || (isRecord(doc.profiles) && doc.profiles.include !== undefined);
}

export function profileIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const resources = declaredProfiles(doc, 'resources');
  const reconcilers = declaredProfiles(doc, 'reconciler');
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  const known = (names: Map<string, Rec>) => (names.size > 0 ? `declared: ${[...names.keys()].join(', ')}` : 'none declared');
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry) || mayImportProfiles(doc, entry)) continue;
    const parts = entryParts(entry, ['spec', 'crds', name]);
    for (const { path, value } of parts.reconcilers) {
      const profile = isRecord(value) ? value.profile : undefined;
      if (typeof profile !== 'string' || reconcilers.has(profile)) continue;
      const at = [...path, 'profile'];
      issues.push({ file, ...locate(at, 'value'), path: formatPath(at), severity: 'warning', message: `reconciler profile "${profile}" is not in profiles.reconciler (${known(reconcilers)}); upstream's built-in profiles are not known here yet, so the runtime's default workers and resync apply` });
    }
    for (const { path, value } of parts.phases) {
      if (!isRecord(value)) continue;
      for (const [kind, items] of Object.entries(value)) {
        if (!Array.isArray(items)) continue;
        items.forEach((item, i) => {
          const profile = isRecord(item) && isRecord(item.resources) ? item.resources.profile : undefined;
          if (typeof profile !== 'string' || resources.has(profile)) return;
          const at: PathSegment[] = [...path, kind, i, 'resources', 'profile'];
          issues.push({ file, ...locate(at, 'value'), path: formatPath(at), message: `resource profile "${profile}" is not in profiles.resources (${known(resources)}); upstream's built-in profiles (tiny, small, …) are not known here yet: declare it under profiles.resources or give requests: and limits:` });
        });
      }
    }
  }
  return issues;
}

/** A child's `resources: {profile, requests?, limits?}` as plain requests/limits; given keys win over the profile's. */
export function expandResources(resources: unknown, profiles: Map<string, Rec>): unknown {
  if (!isRecord(resources) || typeof resources.profile !== 'string') return resources;
  const profile = profiles.get(resources.profile);
  if (!profile) return resources;
  const out: Rec = {};
  for (const key of ['requests', 'limits']) {
    const merged = { ...(isRecord(profile[key]) ? profile[key] : {}), ...(isRecord(resources[key]) ? resources[key] : {}) };
    if (Object.keys(merged).length > 0) out[key] = merged;
  }
  return out;
}

/** Reconciler settings with a declared profile's workers/resync/queue filled in; given settings win. */
export function expandReconciler(settings: Rec, profiles: Map<string, Rec>): Rec {
  const profile = typeof settings.profile === 'string' ? profiles.get(settings.profile) : undefined;
  if (!profile) return settings;
  const { profile: _name, ...rest } = settings;
  const out: Rec = {};
  for (const key of ['workers', 'resync', 'queue']) if (profile[key] !== undefined) out[key] = profile[key];
  return { ...out, ...rest };
}
