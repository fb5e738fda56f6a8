// ConversionReview v1 in, ConversionReview v1 out: the body of /convert. Every object is converted
// to the desired apiVersion by its CRD's declarative conversion (shared/render/conversion.ts); one
// failure fails the whole review, naming the object and what to declare. Pure.
import { OrkError, isOrkError } from '../errors.js';
import { conversionRulesOf, convertObject } from '../render/conversion.js';
import type { KubeObject } from '../kube/index.js';
import { sameSchema, servedVersions, type AdmissionTargets } from './targets.js';

export const CONVERSION_API_VERSION = 'apiextensions.k8s.io/v1';

export interface ConversionOutcome {
  uid: string;
  desiredAPIVersion: string;
  objects: number;
  /** The CRD of the objects (of the first one the bundle knows), when any. */
  crd?: string;
  /** How many objects came from each apiVersion (`other`: not one the bundle's CRD serves). */
  from: Record<string, number>;
  /** desiredAPIVersion when the CRD serves it, else `other`. */
  to: string;
  ok: boolean;
  /** The failure, when not ok (safe to log: no object content). */
  message?: string;
}

export interface ConversionAnswer {
  review: Record<string, unknown>;
  outcome: ConversionOutcome;
}

/**
 * The response to one ConversionReview body (JSON-parsed, untrusted).
 * @throws OrkError WEBHOOK_REQUEST_INVALID when the body is not a ConversionReview v1 request.
 */
export function answerConversion(targets: AdmissionTargets, body: unknown): ConversionAnswer {
  const { uid, desiredAPIVersion, objects } = parseRequest(body);
  const from: Record<string, number> = {};
  for (const o of objects) {
    const key = knownVersion(targets, o.apiVersion, o.kind);
    from[key] = (from[key] ?? 0) + 1;
  }
  const known = objects.find((o) => targets.forObject(o.apiVersion, o.kind) !== undefined);
  const crd = known && targets.forObject(known.apiVersion, known.kind)!.name;
  const to = known ? knownVersion(targets, desiredAPIVersion, known.kind) : 'other';
  const base = { uid, desiredAPIVersion, objects: objects.length, from, to, ...(crd ? { crd } : {}) };
  try {
    const converted = objects.map((object) => convertOne(targets, object, desiredAPIVersion));
    return {
      review: { apiVersion: CONVERSION_API_VERSION, kind: 'ConversionReview', response: { uid, convertedObjects: converted, result: { status: 'Success' } } },
      outcome: { ...base, ok: true },
    };
  } catch (e) {
    if (!isOrkError(e)) throw e;
    const message = e.issues.length > 0 ? `${e.message}: ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : e.message;
    return {
      review: { apiVersion: CONVERSION_API_VERSION, kind: 'ConversionReview', response: { uid, convertedObjects: [], result: { status: 'Failure', message } } },
      outcome: { ...base, ok: false, message },
    };
  }
}

function convertOne(targets: AdmissionTargets, object: KubeObject, desiredApiVersion: string): KubeObject {
  const target = targets.forObject(object.apiVersion, object.kind);
  if (!target) {
    throw new OrkError('RENDER_INVALID', `${object.kind}.${object.apiVersion} is not a CRD of this bundle; the webhook registration is stale (restart the webhook to re-register)`);
  }
  return convertObject({
    crdName: target.name,
    rules: conversionRulesOf(target.entry),
    sameSchema: (a, b) => sameSchema(target.crd, a, b),
    object,
    desiredApiVersion,
  });
}

/** The apiVersion when its CRD is the bundle's and serves it, else `other` (metrics labels stay bounded). */
function knownVersion(targets: AdmissionTargets, apiVersion: string, kind: string): string {
  const target = targets.forObject(apiVersion, kind);
  return target && servedVersions(target.crd).includes(apiVersion.slice(apiVersion.lastIndexOf('/') + 1)) ? apiVersion : 'other';
}

function parseRequest(body: unknown): { uid: string; desiredAPIVersion: string; objects: KubeObject[] } {
  const bad = (what: string) => new OrkError('WEBHOOK_REQUEST_INVALID', `not a ConversionReview v1 request: ${what}`);
  if (!isObject(body) || body.kind !== 'ConversionReview' || body.apiVersion !== CONVERSION_API_VERSION) throw bad(`expected apiVersion ${CONVERSION_API_VERSION}, kind ConversionReview`);
  const r = body.request;
  if (!isObject(r) || typeof r.uid !== 'string' || r.uid === '') throw bad('request.uid is missing');
  if (typeof r.desiredAPIVersion !== 'string' || r.desiredAPIVersion === '') throw bad('request.desiredAPIVersion is missing');
  if (!Array.isArray(r.objects)) throw bad('request.objects is missing');
  r.objects.forEach((o, i) => {
    if (!isObject(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isObject(o.metadata)) throw bad(`request.objects[${i}] has no apiVersion, kind or metadata`);
  });
  return { uid: r.uid, desiredAPIVersion: r.desiredAPIVersion, objects: r.objects as KubeObject[] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
