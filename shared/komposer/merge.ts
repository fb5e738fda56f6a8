// Merges the CRD entries of imported Katalogs and a Komposer's own entries into one set, by the
// rules in docs/katalog.md: declaration order, no CRD name or GVK from two sources, the Komposer's
// entries override field by field (whole blocks replaced, finalizers unioned), `enabled: false`
// drops. Pure and deterministic: the result depends only on the order of `imports`, never on when
// each fetch completed. Cycle checks belong to the validator, run on the merged whole.
import type { Issue } from '../errors.js';
import type { ApiTypes, CrdEntry } from '../katalog/types.js';

/** One CRD entry with its resolved API types (from `apiTypes`, or inferred from its CRD manifest). */
export interface SourcedCrd {
  name: string;
  entry: CrdEntry;
  apiTypes: ApiTypes;
  crd?: Record<string, unknown>;
}

export interface ImportedKatalog {
  /** Credential-free label of the import (`file:./a.yaml`, `helm:https://…/chart@1.0.0`). */
  source: string;
  crds: SourcedCrd[];
}

/** A Komposer's own entry: it may override an imported CRD without restating which CRD it is. */
export type OverrideCrd = Omit<SourcedCrd, 'apiTypes'> & { apiTypes?: ApiTypes };

export interface KomposerOverrides {
  source: string;
  crds: OverrideCrd[];
}

export interface MergedCrd extends SourcedCrd {
  /** Every source that contributed, in order: the import first, then the Komposer if it overrode. */
  sources: string[];
}

export interface MergeResult {
  crds: MergedCrd[];
  /** Every CRD name some source declares, disabled ones included. */
  declared: string[];
  issues: Issue[];
}

/** Lists that an override adds to instead of replacing. */
const UNIONED_LISTS = new Set<keyof CrdEntry>(['finalizers', 'allowBreakingChanges']);
/** Keys that say which CRD an entry is; an override giving any of them replaces the resolved types. */
const IDENTITY_KEYS = new Set<keyof CrdEntry>(['apiTypes', 'crdFile', 'crd']);

/**
 * `partial`: some imports were left out (`--offline`), so an override naming a CRD that none of the
 * imports read declares may well be in one left out: a warning, and the override is set aside.
 * `importFailed`: an import was refused (its own lines say why), so such an override is set aside
 * without a line: the refusal is the root cause. `unchecked`: entries (the Komposer's or an
 * import's) whose remote CRD file was not read, each already named in a warning: declared, kind
 * unknown; an entry of that name without its own apiTypes is set aside without a line too.
 */
export function mergeKatalogs(imports: ImportedKatalog[], own: KomposerOverrides, partial = false, importFailed = false, unchecked: ReadonlySet<string> = new Set()): MergeResult {
  const issues: Issue[] = [];
  const byName = new Map<string, MergedCrd>();

  for (const imported of imports) {
    for (const crd of imported.crds) {
      const existing = byName.get(crd.name);
      if (existing) {
        issues.push({
          path: `spec.crds.${crd.name}`,
          message: `CRD '${crd.name}' is declared by both ${existing.sources[0]} and ${imported.source}; remove it from one of them, or disable one with 'enabled: false' in the Komposer`,
          sources: [imported.source, existing.sources[0]!],
        });
        continue;
      }
      byName.set(crd.name, { ...crd, sources: [imported.source] });
    }
  }

  for (const override of own.crds) {
    const base = byName.get(override.name);
    if (base) {
      byName.set(override.name, applyOverride(base, override, own.source));
    } else if (override.apiTypes) {
      byName.set(override.name, { ...override, apiTypes: override.apiTypes, sources: [own.source] });
    } else if (importFailed || unchecked.has(override.name)) {
      // Set aside without a line: the refused import, or the warning about its CRD file, is the root cause.
    } else if (override.entry.enabled !== false && partial) {
      issues.push({
        path: `spec.crds.${override.name}`,
        message: `'${override.name}' overrides no CRD of the imports read (${[...byName.keys()].join(', ') || 'none'}); it may be in an import left out, so it is not checked`,
        severity: 'warning',
      });
    } else if (override.entry.enabled !== false) {
      issues.push({
        path: `spec.crds.${override.name}`,
        message: `'${override.name}' overrides no imported CRD (imported: ${[...byName.keys()].join(', ') || 'none'}); fix the name, or declare a new CRD with apiTypes, crdFile or crd`,
      });
    }
  }

  const merged = [...byName.values()].filter((c) => c.entry.enabled !== false);
  issues.push(...gvkClashes(merged));
  return { crds: merged, declared: [...byName.keys()], issues };
}

function applyOverride(base: MergedCrd, override: OverrideCrd, source: string): MergedCrd {
  const entry: CrdEntry = { ...base.entry };
  const fields = entry as Record<string, unknown>;
  const overriding = override.entry as Record<string, unknown>;
  let identityChanged = false;
  for (const key of Object.keys(overriding).sort()) {
    const value = overriding[key];
    if (UNIONED_LISTS.has(key as keyof CrdEntry)) {
      fields[key] = union(fields[key], value);
    } else if (key === 'operatorBox' && isRecord(value) && isRecord(fields[key])) {
      // operatorBox is a container, not a block: its blocks (onCreate, status, …) replace one by one.
      // reconciler holds independent settings (upstream's Komposer tunes `reconcile: {workers: 8}`
      // of an imported Katalog), so they override one by one too.
      const box = { ...fields[key], ...value };
      const [before, after] = [fields[key].reconciler, value.reconciler];
      if (isRecord(before) && isRecord(after)) box.reconciler = { ...before, ...after };
      fields[key] = box;
    } else {
      fields[key] = value;
      if (IDENTITY_KEYS.has(key as keyof CrdEntry)) identityChanged = true;
    }
  }
  identityChanged &&= override.apiTypes !== undefined;
  if (identityChanged) {
    for (const key of IDENTITY_KEYS) if (!(key in overriding)) delete fields[key];
  }
  const result: MergedCrd = {
    name: base.name,
    entry,
    apiTypes: identityChanged && override.apiTypes ? override.apiTypes : base.apiTypes,
    sources: [...base.sources, source],
  };
  const crd = identityChanged ? override.crd : base.crd;
  if (crd) result.crd = crd;
  return result;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function union(a: unknown, b: unknown): string[] {
  const out: string[] = [];
  for (const list of [a, b]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (typeof item === 'string' && !out.includes(item)) out.push(item);
  }
  return out;
}

function gvkClashes(crds: MergedCrd[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, MergedCrd>();
  for (const crd of crds) {
    const { group, version, kind } = crd.apiTypes;
    const gvk = `${group}/${version}, Kind=${kind}`;
    const other = seen.get(gvk);
    if (other) {
      issues.push({
        path: `spec.crds.${crd.name}.apiTypes`,
        message: `CRDs '${other.name}' (${other.sources.join(', ')}) and '${crd.name}' (${crd.sources.join(', ')}) both declare ${gvk}; each kind may be reconciled by one entry only`,
        sources: [...crd.sources, ...other.sources],
      });
      continue;
    }
    seen.set(gvk, crd);
  }
  return issues;
}
