// preReconcile (upstream's gates in front of the reconciler): `enqueueGate` decides whether a CR's
// watch event enters the queue at all (a failed gate drops it quietly), `reconcileGate` whether a
// dequeued CR is reconciled (a failed gate holds it: Ready=False ReconcileGated says why). A gate
// passes when one of its sentinels fired; otherwise its when/or decide; a gate of sentinels only
// passes nothing else. `external` calls (preReconcile-level ones shared by both gates, then the
// gate's own) are made before the conditions, which read their results as `.external.<name>`
// (gate-calls.ts makes them). `failPolicy` (default open) decides when the conditions cannot be
// evaluated or a gate's own call fails; a failed shared call always passes, as upstream. Pure.
import { OrkError } from '../../shared/errors.js';
import type { Condition, CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { externalCalls, type ExternalCall } from '../../shared/external/index.js';
import { describeGate, evaluateGate } from '../../shared/render/index.js';
import { SENTINELS, type SentinelValues } from './sentinels.js';

export interface GateSpec {
  /** `preReconcile.enqueueGate` or `preReconcile.reconcileGate`, for messages. */
  path: string;
  sentinels: string[];
  when?: Condition[];
  or?: Condition[];
  failPolicy: 'open' | 'closed';
  /** reconcileGate.eventAware: each admitted event is its own turn of the key, with its own sentinels (event-gate.ts). */
  eventAware: boolean;
  /** preReconcile.external, made first for either gate (a failure passes the gate). */
  shared: ExternalCall[];
  /** The gate's own external calls (a failure falls to failPolicy). */
  calls: ExternalCall[];
}

/** What the gate's calls gave: every result, and the gate call that failed, if one did. */
export interface GateCalls {
  external: Record<string, unknown>;
  /** A call of the gate's own that failed without continueOnError (`name: reason`). */
  failed?: string;
  /** A shared call failed without continueOnError: upstream passes the gate (always open). */
  sharedFailed?: string;
}

export interface PreReconcile {
  /** The sentinels computed for each CR event. */
  sentinels: string[];
  enqueueGate?: GateSpec;
  reconcileGate?: GateSpec;
}

export type GateVerdict = { pass: true } | { pass: false; message: string; quiet: boolean };

type Rec = Record<string, unknown>;

/**
 * The entry's preReconcile, or undefined when it declares none.
 * @throws OrkError KATALOG_INVALID for a sentinel upstream does not know, or a gate sentinel not
 *   listed in preReconcile.sentinels.
 */
export function preReconcileOf(crdName: string, entry: CrdEntry): PreReconcile | undefined {
  const raw = entry.operatorBox?.preReconcile as Rec | undefined;
  if (!raw) return undefined;
  const at = `spec.crds.${crdName}.operatorBox.preReconcile`;
  const declared = strings(raw.sentinels);
  const unknown = declared.filter((s) => !SENTINELS.includes(s));
  if (unknown.length > 0) {
    throw new OrkError('KATALOG_INVALID', `${at}.sentinels: unknown sentinel ${unknown.join(', ')}; known: ${SENTINELS.join(', ')}`);
  }
  const shared = externalCalls(raw.external, `${at}.external`);
  const gate = (name: 'enqueueGate' | 'reconcileGate'): GateSpec | undefined => {
    const g = raw[name] as Rec | undefined;
    if (!g) return undefined;
    const sentinels = strings(g.sentinels);
    const missing = sentinels.filter((s) => !declared.includes(s));
    if (missing.length > 0) {
      throw new OrkError('KATALOG_INVALID', `${at}.${name}.sentinels: ${missing.join(', ')} not declared in preReconcile.sentinels; add ${missing.length === 1 ? 'it' : 'them'} there`);
    }
    return {
      path: `preReconcile.${name}`,
      sentinels,
      ...(Array.isArray(g.when) ? { when: g.when as Condition[] } : {}),
      ...(Array.isArray(g.or) ? { or: g.or as Condition[] } : {}),
      failPolicy: g.failPolicy === 'closed' ? 'closed' : 'open',
      // Upstream reads eventAware on the reconcileGate only (an enqueueGate's warns, inert-keys.ts).
      eventAware: name === 'reconcileGate' && g.eventAware === true,
      shared,
      calls: externalCalls(g.external, `${at}.${name}.external`),
    };
  };
  const enqueueGate = gate('enqueueGate');
  const reconcileGate = gate('reconcileGate');
  return { sentinels: declared, ...(enqueueGate ? { enqueueGate } : {}), ...(reconcileGate ? { reconcileGate } : {}) };
}

/** Whether a sentinel of this event already passes the gate (then no call is made). */
export function sentinelPasses(gate: GateSpec, sentinels: SentinelValues | undefined): boolean {
  return sentinels !== undefined && gate.sentinels.some((s) => sentinels[s] === true);
}

/** Whether deciding the gate needs its external calls made first. */
export function needsCalls(gate: GateSpec, sentinels: SentinelValues | undefined): boolean {
  return !sentinelPasses(gate, sentinels) && gate.shared.length + gate.calls.length > 0;
}

/**
 * Whether `cr` passes the gate. `sentinels` are those of the events behind this decision;
 * undefined when it was not a CR event (a child changed, a retry): then only the conditions count.
 * `calls`: the results of the gate's external calls, when it has any (gate-calls.ts).
 */
export function gateVerdict(gate: GateSpec, cr: KubeObject, sentinels: SentinelValues | undefined, calls?: GateCalls): GateVerdict {
  if (sentinelPasses(gate, sentinels)) return { pass: true };
  const conditions = gate.when !== undefined || gate.or !== undefined;
  const external = gate.shared.length + gate.calls.length > 0;
  if (!conditions && !external) {
    if (gate.sentinels.length === 0 || sentinels === undefined) return { pass: true };
    return { pass: false, quiet: true, message: `${gate.path}: none of ${gate.sentinels.join(', ')} changed` };
  }
  const failed = (why: string): GateVerdict => gate.failPolicy === 'open'
    ? { pass: true }
    : { pass: false, quiet: false, message: `${gate.path} cannot be evaluated (failPolicy closed): ${why}` };
  if (calls?.sharedFailed !== undefined) return { pass: true };
  if (calls?.failed !== undefined) return failed(`external call ${calls.failed}`);
  if (!conditions) return { pass: true };
  const data = { ...cr, sentinels: Object.fromEntries(Object.entries(sentinels ?? {}).map(([k, v]) => [k, String(v)])), ...(calls ? { external: calls.external } : {}) };
  const ref = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  const result = evaluateGate({ ...(gate.when ? { when: gate.when } : {}), ...(gate.or ? { or: gate.or } : {}) }, data, gate.path, ref);
  if (!result.ok) return failed(result.problems.join('; '));
  if (result.holds) return { pass: true };
  return { pass: false, quiet: false, message: `held by ${gate.path} (${describeGate(gate)})` };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
