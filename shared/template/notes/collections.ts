// Upstream's List/Map notes: element and key access that never fails on a missing or wrongly
// typed collection (nil, false, 0 or an empty result instead), plus mapPick/mapOmit. Keys and
// values come out in sorted key order so rendered output is stable.
import { isMap } from '../values.js';
import { sortedEntries, str } from './arguments.js';
import { defineNotes } from './define.js';

function same(a: unknown, b: unknown): boolean {
  return a === b || ((a === undefined || a === null) && (b === undefined || b === null));
}

function pick(m: unknown, keys: unknown[], keep: boolean): Record<string, unknown> {
  if (!isMap(m)) return {};
  const wanted = new Set(keys.flat().map((k) => str(k)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of sortedEntries(m)) if (wanted.has(k) === keep) out[k] = v;
  return out;
}

export const COLLECTION_NOTES = defineNotes('List/Map', [
  [{ name: 'listHas', min: 2, sig: 'listHas LIST V', summary: 'Whether LIST holds V (scalars compared by value); false when LIST is not a list.', example: '{{ listHas .spec.regions "us-east-1" }}' }, (a) => Array.isArray(a[0]) && a[0].some((v) => same(v, a[1]))],
  [
    { name: 'listGet', min: 2, sig: 'listGet LIST I', summary: 'Item I of LIST, or nothing when out of range or not a list.', example: '{{ listGet .spec.regions 0 }}' },
    (a) => (Array.isArray(a[0]) && Number.isInteger(a[1]) ? a[0][a[1] as number] : undefined),
  ],
  [{ name: 'listLen', min: 1, sig: 'listLen LIST', summary: 'Number of items in LIST; 0 when not a list.', example: '{{ listLen .spec.regions }}' }, (a) => (Array.isArray(a[0]) ? a[0].length : 0)],
  [
    { name: 'mapGet', min: 2, sig: 'mapGet MAP KEY', summary: 'The value at KEY, or nothing when MAP is missing or has no KEY.', example: '{{ mapGet .metadata.labels "app" }}' },
    (a) => (isMap(a[0]) && Object.hasOwn(a[0], str(a[1])) ? a[0][str(a[1])] : undefined),
  ],
  [{ name: 'mapKeys', min: 1, sig: 'mapKeys MAP', summary: 'The keys of MAP, sorted; empty when not a map.', example: '{{ join (mapKeys .metadata.labels) ", " }}' }, (a) => (isMap(a[0]) ? Object.keys(a[0]).sort() : [])],
  [{ name: 'mapValues', min: 1, sig: 'mapValues MAP', summary: 'The values of MAP in sorted key order; empty when not a map.', example: '{{ len (mapValues .spec.schedule) }}' }, (a) => (isMap(a[0]) ? sortedEntries(a[0]).map(([, v]) => v) : [])],
  [{ name: 'mapPick', min: 1, max: Infinity, sig: 'mapPick MAP KEY...', summary: 'A copy of MAP with only the given keys (a list of keys also works).', example: '{{ toJson (mapPick .metadata.labels "app" "tier") }}' }, (a) => pick(a[0], a.slice(1), true)],
  [{ name: 'mapOmit', min: 1, max: Infinity, sig: 'mapOmit MAP KEY...', summary: 'A copy of MAP without the given keys (a list of keys also works).', example: '{{ toJson (mapOmit .metadata.labels "pod-template-hash") }}' }, (a) => pick(a[0], a.slice(1), false)],
]);
