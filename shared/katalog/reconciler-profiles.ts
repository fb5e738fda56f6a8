// The Go runtime's built-in reconciler profiles (pkg/profiles, read for v0.7.17; facts in
// docs/katalog-compat.md): named tuning presets `operatorBox.reconciler.profile` (or
// `reconcile.profile`) may use without declaring them under `profiles.reconciler`. A declared
// profile of the same name wins (exact name, as upstream looks it up first); built-in names match in
// any case. A preset gives workers, resync and queue.maxDepth only; a setting written beside the
// profile wins over the preset's (upstream fills only the settings left at zero). Pure data.

export interface ReconcilerPreset {
  workers: number;
  resync: string;
  maxDepth: number;
}

export const RECONCILER_PROFILES: Readonly<Record<string, ReconcilerPreset>> = {
  'high-throughput': { workers: 10, resync: '5m', maxDepth: 1000 },
  conservative: { workers: 2, resync: '1m', maxDepth: 100 },
  development: { workers: 1, resync: '30s', maxDepth: 50 },
};

export const RECONCILER_PROFILE_NAMES: readonly string[] = Object.keys(RECONCILER_PROFILES);

/** The built-in preset of that name (any case), if there is one. */
export function builtinReconcilerProfile(name: string): ReconcilerPreset | undefined {
  return Object.hasOwn(RECONCILER_PROFILES, name.toLowerCase()) ? RECONCILER_PROFILES[name.toLowerCase()] : undefined;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The preset as declared-profile settings: workers, resync and a queue holding maxDepth. */
export function presetSettings(preset: ReconcilerPreset): Rec {
  return { workers: preset.workers, resync: preset.resync, queue: { maxDepth: preset.maxDepth } };
}

/**
 * Settings with a profile's values filled in where the user wrote none. The queue is merged key by
 * key (a written `queue: {failureThreshold: 3}` keeps the profile's maxDepth), as upstream fills
 * `queue.maxDepth` only when it is zero.
 */
export function fillFromProfile(settings: Rec, profile: Rec): Rec {
  const { profile: _name, ...given } = settings;
  const out: Rec = {};
  for (const key of ['workers', 'resync', 'queue']) if (profile[key] !== undefined) out[key] = profile[key];
  if (isRecord(out.queue) && isRecord(given.queue)) given.queue = { ...out.queue, ...given.queue };
  return { ...out, ...given };
}
