// Older upstream spellings of a whole Katalog or Komposer that the Go runtime's own examples and docs
// still use, rewritten in the YAML tree before it becomes a value, so every later check reports at
// the place the user wrote and nothing downstream knows the older form was used:
//   - apiVersion orkestra.konductor.io/v1Alpha (the project's former name) is read as orkestra.orkspace.io/v1;
//   - spec.crds written as a list of entries, each with a `name`, is read as the mapping keyed by name;
//   - a bare list under notes: is notes.functions (in a Motif too);
//   - metadata.deprecation (where upstream first put it) is lifecycle.deprecation;
//   - an entry's own `reconciler:` block (children, status and settings; the layout before
//     operatorBox) is read as its operatorBox;
//   - an entry-level `queue: {default, maxQueueDepth}` (the oldest docs) is
//     operatorBox.reconciler.queue {shared, maxDepth};
//   - an entry's `validation:` (or `admission.validation:`) written as a bare list of rules (upstream's
//     komposer-registry example, its usage FAQ) is validation.rules;
//   - an entry's `admission.conversion` (the usage FAQ) is its `conversion` (admission-conversion.ts).
// Upstream's current child field forms (labels as [{key, value}], env as a mapping, …) are read
// by child-forms.ts in the same pass, without a warning (in a Motif's resources too). Each older-form rewrite leaves one warning line saying what to write instead. Documents of any other kind
// (CRDs, CRs, values files) are left alone. Pure: works on the parsed tree it is given.
import { isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Document } from 'yaml';
import { admissionConversion } from './admission-conversion.js';
import { rewriteChildForms } from './child-forms.js';
import schemaDocument from './katalog.schema.json' with { type: 'json' };
import type { PathSegment } from './path.js';

export const OLDER_API_VERSION = 'orkestra.konductor.io/v1Alpha';
const API_VERSION = 'orkestra.orkspace.io/v1';
const DOCUMENT_KINDS = new Set(['Katalog', 'Komposer']);

export interface OlderForm {
  /** Offset in the text of what was rewritten. */
  offset: number;
  path: PathSegment[];
  message: string;
}

const pairOf = (map: YAMLMap, key: string): Pair | undefined => map.items.find((p) => isScalar(p.key) && p.key.value === key);
const offsetOf = (node: unknown): number => (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;

export function rewriteOlderForms(doc: Document.Parsed): OlderForm[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const kind = pairOf(root, 'kind')?.value;
  if (isScalar(kind) && kind.value === 'Motif') {
    rewriteChildForms(pairOf(root, 'resources')?.value);
    return bareNotes(root);
  }
  if (!isScalar(kind) || !DOCUMENT_KINDS.has(String(kind.value))) return [];
  const found: OlderForm[] = anchorHolders(root);
  const apiVersion = pairOf(root, 'apiVersion')?.value;
  if (isScalar(apiVersion) && apiVersion.value === OLDER_API_VERSION) {
    apiVersion.value = API_VERSION;
    found.push({ offset: offsetOf(apiVersion), path: ['apiVersion'], message: `${OLDER_API_VERSION} is the older name of this apiVersion; read as ${API_VERSION} (write that)` });
  }
  found.push(...bareNotes(root));
  found.push(...metadataDeprecation(root));
  const spec = pairOf(root, 'spec')?.value;
  const crdsPair = isMap(spec) ? pairOf(spec, 'crds') : undefined;
  if (crdsPair && isSeq(crdsPair.value) && crdsPair.value.items.length > 0) {
    const asMap = crdListAsMap(crdsPair.value.items);
    if (asMap) {
      found.push({ offset: offsetOf(crdsPair.value), path: ['spec', 'crds'], message: 'a list of entries is the older form of spec.crds; read as a mapping keyed by each entry\'s name (write crds: {<name>: {...}})' });
      crdsPair.value = asMap;
    }
  }
  const crds = crdsPair?.value;
  if (isMap(crds)) for (const entry of crds.items) if (isMap(entry.value)) expandMergeKeys(entry.value, doc);
  rewriteChildForms(crds);
  if (isMap(crds)) {
    for (const entry of crds.items) {
      if (!isScalar(entry.key) || !isMap(entry.value)) continue;
      found.push(...entryReconciler(entry.value, String(entry.key.value)));
      found.push(...phaseLists(entry.value, String(entry.key.value)));
      found.push(...entryQueue(entry.value, String(entry.key.value)));
      found.push(...entryRuleList(entry.value, String(entry.key.value)));
      found.push(...admissionConversion(entry.value, String(entry.key.value)));
    }
  }
  return found;
}

/**
 * Top-level keys of no meaning whose value only defines a YAML anchor (`commonType: &commonType {...}`,
 * upstream's earliest multi-version Katalog; the Go reader ignores unknown top-level keys) are read
 * as part of `anchors:`, which is dropped after parsing; the anchors keep working. Only when the
 * document has no `anchors:` of its own; a key without an anchor stays an unknown key.
 */
function anchorHolders(root: YAMLMap): OlderForm[] {
  if (pairOf(root, 'anchors')) return [];
  const known = new Set(Object.keys((schemaDocument as { properties?: Record<string, unknown> }).properties ?? {}));
  const holders = root.items.filter((p) => isScalar(p.key) && typeof p.key.value === 'string' && !known.has(p.key.value) && typeof (p.value as { anchor?: unknown } | null)?.anchor === 'string');
  if (holders.length === 0) return [];
  const anchors = new YAMLMap();
  anchors.items = holders;
  const at = root.items.indexOf(holders[0]!);
  root.items = root.items.filter((p) => !holders.includes(p));
  root.items.splice(at, 0, new Pair(new Scalar('anchors'), anchors));
  return holders.map((p) => ({ offset: offsetOf(p.key), path: [String((p.key as Scalar).value)], message: 'this top-level key only holds a YAML anchor; read as part of anchors: (move it under anchors:)' }));
}

/** A bare list under notes: (in a Katalog, Komposer or Motif) is notes.functions. */
function bareNotes(root: YAMLMap): OlderForm[] {
  const notes = pairOf(root, 'notes');
  if (!notes || !isSeq(notes.value)) return [];
  const functions = new YAMLMap();
  functions.range = notes.value.range;
  functions.items.push(new Pair(new Scalar('functions'), notes.value));
  const offset = offsetOf(notes.value);
  notes.value = functions;
  return [{ offset, path: ['notes'], message: 'a bare list of notes is the older form; read as notes.functions (write notes: {functions: [...]})' }];
}

/** `[{name: web, ...}, ...]` → `{web: {...}}`, keeping each node (and so its position); undefined when an item has no plain name or a name repeats. */
function crdListAsMap(items: unknown[]): YAMLMap | undefined {
  const map = new YAMLMap();
  const seen = new Set<string>();
  for (const item of items) {
    if (!isMap(item)) return undefined;
    const namePair = pairOf(item, 'name');
    const name = namePair?.value;
    if (!isScalar(name) || typeof name.value !== 'string' || name.value === '' || seen.has(name.value)) return undefined;
    seen.add(name.value);
    const entry = new YAMLMap();
    entry.range = item.range;
    entry.items = item.items.filter((p) => p !== namePair);
    const key = new Scalar(name.value);
    key.range = name.range;
    map.items.push(new Pair(key, entry));
  }
  map.range = (items[0] as YAMLMap).range;
  return map;
}

/**
 * An entry's own `<<: *anchor` merge keys, applied in the tree (copies of the anchored pairs, keeping
 * their positions) so the older forms below see keys that came from an anchor, as upstream's
 * multi-version Katalogs write them (`<<: *commonReconciler` holding a `reconciler:` block). A key
 * written beside the merge wins; of several merged mappings the first wins, as YAML merge says.
 */
function expandMergeKeys(entry: YAMLMap, doc: Document.Parsed): void {
  const merges = entry.items.filter(isMergePair);
  if (merges.length === 0) return;
  const sources = merges.flatMap((p) => (isSeq(p.value) ? p.value.items : [p.value]));
  const maps = sources.map((node) => (isAlias(node) ? node.resolve(doc) : node));
  if (!maps.every((m) => isMap(m))) return;
  const own = new Set(entry.items.filter((p) => !merges.includes(p)).map((p) => (isScalar(p.key) ? p.key.value : undefined)));
  const added: Pair[] = [];
  for (const map of maps as YAMLMap[]) {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key === undefined || isMergePair(pair) || own.has(key)) continue;
      own.add(key);
      added.push(pair.clone() as Pair);
    }
  }
  entry.items = [...added, ...entry.items.filter((p) => !merges.includes(p))];
}

/** `<<:` (the reader gives its key the value Symbol(<<) when merge keys are on). */
function isMergePair(pair: Pair): boolean {
  if (!isScalar(pair.key)) return false;
  const key = pair.key as Scalar & { source?: string };
  return key.value === '<<' || key.source === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

/** An entry's `reconciler:` mapping, when it has no operatorBox, is its operatorBox (the layout before operatorBox existed). */
function entryReconciler(entry: YAMLMap, name: string): OlderForm[] {
  const pair = pairOf(entry, 'reconciler');
  if (!pair || !isMap(pair.value) || pairOf(entry, 'operatorBox') || !isScalar(pair.key)) return [];
  pair.key.value = 'operatorBox';
  return [{ offset: offsetOf(pair.key), path: ['spec', 'crds', name, 'reconciler'], message: 'an entry-level reconciler: block is the older name of operatorBox; read as operatorBox (write that)' }];
}

/**
 * `onCreate:`/`onReconcile:` written as a bare list of `{name, image, replicas, port}` items (the
 * oldest upstream examples, before the per-kind lists) are deployments: read as `{deployments: [...]}`.
 * Only when every item names an image; onDelete keeps its own list meaning (things to delete).
 */
function phaseLists(entry: YAMLMap, name: string): OlderForm[] {
  const box = pairOf(entry, 'operatorBox')?.value;
  if (!isMap(box)) return [];
  const found: OlderForm[] = [];
  for (const phase of ['onCreate', 'onReconcile']) {
    const pair = pairOf(box, phase);
    if (!pair || !isSeq(pair.value) || pair.value.items.length === 0) continue;
    if (!pair.value.items.every((item) => isMap(item) && pairOf(item, 'image'))) continue;
    const map = new YAMLMap();
    map.range = pair.value.range;
    map.items.push(new Pair(new Scalar('deployments'), pair.value));
    found.push({ offset: offsetOf(pair.value), path: ['spec', 'crds', name, 'operatorBox', phase], message: `a bare list under ${phase} is the oldest form; read as ${phase}.deployments (write ${phase}: {deployments: [...]})` });
    pair.value = map;
  }
  return found;
}

const OLDER_QUEUE_KEYS: Record<string, string> = { default: 'shared', maxQueueDepth: 'maxDepth' };

/**
 * An entry-level `queue:` (upstream's oldest docs: `default` = use the shared queue, `maxQueueDepth`)
 * moves to operatorBox.reconciler.queue with today's key names, unless a queue is given there.
 */
function entryQueue(entry: YAMLMap, name: string): OlderForm[] {
  const pair = pairOf(entry, 'queue');
  if (!pair || !isMap(pair.value)) return [];
  let box = pairOf(entry, 'operatorBox');
  if (box && !isMap(box.value)) return [];
  if (!box) {
    box = new Pair(new Scalar('operatorBox'), new YAMLMap());
    entry.items.push(box);
  }
  const boxMap = box.value as YAMLMap;
  let reconciler = pairOf(boxMap, 'reconciler');
  if (reconciler && !isMap(reconciler.value)) return [];
  const reconcile = pairOf(boxMap, 'reconcile')?.value;
  if ((reconciler && pairOf(reconciler.value as YAMLMap, 'queue')) || (isMap(reconcile) && pairOf(reconcile, 'queue'))) return [];
  if (!reconciler) {
    reconciler = new Pair(new Scalar('reconciler'), new YAMLMap());
    boxMap.items.push(reconciler);
  }
  for (const item of pair.value.items) {
    if (isScalar(item.key) && typeof item.key.value === 'string' && OLDER_QUEUE_KEYS[item.key.value]) item.key.value = OLDER_QUEUE_KEYS[item.key.value];
  }
  const found: OlderForm[] = [];
  const degrade = pairOf(pair.value, 'degradeThreshold');
  if (degrade) {
    pair.value.items = pair.value.items.filter((p) => p !== degrade);
    found.push({ offset: offsetOf(degrade.key), path: ['spec', 'crds', name, 'queue', 'degradeThreshold'], message: 'degradeThreshold belongs to the oldest queue form and has no counterpart in the current one; ignored (remove it)' });
  }
  (reconciler.value as YAMLMap).items.push(pair);
  entry.items = entry.items.filter((p) => p !== pair);
  return [{ offset: offsetOf(pair.key), path: ['spec', 'crds', name, 'queue'], message: 'an entry-level queue: {default, maxQueueDepth} is the older form; read as operatorBox.reconciler.queue: {shared, maxDepth} (write that)' }, ...found];
}

/** `metadata.deprecation`, when `lifecycle` gives none, moves to `lifecycle.deprecation` (upstream's later home for it). */
function metadataDeprecation(root: YAMLMap): OlderForm[] {
  const metadata = pairOf(root, 'metadata')?.value;
  const pair = isMap(metadata) ? pairOf(metadata, 'deprecation') : undefined;
  if (!pair || !isMap(metadata)) return [];
  let lifecycle = pairOf(root, 'lifecycle');
  if (lifecycle && !isMap(lifecycle.value)) return [];
  if (lifecycle && pairOf(lifecycle.value as YAMLMap, 'deprecation')) return [];
  if (!lifecycle) {
    const map = new YAMLMap();
    map.range = (pair.value as { range?: [number, number, number] } | null)?.range ?? null;
    lifecycle = new Pair(new Scalar('lifecycle'), map);
    root.items.push(lifecycle);
  }
  (lifecycle.value as YAMLMap).items.push(pair);
  metadata.items = metadata.items.filter((p) => p !== pair);
  return [{ offset: offsetOf(pair.key), path: ['metadata', 'deprecation'], message: 'metadata.deprecation is the older place of lifecycle.deprecation; read as lifecycle.deprecation (write lifecycle: {deprecation: {...}})' }];
}

/**
 * An entry's `validation:` written as a bare list of rules is `validation: {rules: [...]}`; so is
 * `admission.validation:` (the current layout's place, written that way in upstream's usage FAQ).
 */
function entryRuleList(entry: YAMLMap, name: string): OlderForm[] {
  const admission = pairOf(entry, 'admission')?.value;
  const places: Array<[YAMLMap, PathSegment[]]> = [[entry, ['spec', 'crds', name]]];
  if (isMap(admission)) places.push([admission, ['spec', 'crds', name, 'admission']]);
  return places.flatMap(([map, at]) => {
    const pair = pairOf(map, 'validation');
    if (!pair || !isSeq(pair.value)) return [];
    const block = new YAMLMap();
    block.range = pair.value.range;
    block.items.push(new Pair(new Scalar('rules'), pair.value));
    pair.value = block;
    return [{ offset: offsetOf(block), path: [...at, 'validation'], message: 'a bare list of rules is the older form of validation; read as validation.rules (write validation: {rules: [...]})' }];
  });
}
