// Checks a CustomResourceDefinition given inline (`crd:`) or by `crdFile:` before it goes into a
// bundle: apiextensions.k8s.io/v1, named `<plural>.<group>`, one storage version, and a structural
// schema (every node typed unless it opts out), as the API server would demand — so a bad CRD fails
// at `ork validate`, not at apply time. Also reads the API types a CRD defines. Pure.
import type { Issue } from '../errors.js';
import { joinPath, type PathSegment } from './path.js';
import type { ApiTypes } from './types.js';
import type { Position } from './yaml-source.js';

export interface CrdWhere {
  file: string;
  /** Path of the manifest itself, e.g. `spec.crds.website.crd` (empty for a CRD file). */
  path: string;
  line?: number;
  col?: number;
}

/** Positions inside the manifest, relative to it; when absent every issue gets `where`'s position. */
export type LocateWithin = (path: readonly PathSegment[], part?: 'key' | 'value') => Position;

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const OPT_OUTS = ['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields'];
const SCHEMA_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

type Report = (path: PathSegment[], message: string, part?: 'key' | 'value') => void;

/** Every issue of a CRD manifest, in document order, each at its own path. */
export function validateCrdManifest(obj: unknown, where: CrdWhere, locateWithin?: LocateWithin): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (path, message, part = 'value') => {
    const pos = locateWithin ? locateWithin(path, part) : where.line !== undefined ? { line: where.line, col: where.col ?? 1 } : {};
    issues.push({ file: where.file, ...pos, path: joinPath(where.path, path), message });
  };
  if (!isRecord(obj)) {
    report([], 'expected a CustomResourceDefinition manifest (a mapping)');
    return issues;
  }
  if (obj.apiVersion !== CRD_API_VERSION) {
    report(['apiVersion'], `must be "${CRD_API_VERSION}" (got ${show(obj.apiVersion)}); convert older CRDs to v1`);
  }
  if (obj.kind !== 'CustomResourceDefinition') report(['kind'], `must be "CustomResourceDefinition" (got ${show(obj.kind)})`);
  const spec = obj.spec;
  if (!isRecord(spec)) {
    report([], 'missing required key "spec"', 'key');
    return issues;
  }
  checkNames(spec, isRecord(obj.metadata) ? obj.metadata : undefined, report);
  checkVersions(spec.versions, report);
  return issues;
}

/** spec.group, spec.names, spec.scope, and metadata.name as `<plural>.<group>`. */
function checkNames(spec: Rec, metadata: Rec | undefined, report: Report): void {
  const group = spec.group;
  if (typeof group !== 'string' || group === '') report(['spec', 'group'], 'missing or empty spec.group');
  const names = isRecord(spec.names) ? spec.names : undefined;
  if (!names) report(['spec'], 'missing required key "names"', 'key');
  const plural = names?.plural;
  if (names && (typeof plural !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(plural))) {
    report(['spec', 'names', 'plural'], `expected a lower-case plural name, got ${show(plural)}`);
  }
  if (names && (typeof names.kind !== 'string' || names.kind === '')) report(['spec', 'names', 'kind'], `expected the kind name, got ${show(names.kind)}`);
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    report(['spec', 'scope'], `must be one of: Namespaced, Cluster (got ${show(spec.scope)})`);
  }
  if (typeof plural === 'string' && typeof group === 'string') {
    const expected = `${plural}.${group}`;
    if (metadata?.name !== expected) report(['metadata', 'name'], `must be "${expected}" (<plural>.<group>), got ${show(metadata?.name)}`);
  }
}

/** spec.versions: each named, served and stored as booleans, with a structural schema; one storage version. */
function checkVersions(versions: unknown, report: Report): void {
  if (!Array.isArray(versions) || versions.length === 0) {
    report(['spec', 'versions'], 'expected a non-empty list of versions');
    return;
  }
  versions.forEach((version, i) => checkVersion(version, ['spec', 'versions', i], report));
  const storage = versions.filter((v) => isRecord(v) && v.storage === true).length;
  if (storage !== 1) report(['spec', 'versions'], `exactly one version must have storage: true (found ${storage})`);
}

function checkVersion(version: unknown, at: PathSegment[], report: Report): void {
  if (!isRecord(version)) {
    report(at, 'expected a mapping');
    return;
  }
  if (typeof version.name !== 'string' || version.name === '') report([...at, 'name'], `expected a version name such as v1, got ${show(version.name)}`);
  if (typeof version.served !== 'boolean') report([...at, 'served'], `expected true or false, got ${show(version.served)}`);
  if (typeof version.storage !== 'boolean') report([...at, 'storage'], `expected true or false, got ${show(version.storage)}`);
  const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
  if (!isRecord(schema)) {
    report(at, 'missing schema.openAPIV3Schema: every version needs a structural schema', 'key');
    return;
  }
  const root: PathSegment[] = [...at, 'schema', 'openAPIV3Schema'];
  if (schema.type !== 'object') report([...root, 'type'], `the root of a structural schema must have type: object (got ${show(schema.type)})`);
  checkStructural(schema, root, report);
}

/** Every node of a structural schema states its type, unless it opts out of typing explicitly. */
function checkStructural(node: Rec, path: PathSegment[], report: Report): void {
  const optedOut = OPT_OUTS.some((k) => node[k] === true);
  if (node.type === undefined) {
    if (!optedOut) report(path, 'not structural: this schema node has no type (give type:, or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields: true)', 'key');
  } else if (typeof node.type !== 'string' || !SCHEMA_TYPES.has(node.type)) {
    report([...path, 'type'], `expected one of: ${[...SCHEMA_TYPES].join(', ')} (got ${show(node.type)})`);
  }
  if (isRecord(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      if (isRecord(child)) checkStructural(child, [...path, 'properties', name], report);
      else report([...path, 'properties', name], 'expected a schema (a mapping)');
    }
  }
  if (isRecord(node.items)) checkStructural(node.items, [...path, 'items'], report);
  else if (node.items !== undefined) report([...path, 'items'], 'expected one schema (a mapping); lists of item schemas are not structural');
  if (isRecord(node.additionalProperties)) checkStructural(node.additionalProperties, [...path, 'additionalProperties'], report);
}

/** The API types a CRD serves: its group, storage version, kind, plural and scope. */
export function apiTypesOfCrd(obj: unknown): ApiTypes | undefined {
  if (!isRecord(obj) || !isRecord(obj.spec) || !isRecord(obj.spec.names)) return undefined;
  const { group, scope, versions } = obj.spec;
  const { kind, plural } = obj.spec.names;
  const stored = Array.isArray(versions) ? versions.find((v) => isRecord(v) && v.storage === true) : undefined;
  const version = isRecord(stored) ? stored.name : undefined;
  if (typeof group !== 'string' || typeof kind !== 'string' || typeof plural !== 'string' || typeof version !== 'string') return undefined;
  return { group, version, kind, plural, scope: scope === 'Cluster' ? 'Cluster' : 'Namespaced' };
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
