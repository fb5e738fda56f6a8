// Value equality for schema fragments, enum values and defaults: plain JSON with object keys
// sorted (sortedKeysJson), so key order in a file never counts as a change — not the signed
// RFC 8785 form of shared/bundle/canonical-json.ts. Also how values are quoted in messages.
import { isRecord, type Rec } from './read-crd.js';

export function sortedKeysJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return sortedKeysJson(a) === sortedKeysJson(b);
}

/** A value as a message shows it: compact JSON, cut to a readable length. */
export function showValue(value: unknown): string {
  const json = sortedKeysJson(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Up to a few values, then how many more: enums can be long. */
export function showValues(values: unknown[]): string {
  const shown = values.slice(0, 5).map(showValue).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/**
 * A schema with every node's `description` dropped, for "are these schemas the same" questions
 * where wording does not matter. Only schema positions are touched: a property *named*
 * `description` is kept.
 */
export function withoutDescriptions(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const out: Rec = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description') continue;
    if (key === 'properties' && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, withoutDescriptions(child)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = withoutDescriptions(value);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map(withoutDescriptions);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}
