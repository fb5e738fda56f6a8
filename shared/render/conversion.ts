// Declarative conversion between the versions of one CRD, as the Go runtime's Katalog declares it:
// `conversion{storageVersion, paths[{from, to, spec}]}`. Converting keeps the object and sets the
// desired apiVersion; a declared path replaces `spec` with its `spec` templates, evaluated against
// the source object. Without a direct path the storage version is used as a hub (from → storage →
// to); without any path the identity conversion is allowed only where both versions' schemas are
// the same. Pure.
import { OrkError } from '../errors.js';
import type { CrdEntry } from '../katalog/types.js';
import { RenderBudget } from './budget.js';
import { crRef, Problems } from './problems.js';
import { evaluateDeep, FAILED, type TemplateScope } from './templating.js';
import type { KubeObject } from './types.js';

export interface ConversionPath {
  from: string;
  to: string;
  spec: Record<string, unknown>;
}

export interface ConversionRules {
  storageVersion?: string;
  paths: ConversionPath[];
}

/** The entry's `conversion` block read defensively (the loader keeps it as written). */
export function conversionRulesOf(entry: CrdEntry): ConversionRules {
  const block = entry.conversion;
  const storageVersion = typeof block?.storageVersion === 'string' ? block.storageVersion : undefined;
  const raw = Array.isArray(block?.paths) ? (block.paths as unknown[]) : [];
  const paths = raw.filter(isPath).map((p) => ({ from: p.from, to: p.to, spec: isRecord(p.spec) ? p.spec : {} }));
  return { ...(storageVersion ? { storageVersion } : {}), paths };
}

/** `group/v1` → `v1`; `v1` → `v1`. */
export function versionOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

export interface ConvertInput {
  /** The CRD's name in the Katalog, for messages. */
  crdName: string;
  rules: ConversionRules;
  /** Whether two versions of the CRD have the same schema (identity allowed between them). */
  sameSchema: (a: string, b: string) => boolean;
  object: KubeObject;
  desiredApiVersion: string;
}

/**
 * The object in `desiredApiVersion`.
 * @throws OrkError RENDER_INVALID when no path leads there (naming the path to declare) or a
 *   path's template fails (naming the field).
 */
export function convertObject(input: ConvertInput): KubeObject {
  const from = versionOf(input.object.apiVersion);
  const to = versionOf(input.desiredApiVersion);
  let current = input.object;
  for (const step of routeOf(input, from, to)) current = applyPath(input, current, step);
  return { ...structuredClone(current), apiVersion: input.desiredApiVersion };
}

/** The paths to apply in order; [] for the identity. */
function routeOf(input: ConvertInput, from: string, to: string): ConversionPath[] {
  if (from === to) return [];
  const find = (a: string, b: string) => input.rules.paths.find((p) => p.from === a && p.to === b);
  const direct = find(from, to);
  if (direct) return [direct];
  const hub = input.rules.storageVersion;
  if (hub && hub !== from && hub !== to) {
    const first = find(from, hub) ?? (input.sameSchema(from, hub) ? identity(from, hub) : undefined);
    const second = find(hub, to) ?? (input.sameSchema(hub, to) ? identity(hub, to) : undefined);
    if (first && second) return [first, second];
  }
  if (input.sameSchema(from, to)) return [];
  throw new OrkError('RENDER_INVALID',
    `no conversion path from ${from} to ${to} for CRD ${input.crdName}, and the two versions' schemas differ; ` +
    `declare one under spec.crds.${input.crdName}.conversion.paths (from: ${from}, to: ${to}, spec: the fields in ${to})`);
}

const identity = (from: string, to: string): ConversionPath => ({ from, to, spec: IDENTITY });
const IDENTITY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function applyPath(input: ConvertInput, object: KubeObject, path: ConversionPath): KubeObject {
  if (path.spec === IDENTITY) return object;
  const ref = crRef(object);
  const problems = new Problems(ref);
  const scope: TemplateScope = { data: object, problems, budget: new RenderBudget(ref) };
  const where = `spec.crds.${input.crdName}.conversion.paths[${path.from}→${path.to}].spec`;
  const spec = evaluateDeep(path.spec, scope, where);
  problems.throwIfAny('RENDER_INVALID', `cannot convert from ${path.from} to ${path.to}`);
  return { ...object, apiVersion: `${groupOf(object.apiVersion)}${path.to}`, spec: dropEmpty(path.spec, spec === FAILED ? {} : spec) };
}

/**
 * A template that renders nothing leaves its field out (the Go runtime writes null there, which
 * the API server prunes from a structural schema anyway); a literal "" stays.
 */
function dropEmpty(template: unknown, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => dropEmpty(Array.isArray(template) ? template[i] : undefined, v));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const t = isRecord(template) ? template[k] : undefined;
    if (v === '' && typeof t === 'string' && t.includes('{{')) continue;
    out[k] = dropEmpty(t, v);
  }
  return out;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash + 1);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isPath(v: unknown): v is { from: string; to: string; spec?: unknown } {
  return isRecord(v) && typeof v.from === 'string' && typeof v.to === 'string';
}
