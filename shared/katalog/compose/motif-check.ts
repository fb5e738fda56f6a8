// `kind: Motif` documents: metadata, inputs, resources, status, admission, notes, profiles. A
// Motif cannot run alone; `ork validate` checks it as the CRD entry it would become (resources
// as its onCreate/onReconcile lists, status, admission) through the Katalog checks, with every
// issue moved back to where the Motif wrote it. Pure.
import type { Issue } from '../../errors.js';
import { formatPath, type PathSegment } from '../path.js';
import { schemaIssues } from '../schema.js';
import { semanticIssues } from '../semantic.js';
import type { Locator } from '../yaml-source.js';
import { declaredInputs, undeclaredInputMessage, undeclaredInputReads } from './motif-input-refs.js';
import { parsePath } from './provenance.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const MOTIF_KEYS = ['apiVersion', 'kind', 'metadata', 'inputs', 'resources', 'status', 'admission', 'notes', 'profiles'];
const METADATA_KEYS = ['name', 'version', 'description', 'author', 'license', 'tags'];
const INPUT_KEYS = ['name', 'description', 'required', 'default', 'type'];
const ENTRY: PathSegment[] = ['spec', 'crds', 'motif'];

/**
 * The CRD entry a Motif stands for, to check its parts with the Katalog's own checks. An input
 * written without its dot (`{{ inputs.x }}`) reads as `.inputs.x`, as binding reads it.
 */
export function motifAsKatalog(written: Rec): Rec {
  const motif = dotInputs(written) as Rec;
  const resources = isRecord(motif.resources) ? { ...motif.resources } : {};
  const onCreate = resources.onCreate;
  delete resources.onCreate;
  const box: Rec = {};
  if (onCreate !== undefined) box.onCreate = onCreate;
  if (Object.keys(resources).length > 0) box.onReconcile = resources;
  if (motif.status !== undefined) box.status = motif.status;
  const entry: Rec = { apiTypes: { group: 'motif.orkestra.invalid', version: 'v1', kind: 'Motif', plural: 'motifs' } };
  if (Object.keys(box).length > 0) entry.operatorBox = box;
  if (motif.admission !== undefined) entry.admission = motif.admission;
  const katalog: Rec = { apiVersion: motif.apiVersion, kind: 'Katalog', metadata: { name: 'motif' }, spec: { crds: { motif: entry } } };
  for (const key of ['notes', 'profiles']) if (motif[key] !== undefined) katalog[key] = motif[key];
  return katalog;
}

/** A copy with `inputs.` at the start of a template operand written `.inputs.` (motif-bind replaces both). */
function dotInputs(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('inputs') ? value.replace(/\{\{[^}]*\}\}/g, (action) => action.replace(/(^\{\{-?|[\s(|])inputs\./g, '$1.inputs.')) : value;
  if (Array.isArray(value)) return value.map(dotInputs);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dotInputs(v)]));
}

/** A path in motifAsKatalog's result, back to the Motif's own. */
export function motifPath(path: readonly PathSegment[]): PathSegment[] {
  if (!ENTRY.every((s, i) => path[i] === s)) return [...path];
  const rest = path.slice(ENTRY.length);
  if (rest[0] === 'operatorBox') {
    if (rest[1] === 'onCreate') return ['resources', 'onCreate', ...rest.slice(2)];
    if (rest[1] === 'onReconcile') return ['resources', ...rest.slice(2)];
    return rest.slice(1);
  }
  return rest;
}

/**
 * `imported`: the Motif is checked as a Katalog's import. Upstream's Motif validator (`ork validate`
 * of the Motif) refuses a required input with a default, but its import expands such a Motif, so
 * there it is a warning.
 */
export function motifIssues(motif: Rec, file: string, locate: Locator, imported = false): Issue[] {
  const issues: Issue[] = [];
  const report = (path: PathSegment[], message: string, part: 'key' | 'value' = 'value', severity?: 'warning') =>
    issues.push({ file, ...locate(path, part), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  for (const key of Object.keys(motif)) if (!MOTIF_KEYS.includes(key)) report([key], `unknown key (allowed: ${MOTIF_KEYS.join(', ')})`, 'key');
  const metadata = motif.metadata;
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || metadata.name === '') report(['metadata'], 'a Motif needs metadata.name', 'key');
  else for (const key of Object.keys(metadata)) if (!METADATA_KEYS.includes(key)) report(['metadata', key], `unknown key (allowed: ${METADATA_KEYS.join(', ')})`, 'key');
  inputIssues(motif.inputs, report, imported);
  const name = isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : '?';
  const declared = declaredInputs(motif);
  for (const read of undeclaredInputReads(motif)) report(read.path, undeclaredInputMessage(name, read, declared));
  const katalog = motifAsKatalog(motif);
  const inner = (path: readonly PathSegment[], part?: 'key' | 'value') => locate(motifPath(path), part);
  for (const issue of [...schemaIssues(katalog, file, inner), ...semanticIssues(katalog, file, inner)]) {
    const path = motifPath(parsePath(issue.path ?? ''));
    issues.push({ ...issue, path: formatPath(path) });
  }
  return issues;
}

function inputIssues(inputs: unknown, report: (path: PathSegment[], message: string, part?: 'key' | 'value', severity?: 'warning') => void, imported: boolean): void {
  if (inputs === undefined || inputs === null) return;
  if (!Array.isArray(inputs)) return report(['inputs'], 'inputs: must be a list of {name, description, required, default, type}');
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    if (!isRecord(input) || typeof input.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(input.name)) {
      return report(['inputs', i], 'an input needs a name: a word of letters, digits and _ (templates read it as .inputs.<name>)');
    }
    if (seen.has(input.name)) report(['inputs', i, 'name'], `input "${input.name}" is declared twice`);
    seen.add(input.name);
    for (const key of Object.keys(input)) if (!INPUT_KEYS.includes(key)) report(['inputs', i, key], `unknown key (allowed: ${INPUT_KEYS.join(', ')})`, 'key');
    if (input.required !== undefined && typeof input.required !== 'boolean') report(['inputs', i, 'required'], 'required: must be true or false');
    if (input.default !== undefined && (input.default === null || typeof input.default === 'object')) report(['inputs', i, 'default'], 'default: must be text, a number or a boolean');
    if (input.required === true && input.default !== undefined && input.default !== null && input.default !== '') {
      report(['inputs', i], `input "${input.name}" is required and has a default: with: must give a required input, so its default is never used (remove required: or the default)`, 'value', imported ? 'warning' : undefined);
    }
  });
}
