// Kubernetes object notes: nil-safe readers for metadata, labels, annotations, spec, status,
// owner references and conditions of any object — usually a child as `.children.<kind>` —
// with upstream's names, argument orders and zero values.
import type { FuncDef } from '../func-def.js';
import { formatValue } from '../format.js';
import { CallFailure } from '../template-error.js';
import { asMap, condition, dig, list, section, text, toInt64, type Obj } from './kube-object.js';
import { note, str, type DocLine } from './note.js';

const k8s = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef =>
  note('kubernetes', name, arity, doc, call);
const ONE = [1, 1] as const;
const TWO = [2, 2] as const;

const labels = (obj: unknown): Obj => section(section(obj, 'metadata'), 'labels');
const annotations = (obj: unknown): Obj => section(section(obj, 'metadata'), 'annotations');

function getStatus(obj: unknown, key: string): string {
  const v = section(obj, 'status')[key];
  if (v === undefined || v === null || typeof v === 'object') return '';
  return formatValue(v);
}

function hasStatus(obj: unknown, key: string): boolean {
  const v = section(obj, 'status')[key];
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function labelMatches(obj: unknown, pairs: unknown[]): boolean {
  // An odd count is a non-match, as upstream, rather than an error.
  if (pairs.length % 2 !== 0) return false;
  const have = labels(obj);
  for (let i = 0; i < pairs.length; i += 2) {
    const key = str(pairs[i], i + 2);
    const want = str(pairs[i + 1], i + 3);
    if (typeof have[key] !== 'string' || have[key] !== want) return false;
  }
  return true;
}

function hasCondition(obj: unknown, type: string): boolean {
  return list(section(obj, 'status').conditions).some((c) => asMap(c)?.type === type && asMap(c)?.status === 'True');
}

/** `get OBJ "a" "b" …`: upstream's variadic path; each segment one key (a dot is part of the key). */
function get(args: unknown[]): unknown {
  const path = args.slice(1).map((seg, i) => {
    if (typeof seg !== 'string') throw new CallFailure(`argument ${i + 2} must be a string key, not ${formatValue(seg)}`);
    return seg;
  });
  return dig(args[0], path);
}

function isTerminating(obj: unknown): boolean {
  const ts = section(obj, 'metadata').deletionTimestamp;
  if (ts === undefined || ts === null) return false;
  if (typeof ts === 'string') return ts !== '' && ts !== 'null';
  return true;
}

function exists(obj: unknown): boolean {
  const m = asMap(obj);
  // The renderer puts a placeholder in .children.<kind> for a declared kind not created yet.
  return m !== undefined && m._placeholder !== true;
}

const generation = (obj: unknown): number => toInt64(section(obj, 'metadata').generation);
const observedGeneration = (obj: unknown): number => toInt64(section(obj, 'status').observedGeneration);

function owner(obj: unknown, field: 'kind' | 'name'): string {
  return text(asMap(list(section(obj, 'metadata').ownerReferences)[0])?.[field]);
}

export const KUBERNETES_NOTES: FuncDef[] = [
  k8s('get', [1, Infinity], ['get OBJ KEY...', 'The value at a nested path of keys; nil as soon as a level is missing.', '{{ get .children.deployment "status" "readyReplicas" }}'], get),
  k8s('meta', ONE, ['meta OBJ', 'The metadata map; an empty map when absent.', '{{ index (meta .children.deployment) "resourceVersion" }}'], (a) => section(a[0], 'metadata')),
  k8s('name', ONE, ['name OBJ', 'metadata.name, or "".', '{{ name .children.deployment }}'], (a) => text(section(a[0], 'metadata').name)),
  k8s('namespace', ONE, ['namespace OBJ', 'metadata.namespace, or "".', '{{ namespace .children.deployment }}'], (a) => text(section(a[0], 'metadata').namespace)),
  k8s('labels', ONE, ['labels OBJ', 'The metadata.labels map; an empty map when absent.', '{{ index (labels .children.deployment) "app" }}'], (a) => labels(a[0])),
  k8s('annotations', ONE, ['annotations OBJ', 'The metadata.annotations map; an empty map when absent.', '{{ index (annotations .) "example.com/owner" }}'], (a) => annotations(a[0])),
  k8s('getLabel', TWO, ['getLabel OBJ KEY', 'One label value, or "".', '{{ getLabel . "team" }}'], (a) => text(labels(a[0])[str(a[1], 2)])),
  k8s('getLabelInt', TWO, ['getLabelInt OBJ KEY', 'A label value read as an integer; 0 when absent or not numeric.', '{{ getLabelInt . "replica-count" }}'], (a) => toInt64(labels(a[0])[str(a[1], 2)])),
  k8s('hasLabel', TWO, ['hasLabel OBJ KEY', 'Whether the label is set to a non-empty value.', '{{ hasLabel . "team" }}'], (a) => text(labels(a[0])[str(a[1], 2)]) !== ''),
  k8s('getAnnotation', TWO, ['getAnnotation OBJ KEY', 'One annotation value, or "".', '{{ getAnnotation . "example.com/min" | default "2" }}'], (a) => text(annotations(a[0])[str(a[1], 2)])),
  k8s('getAnnotationInt', TWO, ['getAnnotationInt OBJ KEY', 'An annotation value read as an integer; 0 when absent or not numeric.', '{{ getAnnotationInt . "example.com/min" }}'], (a) => toInt64(annotations(a[0])[str(a[1], 2)])),
  k8s('hasAnnotation', TWO, ['hasAnnotation OBJ KEY', 'Whether the annotation is set to a non-empty value.', '{{ hasAnnotation . "example.com/enabled" }}'], (a) => text(annotations(a[0])[str(a[1], 2)]) !== ''),
  k8s('labelMatches', [1, Infinity], ['labelMatches OBJ KEY VALUE...', 'Whether every key/value pair is among the labels (an odd count never matches).', '{{ labelMatches .children.deployment "app" "web" }}'], (a) => labelMatches(a[0], a.slice(1))),
  k8s('spec', ONE, ['spec OBJ', 'The spec map; an empty map when absent.', '{{ index (spec .children.cronjob) "schedule" }}'], (a) => section(a[0], 'spec')),
  k8s('status', ONE, ['status OBJ', 'The status map; an empty map when absent.', '{{ index (status .children.deployment) "readyReplicas" }}'], (a) => section(a[0], 'status')),
  k8s('getStatus', TWO, ['getStatus OBJ KEY', 'A scalar status field as text; "" when absent or a map or list.', '{{ getStatus .children.deployment "readyReplicas" }}'], (a) => getStatus(a[0], str(a[1], 2))),
  k8s('hasStatus', TWO, ['hasStatus OBJ KEY', 'Whether the status field is present and not empty.', '{{ hasStatus .children.service "loadBalancer" }}'], (a) => hasStatus(a[0], str(a[1], 2))),
  k8s('phase', ONE, ['phase OBJ', 'status.phase, or "".', '{{ phase .children.pod }}'], (a) => text(section(a[0], 'status').phase)),
  k8s('ownerKind', ONE, ['ownerKind OBJ', 'The kind of the first ownerReference, or "".', '{{ ownerKind .children.replicaset }}'], (a) => owner(a[0], 'kind')),
  k8s('ownerName', ONE, ['ownerName OBJ', 'The name of the first ownerReference, or "".', '{{ ownerName .children.replicaset }}'], (a) => owner(a[0], 'name')),
  k8s('hasCondition', TWO, ['hasCondition OBJ TYPE', 'Whether status.conditions has TYPE with status "True".', '{{ hasCondition .children.deployment "Available" }}'], (a) => hasCondition(a[0], str(a[1], 2))),
  k8s('conditionReason', TWO, ['conditionReason OBJ TYPE', 'The reason of condition TYPE, or "".', '{{ conditionReason .children.deployment "Available" }}'], (a) => text(condition(a[0], str(a[1], 2))?.reason)),
  k8s('conditionMessage', TWO, ['conditionMessage OBJ TYPE', 'The message of condition TYPE, or "".', '{{ conditionMessage .children.deployment "Progressing" }}'], (a) => text(condition(a[0], str(a[1], 2))?.message)),
  k8s('resourceExists', ONE, ['resourceExists OBJ', 'Whether OBJ is an object (a child not created yet is not).', '{{ resourceExists .children.secret }}'], (a) => exists(a[0])),
  k8s('isTerminating', ONE, ['isTerminating OBJ', 'Whether metadata.deletionTimestamp is set.', '{{ isTerminating .children.deployment }}'], (a) => isTerminating(a[0])),
  k8s('generation', ONE, ['generation OBJ', 'metadata.generation as an integer; 0 when absent.', '{{ generation .children.deployment }}'], (a) => generation(a[0])),
  k8s('observedGeneration', ONE, ['observedGeneration OBJ', 'status.observedGeneration as an integer; 0 when absent.', '{{ observedGeneration .children.deployment }}'], (a) => observedGeneration(a[0])),
  k8s('isSynced', ONE, ['isSynced OBJ', 'Whether metadata.generation equals status.observedGeneration (true when both are absent).', '{{ isSynced .children.deployment }}'], (a) => generation(a[0]) === observedGeneration(a[0])),
  k8s('resourceCPU', ONE, ['resourceCPU OBJ', 'spec.resources.requests.cpu, or "".', '{{ resourceCPU . | default "100m" }}'], (a) => text(dig(a[0], ['spec', 'resources', 'requests', 'cpu']))),
  k8s('resourceMemory', ONE, ['resourceMemory OBJ', 'spec.resources.requests.memory, or "".', '{{ resourceMemory . | default "128Mi" }}'], (a) => text(dig(a[0], ['spec', 'resources', 'requests', 'memory']))),
];
