// The breaking-change guard: before any bundle CRD is applied, each is compared with the cluster's
// copy; an unacknowledged breaking change in ANY of them refuses the whole start (no CRD applied).
// The decision (decideCrdGuard) is pure and takes plain objects; guardCrds only reads the live
// CRDs, logs, counts and throws. It never writes to the cluster.
//
// Acknowledgements come from the Katalog entries whose apiTypes group+kind name the CRD
// (spec.crds.<entry>.allowBreakingChanges). A CRD that no entry references can only change without
// breaking changes: there is nowhere to acknowledge one, so any breaking change to it is refused.
import { diffCrds, formatChange, unacknowledged, unusedAcknowledgements, type CrdChange } from '../../shared/crd-diff/index.js';
import { OrkError, type Issue } from '../../shared/errors.js';
import type { CrdObject, BundlePayload } from '../../shared/bundle/payload.js';
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { allInOrder } from './in-order.js';

/** What the guard concluded about one bundle CRD. */
export interface CrdVerdict {
  crd: string;
  /** The spec.crds entries that reference this CRD (by group+kind); empty: none does. */
  entries: string[];
  /** Absent from the cluster: nothing to compare, it is simply created. */
  isNew: boolean;
  changes: CrdChange[];
  /** Breaking changes nobody acknowledged: any of these refuses the start. */
  refused: CrdChange[];
  /** Breaking changes the Komposer acknowledged: applied, logged as warnings. */
  acknowledged: CrdChange[];
  /** Acknowledged ids that match no breaking change of this diff (stale or mistyped). */
  unusedAcknowledgements: string[];
}

export interface CrdGuardDecision {
  verdicts: CrdVerdict[];
  /** CRD_BREAKING_CHANGE when any verdict has refused changes; then no CRD may be applied. */
  error: OrkError | undefined;
}

/**
 * `live` maps a CRD name to the cluster's copy (absent or undefined: not installed). `entries` is
 * the merged Katalog's spec.crds. Pure.
 */
export function decideCrdGuard(bundleCrds: readonly CrdObject[], live: ReadonlyMap<string, unknown>, entries: Readonly<Record<string, CrdEntry>>): CrdGuardDecision {
  const verdicts = bundleCrds.map((crd) => verdictFor(crd, live.get(crd.metadata.name), entries));
  return { verdicts, error: refusalError(verdicts) };
}

function verdictFor(crd: CrdObject, liveCrd: unknown, entries: Readonly<Record<string, CrdEntry>>): CrdVerdict {
  const name = crd.metadata.name;
  const referencing = entriesFor(crd, entries);
  const allowed = referencing.flatMap((e) => entries[e]!.allowBreakingChanges ?? []);
  if (liveCrd === undefined) {
    // Acknowledgements are not reported as unused on a fresh install: other clusters may still need them.
    return { crd: name, entries: referencing, isNew: true, changes: [], refused: [], acknowledged: [], unusedAcknowledgements: [] };
  }
  const changes = diffCrds(liveCrd, withWebhookConversion(crd, liveCrd), { storedVersions: storedVersionsOf(liveCrd) });
  const refused = unacknowledged(changes, allowed);
  const refusedIds = new Set(refused.map((c) => c.id));
  return {
    crd: name,
    entries: referencing,
    isNew: false,
    changes,
    refused,
    acknowledged: changes.filter((c) => c.severity === 'breaking' && !refusedIds.has(c.id)),
    unusedAcknowledgements: unusedAcknowledgements(changes, allowed),
  };
}

/**
 * The CRD as it will be once applied: a bundle CRD that does not set spec.conversion keeps the
 * live one, because the controller's apply never names that field — the webhook registers it
 * (controller/webhook/register.ts). Without this, a conversion webhook the webhook registered would
 * look like a Webhook → None change at every restart.
 */
export function withWebhookConversion(crd: CrdObject, liveCrd: unknown): CrdObject {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const live = isRecord(liveCrd) && isRecord(liveCrd.spec) ? liveCrd.spec.conversion : undefined;
  if (spec.conversion !== undefined || !isRecord(live) || live.strategy !== 'Webhook') return crd;
  return { ...crd, spec: { ...spec, conversion: live } };
}

/** The entry names whose apiTypes group and kind are the CRD's spec.group and spec.names.kind. */
export function entriesFor(crd: CrdObject, entries: Readonly<Record<string, CrdEntry>>): string[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const group = spec.group;
  const kind = isRecord(spec.names) ? spec.names.kind : undefined;
  return Object.entries(entries)
    .filter(([, entry]) => entry.apiTypes !== undefined && entry.apiTypes.group === group && entry.apiTypes.kind === kind)
    .map(([name]) => name);
}

function storedVersionsOf(liveCrd: unknown): string[] | undefined {
  const status = isRecord(liveCrd) && isRecord(liveCrd.status) ? liveCrd.status : undefined;
  const stored = status?.storedVersions;
  return Array.isArray(stored) && stored.every((v) => typeof v === 'string') ? stored as string[] : undefined;
}

function refusalError(verdicts: readonly CrdVerdict[]): OrkError | undefined {
  const refusing = verdicts.filter((v) => v.refused.length > 0);
  if (refusing.length === 0) return undefined;
  const issues: Issue[] = refusing.flatMap((v) => v.refused.map((c) => ({ path: v.crd, message: `${c.id}: ${c.message}` })));
  const how = refusing.map((v) => {
    const ids = v.refused.map((c) => c.id).join(', ');
    return v.entries.length > 0
      ? `spec.crds.${v.entries[0]}.allowBreakingChanges: [${ids}]`
      : `CRD ${v.crd} is referenced by no spec.crds entry, so its breaking changes cannot be acknowledged: add an entry whose apiTypes name its group and kind, then allowBreakingChanges: [${ids}]`;
  });
  const count = issues.length;
  const message = `refusing to apply CRDs: ${count} unacknowledged breaking ${count === 1 ? 'change' : 'changes'} in ${refusing.map((v) => v.crd).join(', ')}; `
    + `no CRD was applied and the cluster's CRDs are unchanged. Revert the change, or acknowledge it in the Komposer and rebuild the bundle: ${how.join('; ')}`;
  return new OrkError('CRD_BREAKING_CHANGE', message, { source: refusing.map((v) => v.crd).join(', '), issues });
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface GuardContext {
  logger: Logger;
  metrics?: { countBreakingChangeRefusal(crd: string): void };
  /** The cluster's copies, when already being read (start-up reads them beside the RBAC check). */
  live?: Promise<Map<string, unknown>>;
}

/** The cluster's copy of each CRD the bundle carries, by name (absent: not installed); reads only. */
export async function readLiveCrds(kube: KubeClient, crds: readonly CrdObject[]): Promise<Map<string, unknown>> {
  const live = new Map<string, unknown>();
  if (crds.length === 0) return live;
  const resource = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const found = await allInOrder(crds, (crd) => kube.get(resource, undefined, crd.metadata.name));
  crds.forEach((crd, i) => { if (found[i]) live.set(crd.metadata.name, found[i]); });
  return live;
}

/**
 * Reads the cluster's copy of each bundle CRD and decides; logs acknowledged breaking changes and
 * unused acknowledgements as warnings, other warnings as info; on refusal counts a metric per
 * refused CRD and throws CRD_BREAKING_CHANGE. Makes no write.
 */
export async function guardCrds(kube: KubeClient, payload: Pick<BundlePayload, 'crds' | 'katalog'>, context: GuardContext): Promise<CrdGuardDecision> {
  if (payload.crds.length === 0) return { verdicts: [], error: undefined };
  const live = await (context.live ?? readLiveCrds(kube, payload.crds));
  const decision = decideCrdGuard(payload.crds, live, payload.katalog.spec.crds);
  const { logger } = context;
  for (const v of decision.verdicts) {
    for (const c of v.acknowledged) logger.warn('acknowledged breaking crd change', { crd: v.crd, id: c.id, detail: c.message });
    if (v.unusedAcknowledgements.length > 0) {
      logger.warn('allowBreakingChanges names no breaking change of this upgrade; remove it once shipped', { crd: v.crd, entries: v.entries, ids: v.unusedAcknowledgements });
    }
    for (const c of v.changes.filter((x) => x.severity === 'warning')) logger.info('crd change warning', { crd: v.crd, id: c.id, detail: c.message });
    for (const c of v.refused) logger.error('unacknowledged breaking crd change', { crd: v.crd, change: formatChange(c) });
  }
  if (decision.error) {
    // The metric's `crd` label is the entry name elsewhere (declareCrds); a CRD no entry names keeps its own name.
    for (const v of decision.verdicts) if (v.refused.length > 0) context.metrics?.countBreakingChangeRefusal(metricLabelOf(v));
    throw decision.error;
  }
  return decision;
}

/** The `crd` label a refusal is counted under: the referencing entry, else the CRD's name. */
export function metricLabelOf(verdict: CrdVerdict): string {
  return verdict.entries[0] ?? verdict.crd;
}
