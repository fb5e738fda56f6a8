// Katalog profiles (`profiles.resources[]`, `profiles.reconciler[]`) named from a child's
// `resources.profile` and from `operatorBox.reconciler.profile` / `reconcile.profile`: the checks
// (a name must be declared, unless Motif imports may bring it) and the expansion normalise.ts does,
// so the model carries plain requests/limits and workers/resync/queue. Upstream's built-in resource
// profiles are expanded by the renderer (child-profiles.ts); its built-in reconciler profiles
// (high-throughput, conservative, development; reconciler-profiles.ts) are expanded here. Pure.
import type { Issue } from '../errors.js';
import { autoscaleProfileIssues } from './autoscale-check.js';
import { entryParts } from './layout.js';
import { childProfileIssues, declaredProfiles, mayImportProfiles } from './child-profiles.js';
import { formatPath } from './path.js';
import { builtinReconcilerProfile, fillFromProfile, presetSettings, RECONCILER_PROFILE_NAMES } from './reconciler-profiles.js';
import { suggestion } from './suggest.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function profileIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const reconcilers = declaredProfiles(doc, 'reconciler');
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  const known = [...reconcilers.keys(), ...RECONCILER_PROFILE_NAMES];
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry) || mayImportProfiles(doc, entry)) continue;
    for (const { path, value } of entryParts(entry, ['spec', 'crds', name]).reconcilers) {
      const profile = isRecord(value) ? value.profile : undefined;
      if (typeof profile !== 'string' || reconcilers.has(profile) || builtinReconcilerProfile(profile)) continue;
      const at = [...path, 'profile'];
      const near = suggestion(profile, known).replace(/ \(allowed: .*\)$/, '');
      issues.push({ file, ...locate(at, 'value'), path: formatPath(at), severity: 'error', message: `unknown reconciler profile "${profile}"${near}: declare it under profiles.reconciler or use a built-in (${RECONCILER_PROFILE_NAMES.join(', ')})` });
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

/**
 * Reconciler settings with a profile's workers/resync/queue filled in (a declared profile, else
 * upstream's built-in of that name); given settings win. An unknown name is left for profileIssues.
 */
export function expandReconciler(settings: Rec, profiles: Map<string, Rec>): Rec {
  if (typeof settings.profile !== 'string') return settings;
  const preset = builtinReconcilerProfile(settings.profile);
  const profile = profiles.get(settings.profile) ?? (preset ? presetSettings(preset) : undefined);
  return profile ? fillFromProfile(settings, profile) : settings;
}

export { declaredProfiles };
