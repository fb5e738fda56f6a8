// Which CRs of its kind an entry reconciles: `labelSelector` (every pair must match the CR's labels)
// and `fieldSelector` (every dotted field must equal its value, e.g. metadata.namespace), as the
// Go runtime reads them. Both become the server-side selectors of the CR informer's list and
// watch, so a CR outside them is never cached, queued or written to. Pure.
import { OrkError } from '../errors.js';
import type { CrdEntry } from './crd-types.js';
import { labelKeyProblem, labelValueProblem } from './label-selector.js';

export interface CrSelectors {
  /** `key=value,…` for the list/watch; absent: every CR. */
  labelSelector?: string;
  /** `path=value,…` for the list/watch; absent: every CR. */
  fieldSelector?: string;
  labels: Record<string, string>;
  fields: Record<string, string>;
}

export const FIELD_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * The entry's CR selectors. Values are static strings (numbers and booleans are written as text).
 * @throws OrkError KATALOG_INVALID naming the key when a label key or value, or a field path,
 *   is not one the API server accepts (it would refuse every list and watch).
 */
export function crSelectorsOf(crdName: string, entry: CrdEntry): CrSelectors {
  const at = `spec.crds.${crdName}`;
  const labels = scalarMap(entry.labelSelector, `${at}.labelSelector`);
  const fields = scalarMap(entry.fieldSelector, `${at}.fieldSelector`);
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) throw invalid(`${at}.labelSelector: ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) throw invalid(`${at}.labelSelector.${key}: ${valueProblem}`);
  }
  for (const key of Object.keys(fields)) {
    if (!FIELD_PATH.test(key)) throw invalid(`${at}.fieldSelector: "${key}" is not a field path; write it dotted, e.g. metadata.namespace`);
  }
  const out: CrSelectors = { labels, fields };
  const labelText = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const fieldText = Object.entries(fields).map(([k, v]) => `${k}=${escapeFieldValue(v)}`).join(',');
  if (labelText) out.labelSelector = labelText;
  if (fieldText) out.fieldSelector = fieldText;
  return out;
}

/** Whether `cr` is one the selectors pick (a missing field reads as ""). */
export function crSelected(cr: { metadata: { labels?: Record<string, string> } }, selectors: CrSelectors): boolean {
  const labels = cr.metadata.labels ?? {};
  if (!Object.entries(selectors.labels).every(([k, v]) => labels[k] === v)) return false;
  return Object.entries(selectors.fields).every(([path, v]) => fieldText(cr, path) === v);
}

function fieldText(obj: unknown, path: string): string {
  let node = obj;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node === undefined || node === null ? '' : String(node);
}

function scalarMap(value: unknown, at: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${at}: give a map of key: value pairs`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw invalid(`${at}.${key}: give a plain value (templates and lists are not read here)`);
    if (typeof v === 'string' && v.includes('{{')) throw invalid(`${at}.${key}: templates are not read in selectors; give the value itself`);
    out[key] = String(v);
  }
  return out;
}

/** The API server reads `\`, `,` and `=` in a field selector value escaped with a backslash. */
function escapeFieldValue(v: string): string {
  return v.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function invalid(message: string): OrkError {
  return new OrkError('KATALOG_INVALID', message);
}
