// AdmissionReview v1 in, AdmissionReview v1 out: the body of /validate and /mutate. Validation
// answers allowed:false with every failed deny rule's message, and `warnings` for warn rules;
// mutation answers the mutation rules' changes as a base64 JSONPatch. Rules the webhook cannot
// evaluate refuse the object, as reconcile would (it could never render it). Pure.
import { OrkError, isOrkError, type Issue } from '../errors.js';
import { evaluateAdmission, type FailedRule } from '../render/admission.js';
import type { KubeObject } from '../kube/index.js';
import { diffPatch } from './json-patch.js';
import { carriesProtectionLabel, crdDeletionRefusal, deletionRefusal, labelledDeletionRefusal } from './deletion-protection.js';
import { namespaceAdmissionRefusal } from './namespace-protection.js';
import type { AdmissionTargets } from './targets.js';

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';
/** The API server shows at most this much of one warning; longer ones are cut here, readably. */
const MAX_WARNING_CHARS = 256;

/** `namespaces`: the namespace-protection webhook (namespace-protection.ts): only the CR's namespace is judged. */
export type AdmissionMode = 'validate' | 'mutate' | 'namespaces';

/** What the server logs about one review (never the object). */
export interface AdmissionOutcome {
  uid: string;
  crd?: string;
  operation: string;
  namespace?: string;
  name?: string;
  allowed: boolean;
  warnings: number;
  patchOps: number;
  /** The validation rules that denied or warned (their place in the Katalog, never the object). */
  failedRules?: FailedRule[];
}

export interface AdmissionAnswer {
  review: Record<string, unknown>;
  outcome: AdmissionOutcome;
}

interface Request {
  uid: string;
  operation: string;
  resource: { group: string; resource: string };
  object: unknown;
  /** The object being deleted (DELETE). */
  oldObject: unknown;
  /** request.kind.kind, for messages. */
  kind: string;
  namespace?: string;
  name?: string;
}

/**
 * The response to one AdmissionReview body (already JSON-parsed, untrusted).
 * @throws OrkError WEBHOOK_REQUEST_INVALID when the body is not an AdmissionReview v1 request.
 */
export function answerAdmission(targets: AdmissionTargets, body: unknown, mode: AdmissionMode): AdmissionAnswer {
  const request = parseRequest(body);
  const base = { uid: request.uid, operation: request.operation, ...(request.namespace ? { namespace: request.namespace } : {}), ...(request.name ? { name: request.name } : {}) };
  const target = targets.forResource(request.resource.group, request.resource.resource);
  const object = request.object;
  if (request.operation === 'DELETE') {
    if (target && targets.protects(target)) return deny(request.uid, { ...base, crd: target.name }, deletionRefusal(target.name, request.namespace, request.name), []);
    const crd = request.resource.group === 'apiextensions.k8s.io' && request.resource.resource === 'customresourcedefinitions' ? targets.protectedCrd(request.name ?? '') : undefined;
    if (crd) return deny(request.uid, { ...base, crd: crd.name }, crdDeletionRefusal(crd.name, request.name ?? ''), []);
    if (targets.deletionProtection && carriesProtectionLabel(request.oldObject)) return deny(request.uid, base, labelledDeletionRefusal(request.kind, request.namespace, request.name), []);
  }
  if (mode === 'namespaces') return namespaceAnswer(targets, request, base);
  // Not ours (a stale registration) or nothing to look at (DELETE, CONNECT): allow unchanged.
  if (!target || !isObject(object)) return answer({ uid: request.uid, allowed: true }, { ...base, allowed: true, warnings: 0, patchOps: 0 });
  const outcome = { ...base, crd: target.name };
  const cr = { ...object, metadata: { name: request.name ?? '', ...(request.namespace ? { namespace: request.namespace } : {}), ...object.metadata } } as KubeObject;
  let result: ReturnType<typeof evaluateAdmission>;
  try {
    result = evaluateAdmission({ entry: target.entry, cr });
  } catch (e) {
    if (!isOrkError(e)) throw e;
    return deny(request.uid, outcome, `the Katalog's rules for CRD ${target.name} could not be evaluated: ${e.message}`, []);
  }
  const warnings = result.warnings.map(warningText);
  const rules = mode === 'validate' && result.failedRules.length > 0 ? { failedRules: result.failedRules } : {};
  if (result.problems.length > 0) {
    return deny(request.uid, outcome, `the Katalog's rules for CRD ${target.name} could not be evaluated: ${issueList(result.problems)}`, warnings);
  }
  if (mode === 'mutate') {
    const ops = diffPatch(cr, result.mutated);
    const patch = ops.length > 0 ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(ops)).toString('base64') } : {};
    return answer({ uid: request.uid, allowed: true, ...patch }, { ...outcome, allowed: true, warnings: 0, patchOps: ops.length });
  }
  if (result.denied.length > 0) return deny(request.uid, { ...outcome, ...rules }, issueList(result.denied), warnings);
  return answer({ uid: request.uid, allowed: true, ...(warnings.length > 0 ? { warnings } : {}) }, { ...outcome, ...rules, allowed: true, warnings: warnings.length, patchOps: 0 });
}

/** The namespace-protection webhook: a CREATE or UPDATE of a CR where its CRD's rules forbid it is refused; anything else passes. */
function namespaceAnswer(targets: AdmissionTargets, request: Request, base: Omit<AdmissionOutcome, 'allowed' | 'warnings' | 'patchOps'>): AdmissionAnswer {
  const target = targets.forResource(request.resource.group, request.resource.resource);
  const rules = target ? targets.namespaceRules(target) : undefined;
  const judged = (request.operation === 'CREATE' || request.operation === 'UPDATE') && request.namespace !== undefined;
  const refusal = target && rules && judged ? namespaceAdmissionRefusal(target.name, rules, request.namespace!) : undefined;
  const outcome = { ...base, ...(target ? { crd: target.name } : {}) };
  if (refusal !== undefined) return deny(request.uid, outcome, refusal, []);
  return answer({ uid: request.uid, allowed: true }, { ...outcome, allowed: true, warnings: 0, patchOps: 0 });
}

function deny(uid: string, outcome: Omit<AdmissionOutcome, 'allowed' | 'warnings' | 'patchOps'>, message: string, warnings: string[]): AdmissionAnswer {
  const response = { uid, allowed: false, status: { status: 'Failure', code: 403, reason: 'Forbidden', message }, ...(warnings.length > 0 ? { warnings } : {}) };
  return answer(response, { ...outcome, allowed: false, warnings: warnings.length, patchOps: 0 });
}

function answer(response: Record<string, unknown>, outcome: AdmissionOutcome): AdmissionAnswer {
  return { review: { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response }, outcome };
}

/** `spec.replicas: must be at most 5 (CR ns/name)`, issues joined by `; `. */
function issueList(issues: Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

function warningText(issue: Issue): string {
  const text = `${issue.path}: ${issue.message}`.replace(/[\r\n\t]+/g, ' ');
  return text.length > MAX_WARNING_CHARS ? `${text.slice(0, MAX_WARNING_CHARS - 3)}...` : text;
}

function parseRequest(body: unknown): Request {
  const bad = (what: string) => new OrkError('WEBHOOK_REQUEST_INVALID', `not an AdmissionReview v1 request: ${what}`);
  if (!isObject(body) || body.kind !== 'AdmissionReview' || body.apiVersion !== ADMISSION_API_VERSION) throw bad(`expected apiVersion ${ADMISSION_API_VERSION}, kind AdmissionReview`);
  const r = body.request;
  if (!isObject(r) || typeof r.uid !== 'string' || r.uid === '') throw bad('request.uid is missing');
  const resource = r.resource;
  if (!isObject(resource) || typeof resource.group !== 'string' || typeof resource.resource !== 'string') throw bad('request.resource is missing');
  return {
    uid: r.uid,
    operation: typeof r.operation === 'string' ? r.operation : '',
    resource: { group: resource.group, resource: resource.resource },
    object: r.object,
    oldObject: r.oldObject,
    kind: isObject(r.kind) && typeof r.kind.kind === 'string' ? r.kind.kind : resource.resource,
    ...(typeof r.namespace === 'string' && r.namespace !== '' ? { namespace: r.namespace } : {}),
    ...(typeof r.name === 'string' && r.name !== '' ? { name: r.name } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> & { metadata?: Record<string, unknown> } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
