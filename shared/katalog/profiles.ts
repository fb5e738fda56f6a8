// Katalog profiles (`profiles.resources[]`, `profiles.reconciler[]`) named from a child's
// `resources.profile` and from `operatorBox.reconciler.profile` / `reconcile.profile`: the checks
// (a name must be declared, unless Motif imports may bring it) and the expansion normalise.ts does,
// so the model carries plain requests/limits and workers/resync/queue. Upstream's built-in resource
// profiles are expanded by the renderer (child-profiles.ts); its built-in reconciler profiles
// (high-throughput, conservative, development) are not known here yet. Pure.
import type { Issue } from '../errors.js';
import { autoscaleProfileIssues } from './autoscale-check.js';
import { entryParts } from './layout.js';
import { childProfileIssues, declaredProfiles, mayImportProfiles } from './child-profiles.js';
import { formatPath } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function profileIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const reconcilers = declaredProfiles(doc, 'reconciler');
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  const known = reconcilers.size > 0 ? `declared: ${[...reconcilers.keys()].join(', ')}` : 'none declared';
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry) || mayImportProfiles(doc, entry)) continue;
    for (const { path, value } of entryParts(entry, ['spec', 'crds', name]).reconcilers) {
      const profile = isRecord(value) ? value.profile : undefined;
      if (typeof profile !== 'string' || reconcilers.has(profile)) continue;
      const at = [...path, 'profile'];
      issues.push({ file, ...locate(at, 'value'), path: formatPath(at), severity: 'warning', message: `reconciler profile "${profile}" is not in profiles.reconciler (${known}); upstream's built-in profiles are not known here yet, so the runtime's default workers and resync apply` });
    }
  }
  return [...issues, ...childProfileIssues(doc, file, locate), ...autoscaleProfileIssues(doc, file, locate)];
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

export { declaredProfiles };
