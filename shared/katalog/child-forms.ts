// Upstream's own spellings of a few child fields, as its examples write them, rewritten in the YAML
// tree (like older-forms.ts) into the Kubernetes shapes the rest of the loader reads, so later
// problems keep their file:line:col:
//   - labels / annotations as a list of {key, value} (upstream's ResourceLabel) → a mapping;
//   - env as a mapping {NAME: {value | secretKeyRef | configMapKeyRef | valueFrom}} → [{name, …}];
//   - an envFrom item {configMapRef: "<name>"} / {secretRef: "<name>"} → {configMapRef: {name}};
//   - anyOf (the Go structs' yaml name of a condition list's OR form) → or, where no or is given.
// Only under spec.crds of a Katalog or Komposer. Pure: works on the parsed tree it is given.
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** Payloads written as the user wants them (a custom child's spec, a ConfigMap's data, Motif inputs): never rewritten. */
const FREE_FORM = new Set(['spec', 'data', 'stringData', 'with', 'inputs', 'crd', 'openAPIV3Schema']);
const ENV_SOURCES = new Set(['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef']);

const keyOf = (pair: Pair): string | undefined => (isScalar(pair.key) ? String(pair.key.value) : undefined);
const pairOf = (map: YAMLMap, key: string): Pair | undefined => map.items.find((p) => keyOf(p) === key);
const keyed = (key: string, value: unknown, like?: Node | null): Pair => {
  const k = new Scalar(key);
  if (like?.range) k.range = like.range;
  return new Pair(k, value);
};

/** Walks every mapping below `node` (iteratively: depth is bounded by the YAML reader already). */
export function rewriteChildForms(node: unknown): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (isMap(current)) {
      for (const pair of current.items) {
        const key = keyOf(pair);
        if (key !== undefined && FREE_FORM.has(key)) continue;
        if ((key === 'labels' || key === 'annotations') && isSeq(pair.value)) pair.value = keyValueList(pair.value) ?? pair.value;
        else if (key === 'env' && isMap(pair.value)) pair.value = envList(pair.value) ?? pair.value;
        else if (key === 'envFrom' && isSeq(pair.value)) envFromNames(pair.value);
        else if (key === 'anyOf' && isSeq(pair.value) && !pairOf(current, 'or') && isScalar(pair.key)) pair.key.value = 'or';
        stack.push(pair.value);
      }
    } else if (isSeq(current)) {
      stack.push(...current.items);
    }
  }
}

/** `[{key: a, value: b}]` → `{a: b}`; undefined unless every item is exactly that shape. */
function keyValueList(seq: YAMLSeq): YAMLMap | undefined {
  const map = new YAMLMap();
  map.range = seq.range;
  for (const item of seq.items) {
    if (!isMap(item) || item.items.length !== 2) return undefined;
    const key = pairOf(item, 'key');
    const value = pairOf(item, 'value');
    if (!key || !value || !isScalar(key.value)) return undefined;
    map.items.push(keyed(String(key.value.value), value.value, key.value));
  }
  return map;
}

/** `{NAME: {value: v}}` → `[{name: NAME, value: v}]`, a secretKeyRef/configMapKeyRef under valueFrom. */
function envList(map: YAMLMap): YAMLSeq | undefined {
  const seq = new YAMLSeq();
  seq.range = map.range;
  for (const pair of map.items) {
    const name = keyOf(pair);
    if (name === undefined || !isMap(pair.value) || pair.value.items.length !== 1) return undefined;
    const only = pair.value.items[0]!;
    const kind = keyOf(only);
    const item = new YAMLMap();
    item.range = pair.value.range;
    item.items.push(keyed('name', new Scalar(name), pair.key as Node));
    if (kind === 'value' || kind === 'valueFrom') item.items.push(only);
    else if (kind !== undefined && ENV_SOURCES.has(kind)) {
      const from = new YAMLMap();
      from.range = pair.value.range;
      from.items.push(only);
      item.items.push(keyed('valueFrom', from, only.key as Node));
    } else return undefined;
    seq.items.push(item);
  }
  return seq;
}

/** An envFrom item naming its ConfigMap or Secret by a plain string gets Kubernetes' {name}. */
function envFromNames(seq: YAMLSeq): void {
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    for (const ref of ['configMapRef', 'secretRef']) {
      const pair = pairOf(item, ref);
      if (!pair || !isScalar(pair.value)) continue;
      const named = new YAMLMap();
      named.range = pair.value.range;
      named.items.push(keyed('name', pair.value, pair.value));
      pair.value = named;
    }
  }
}
