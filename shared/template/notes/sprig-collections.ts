// Sprig's list and dict functions under Sprig's names (dict, list, keys, hasKey, pluck, merge,
// first, last, uniq, has, without, until, untilStep, seq, set, unset, dig, ...). Only maps the
// template itself built (dict, merge, deepCopy) may be changed by set/unset: the CR's own data is
// shared by every template of a reconcile and must stay as read. Sequences are bounded.
import { CallFailure } from '../template-error.js';
import { formatValue } from '../format.js';
import { isMap, isTrue } from '../values.js';
import { intArg, listArg, mapArg, str } from './arguments.js';
import { defineNotes } from './define.js';

const MAX_SEQUENCE = 100_000;
const BIG = Number.MAX_SAFE_INTEGER;

/** Maps this template built, which set/unset may change in place as Sprig's do. */
const OWNED = new WeakSet<object>();

function owned<T extends object>(m: T): T {
  OWNED.add(m);
  return m;
}

function ownMap(v: unknown, fn: string): Record<string, unknown> {
  const m = mapArg(v, 'the map');
  if (!OWNED.has(m)) throw new CallFailure(`${fn} changes only maps made in the template; copy this one first: ${fn} (deepCopy .x) …`);
  return m;
}

function dict(a: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < a.length; i += 2) out[str(a[i])] = i + 1 < a.length ? a[i + 1] : '';
  return owned(out);
}

function deepCopy(v: unknown, depth: number): unknown {
  if (depth > 100) throw new CallFailure('the value is nested too deeply to copy');
  if (Array.isArray(v)) return v.map((x) => deepCopy(x, depth + 1));
  if (isMap(v)) return owned(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCopy(x, depth + 1)])));
  return v;
}

/** dig K1 K2 ... DEFAULT MAP: the value at the key path, or DEFAULT when any step is missing. */
function dig(a: unknown[]): unknown {
  let at: unknown = mapArg(a[a.length - 1], 'the map');
  for (const key of a.slice(0, -2)) {
    if (!isMap(at) || !Object.hasOwn(at, str(key))) return a[a.length - 2];
    at = at[str(key)];
  }
  return at;
}

/** Sprig's comparison for has/uniq/without: scalars by value, lists and maps by printed form. */
function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null) return formatValue(x) === formatValue(y);
  return (x === undefined || x === null) && (y === undefined || y === null);
}

/** Values of `dst` win; maps present in both are merged recursively. */
function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>, depth: number): Record<string, unknown> {
  if (depth > 100) throw new CallFailure('the maps are nested too deeply to merge');
  const out: Record<string, unknown> = { ...dst };
  for (const [k, v] of Object.entries(src)) {
    const have = out[k];
    if (have === undefined || have === null) out[k] = v;
    else if (isMap(have) && isMap(v)) out[k] = mergeInto(have, v, depth + 1);
  }
  return out;
}

function steps(start: number, stop: number, step: number): number[] {
  if (step === 0 || (step > 0 && start >= stop) || (step < 0 && start <= stop)) return [];
  const count = Math.ceil((stop - start) / step);
  if (count > MAX_SEQUENCE) throw new CallFailure(`the sequence would have ${count} items, more than ${MAX_SEQUENCE}`, 'TEMPLATE_LIMIT');
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** Like the seq command: END, START END, or START STEP END, inclusive; as space-separated text. */
function seq(a: unknown[]): string {
  const n = a.map((v, i) => intArg(v, `argument ${i + 1}`, -BIG, BIG));
  const [start, step, end] = n.length === 1 ? [1, 1, n[0] as number] : n.length === 2 ? [n[0] as number, 1, n[1] as number] : (n as [number, number, number]);
  const dir = n.length === 3 ? step : start <= end ? 1 : -1;
  if (dir === 0 || (dir > 0 && start > end) || (dir < 0 && start < end)) return '';
  return steps(start, end + (dir > 0 ? 1 : -1), dir).join(' ');
}

export const SPRIG_COLLECTION_NOTES = defineNotes('Sprig lists and dicts', [
  [{ name: 'dict', min: 0, max: Infinity, sig: 'dict K1 V1 K2 V2...', summary: 'A new map of the key/value arguments; a key without value maps to "".', example: '{{ toJson (dict "app" .metadata.name "tier" "web") }}' }, dict],
  [{ name: 'list', min: 0, max: Infinity, sig: 'list V...', summary: 'A list of the arguments.', example: '{{ join (list "a" "b") "," }}' }, (a) => [...a]],
  [{ name: 'keys', min: 1, max: Infinity, sig: 'keys MAP...', summary: 'The keys of all the maps, sorted (Sprig leaves them unordered).', example: '{{ keys .metadata.labels }}' }, (a) => a.flatMap((m, i) => Object.keys(mapArg(m, `argument ${i + 1}`))).sort()],
  [{ name: 'hasKey', min: 2, sig: 'hasKey MAP KEY', summary: 'Whether MAP has KEY.', example: '{{ if hasKey .metadata.labels "app" }}…{{ end }}' }, (a) => Object.hasOwn(mapArg(a[0], 'the map'), str(a[1]))],
  [{ name: 'pluck', min: 1, max: Infinity, sig: 'pluck KEY MAP...', summary: 'The value at KEY of each map that has it.', example: '{{ pluck "name" .spec.a .spec.b }}' }, (a) => a.slice(1).flatMap((m, i) => {
    const map = mapArg(m, `argument ${i + 2}`);
    return Object.hasOwn(map, str(a[0])) ? [map[str(a[0])]] : [];
  })],
  [{ name: 'merge', min: 1, max: Infinity, sig: 'merge DST SRC...', summary: 'A new map: DST deep-merged with each SRC, earlier values winning.', example: '{{ toJson (merge .spec.labels (dict "app" "web")) }}' }, (a) => owned(a.slice(1).reduce<Record<string, unknown>>((acc, m, i) => mergeInto(acc, mapArg(m, `argument ${i + 2}`), 0), { ...mapArg(a[0], 'argument 1') }))],
  [{ name: 'set', min: 3, sig: 'set MAP KEY V', summary: 'Sets KEY to V in a map made in the template (dict, merge, deepCopy) and returns it.', example: '{{ $_ := set $labels "tier" "web" }}' }, (a) => {
    const m = ownMap(a[0], 'set');
    m[str(a[1])] = a[2];
    return m;
  }],
  [{ name: 'unset', min: 2, sig: 'unset MAP KEY', summary: 'Removes KEY from a map made in the template and returns it.', example: '{{ $_ := unset $labels "tier" }}' }, (a) => {
    const m = ownMap(a[0], 'unset');
    delete m[str(a[1])];
    return m;
  }],
  [{ name: 'deepCopy', min: 1, sig: 'deepCopy V', summary: 'A copy of V that set and unset may change.', example: '{{ $l := deepCopy .metadata.labels }}' }, (a) => deepCopy(a[0], 0)],
  [{ name: 'dig', min: 3, max: Infinity, sig: 'dig KEY... DEFAULT MAP', summary: 'The value at the key path in MAP, or DEFAULT when a key is missing.', example: '{{ dig "resources" "limits" "cpu" "500m" .spec }}' }, dig],
  [{ name: 'append', min: 2, sig: 'append LIST V', summary: 'A new list: LIST with V added at the end.', example: '{{ append .spec.hosts "localhost" }}' }, (a) => [...listArg(a[0], 'the list'), a[1]]],
  [{ name: 'prepend', min: 2, sig: 'prepend LIST V', summary: 'A new list: V, then the items of LIST.', example: '{{ prepend .spec.args "--verbose" }}' }, (a) => [a[1], ...listArg(a[0], 'the list')]],
  [{ name: 'reverse', min: 1, sig: 'reverse LIST', summary: 'A new list with the items in reverse order.', example: '{{ reverse .spec.hosts }}' }, (a) => [...listArg(a[0], 'the list')].reverse()],
  [{ name: 'compact', min: 1, sig: 'compact LIST', summary: 'A new list without empty items (missing, "", 0, false, empty list or map).', example: '{{ compact (list .spec.a .spec.b) }}' }, (a) => listArg(a[0], 'the list').filter((v) => isTrue(v))],
  [{ name: 'sortAlpha', min: 1, sig: 'sortAlpha LIST', summary: 'The items as text, sorted by code point.', example: '{{ sortAlpha (keys .metadata.labels) }}' }, (a) => listArg(a[0], 'the list').map((v) => str(v)).sort()],
  [{ name: 'first', min: 1, sig: 'first LIST', summary: 'The first item, or nothing for an empty list.', example: '{{ first .spec.hosts }}' }, (a) => listArg(a[0], 'the argument')[0]],
  [{ name: 'last', min: 1, sig: 'last LIST', summary: 'The last item, or nothing for an empty list.', example: '{{ last .spec.hosts }}' }, (a) => listArg(a[0], 'the argument').at(-1)],
  [{ name: 'uniq', min: 1, sig: 'uniq LIST', summary: 'LIST without repeated items, first occurrences kept.', example: '{{ uniq (list 1 2 1) }}' }, (a) => listArg(a[0], 'the argument').filter((v, i, all) => all.findIndex((w) => same(v, w)) === i)],
  [{ name: 'has', min: 2, sig: 'has V LIST', summary: 'Whether LIST holds V (Sprig order: the needle first).', example: '{{ if has "b" .spec.flags }}…{{ end }}' }, (a) => listArg(a[1], 'the list').some((v) => same(v, a[0]))],
  [{ name: 'without', min: 1, max: Infinity, sig: 'without LIST V...', summary: 'LIST without any of the given values.', example: '{{ without .spec.hosts "localhost" }}' }, (a) => listArg(a[0], 'the list').filter((v) => !a.slice(1).some((w) => same(v, w)))],
  [{ name: 'until', min: 1, sig: 'until N', summary: 'The integers 0 up to N-1 (down to N+1 for negative N).', example: '{{ range until 3 }}{{ . }}{{ end }}' }, (a) => {
    const n = intArg(a[0], 'the count', -BIG, BIG);
    return steps(0, n, n >= 0 ? 1 : -1);
  }],
  [{ name: 'untilStep', min: 3, sig: 'untilStep START STOP STEP', summary: 'START, START+STEP, … while below STOP (above it for a negative STEP).', example: '{{ untilStep 0 10 2 }}' }, (a) => steps(intArg(a[0], 'the start', -BIG, BIG), intArg(a[1], 'the stop', -BIG, BIG), intArg(a[2], 'the step', -BIG, BIG))],
  [{ name: 'seq', min: 1, max: 3, sig: 'seq [START [STEP]] END', summary: 'Integers START..END inclusive as space-separated text, like the seq command.', example: '{{ seq 3 }}' }, seq],
]);
