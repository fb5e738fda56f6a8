// preReconcile (upstream's gates in front of the reconciler): `enqueueGate` decides whether a CR's
// watch event enters the queue at all (a failed gate drops it quietly), `reconcileGate` whether a
// dequeued CR is reconciled (a failed gate holds it: Ready=False ReconcileGated says why). A gate
// passes when one of its sentinels fired; otherwise its when/or decide; a gate of sentinels only
// passes nothing else. `failPolicy` (default open) decides when the conditions cannot be
// evaluated — and for `external` calls, which this runtime does not make. Pure.
import { OrkError } from '../../shared/errors.js';
import type { Condition, CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { describeCondition, evaluateGate } from '../../shared/render/index.js';
import { SENTINELS, type SentinelValues } from './sentinels.js';

export interface GateSpec {
  /** `preReconcile.enqueueGate` or `preReconcile.reconcileGate`, for messages. */
  path: string;
  sentinels: string[];
  when?: Condition[];
  or?: Condition[];
  failPolicy: 'open' | 'closed';
  /** External calls are declared (not made here): the gate cannot be evaluated. */
  external: boolean;
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
  const gate = (name: 'enqueueGate' | 'reconcileGate'): GateSpec | undefined => {
    const g = raw[name] as Rec | undefined;
    if (!g && !(name === 'reconcileGate' && Array.isArray(raw.external) && raw.external.length > 0)) return undefined;
    const sentinels = strings(g?.sentinels);
    const missing = sentinels.filter((s) => !declared.includes(s));
    if (missing.length > 0) {
      throw new OrkError('KATALOG_INVALID', `${at}.${name}.sentinels: ${missing.join(', ')} not declared in preReconcile.sentinels; add ${missing.length === 1 ? 'it' : 'them'} there`);
    }
    const external = (Array.isArray(g?.external) && g.external.length > 0) || (Array.isArray(raw.external) && raw.external.length > 0);
    return {
      path: `preReconcile.${name}`,
      sentinels,
      ...(Array.isArray(g?.when) ? { when: g.when as Condition[] } : {}),
      ...(Array.isArray(g?.or) ? { or: g.or as Condition[] } : {}),
      failPolicy: g?.failPolicy === 'closed' ? 'closed' : 'open',
      external,
    };
  };
  const enqueueGate = gate('enqueueGate');
  const reconcileGate = gate('reconcileGate');
  return { sentinels: declared, ...(enqueueGate ? { enqueueGate } : {}), ...(reconcileGate ? { reconcileGate } : {}) };
}

/**
 * Whether `cr` passes the gate. `sentinels` are those of the events behind this decision;
 * undefined when it was not a CR event (a child changed, a retry): then only the conditions count.
 */
export function gateVerdict(gate: GateSpec, cr: KubeObject, sentinels: SentinelValues | undefined): GateVerdict {
  if (sentinels !== undefined && gate.sentinels.some((s) => sentinels[s] === true)) return { pass: true };
  const conditions = gate.when !== undefined || gate.or !== undefined;
  if (!conditions && !gate.external) {
    if (gate.sentinels.length === 0 || sentinels === undefined) return { pass: true };
    return { pass: false, quiet: true, message: `${gate.path}: none of ${gate.sentinels.join(', ')} changed` };
  }
  const failed = (why: string): GateVerdict => gate.failPolicy === 'open'
    ? { pass: true }
    : { pass: false, quiet: false, message: `${gate.path} cannot be evaluated (failPolicy closed): ${why}` };
  if (gate.external) return failed('external calls in gates are not made by this runtime');
  const data = { ...cr, sentinels: Object.fromEntries(Object.entries(sentinels ?? {}).map(([k, v]) => [k, String(v)])) };
  const ref = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  const result = evaluateGate({ ...(gate.when ? { when: gate.when } : {}), ...(gate.or ? { or: gate.or } : {}) }, data, gate.path, ref);
  if (!result.ok) return failed(result.problems.join('; '));
  if (result.holds) return { pass: true };
  const parts = [
    ...(gate.when?.length ? [`when: ${gate.when.map(describeCondition).join(' and ')}`] : []),
    ...(gate.or?.length ? [`or: ${gate.or.map(describeCondition).join(' or ')}`] : []),
  ];
  return { pass: false, quiet: false, message: `held by ${gate.path} (${parts.join('; ')})` };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
