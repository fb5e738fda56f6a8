// Upstream's Type coercion notes: asList and asMap accept the native value or YAML/JSON text of
// it (a field that may hold either shape), and give an empty list/map for anything else rather
// than failing; asString encodes non-strings as JSON.
import { parse as parseYaml } from 'yaml';
import { goJson } from '../go-json.js';
import { isMap } from '../values.js';
import { bounded } from './arguments.js';
import { defineNotes } from './define.js';

/** YAML (a superset of JSON) text parsed, or undefined when it does not parse within the limit or
 *  repeats a key (Go's yaml.v3, which upstream uses, refuses duplicate keys too). */
function parsed(text: string, max: number): unknown {
  if (text.length > max) return undefined;
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function asList(v: unknown, max: number): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return [];
  const p = parsed(v, max);
  return Array.isArray(p) ? p : [];
}

function asMap(v: unknown, max: number): Record<string, unknown> {
  if (isMap(v)) return v;
  if (typeof v !== 'string') return {};
  const p = parsed(v, max);
  return isMap(p) ? p : {};
}

export const COERCION_NOTES = defineNotes('Type coercion', [
  [{ name: 'asList', min: 1, sig: 'asList V', summary: 'V when it is a list, the list in V when V is YAML/JSON text of one, else an empty list.', example: '{{ range asList .spec.regions }}{{ . }} {{ end }}' }, (a, env) => asList(a[0], env.maxOutput)],
  [{ name: 'asMap', min: 1, sig: 'asMap V', summary: 'V when it is a map, the map in V when V is YAML/JSON text of one, else an empty map.', example: '{{ (asMap .spec.config).level }}' }, (a, env) => asMap(a[0], env.maxOutput)],
  [
    { name: 'asString', min: 1, sig: 'asString V', summary: 'V when it is a string, else V encoded as JSON (missing is "null", as upstream).', example: '{{ asString .spec.replicas }}' },
    (a, env) => (typeof a[0] === 'string' ? a[0] : bounded(goJson(a[0], env.maxOutput), env.maxOutput)),
  ],
]);
