// Fields the API server sets on every object of a kind that leaves them out (issue #17: memory
// at 10,000 CRs). A cached Deployment carries ≈ a dozen of them — the rollout strategy, history
// and progress limits, the pod template's restart and DNS policies, each container's termination
// message and pull policy — that our children rarely set and nothing reads from the cache but the
// drift check. The child caches drop such a field when it holds exactly the server's value
// (dropServerDefaults), and the drift check reads a field the cached object lacks at one of
// these places as holding that value (satisfiedByDefaults): since the server always sets them, a
// missing one can only be one the cache dropped. Caches whose objects templates read whole keep
// them (crd/child-watch.ts). Pure.
import type { KubeObject } from '../../shared/kube/index.js';
import { exactObject } from '../engine/compact.js';

/** The value the server sets here. */
class Leaf {
  constructor(readonly value: unknown) {}
}

/** The same fields in every element of a list. */
class Each {
  constructor(readonly node: Tree) {}
}

type Tree = { readonly [key: string]: Tree | Leaf | Each };

const container: Tree = {
  terminationMessagePath: new Leaf('/dev/termination-log'),
  terminationMessagePolicy: new Leaf('File'),
  imagePullPolicy: new Leaf('IfNotPresent'),
};

const podTemplate: Tree = {
  metadata: { creationTimestamp: new Leaf(null) },
  spec: {
    containers: new Each(container),
    initContainers: new Each(container),
    restartPolicy: new Leaf('Always'),
    terminationGracePeriodSeconds: new Leaf(30),
    dnsPolicy: new Leaf('ClusterFirst'),
    securityContext: new Leaf({}),
    schedulerName: new Leaf('default-scheduler'),
  },
};

/** Per `apiVersion|kind`: where the server's defaults sit (apps/v1 defaulting, Kubernetes 1.20 and later). */
const DEFAULTS: ReadonlyMap<string, Tree> = new Map([
  ['apps/v1|Deployment', {
    spec: {
      strategy: new Leaf({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }),
      revisionHistoryLimit: new Leaf(10),
      progressDeadlineSeconds: new Leaf(600),
      template: podTemplate,
    },
  }],
]);

export function hasServerDefaults(apiVersion: string, kind: string): boolean {
  return DEFAULTS.has(`${apiVersion}|${kind}`);
}

/**
 * For the child caches: `obj` without the fields that hold the server's default value (objects
 * rebuilt where something goes). `previous`, the version the cache holds: when it is of the same
 * object and generation, its spec is the same spec, already without defaults, and is taken as it
 * is (in place: `obj` was just parsed) — most of a Deployment's updates are its status.
 */
export function dropServerDefaults(obj: KubeObject, previous?: KubeObject): KubeObject {
  const tree = DEFAULTS.get(`${obj.apiVersion}|${obj.kind}`);
  if (tree === undefined) return obj;
  if (previous !== undefined && sameSpec(previous, obj)) {
    obj.spec = previous.spec;
    return obj;
  }
  return pruned(obj, tree) as KubeObject;
}

/** The kinds with defaults here bump metadata.generation on every change of their spec. */
function sameSpec(previous: KubeObject, obj: KubeObject): boolean {
  const [a, b] = [previous.metadata, obj.metadata];
  return typeof a.generation === 'number' && a.generation === b.generation && a.uid === b.uid && a.uid !== undefined && 'spec' in previous && 'spec' in obj;
}

function pruned(value: unknown, node: Tree | Each): unknown {
  if (node instanceof Each) {
    if (!Array.isArray(value)) return value;
    const out = value.map((item) => pruned(item, node.node));
    return out.some((item, i) => item !== value[i]) ? out : value;
  }
  if (!isRecord(value)) return value;
  let changed: Record<string, unknown> | undefined;
  for (const key in node) {
    const was = value[key];
    if (was === undefined) continue;
    const at = node[key]!;
    const next = at instanceof Leaf ? (equalJson(was, at.value) ? DROPPED : was) : pruned(was, at);
    if (next !== was) (changed ??= {})[key] = next;
  }
  if (changed === undefined) return value;
  // Rebuilt as JSON.parse sizes objects: a copy with keys deleted would leave V8's fast mode.
  const keys = Object.keys(value).filter((k) => changed[k] !== DROPPED);
  return exactObject(keys, (k) => (k in changed ? changed[k] : value[k]));
}

const DROPPED = Symbol('dropped');
/** Equal to nothing: semanticSubset compares it strictly. */
const DIFFERS = Symbol('differs from the default');

/**
 * For the drift check: `desired` (an object of `live`'s kind, metadata aside) as compared with a
 * `live` that holds the default wherever it lacks a default's field: such a field goes where the
 * default satisfies the desired value (`subset(desired value, default)`), else it becomes a value
 * equal to nothing. The answer is then the one `live` with its defaults would give.
 */
export function satisfiedByDefaults(desired: Record<string, unknown>, live: KubeObject, subset: (d: unknown, l: unknown) => boolean): Record<string, unknown> {
  const tree = DEFAULTS.get(`${live.apiVersion}|${live.kind}`);
  return tree ? (satisfied(desired, live, tree, subset) as Record<string, unknown>) : desired;
}

function satisfied(desired: unknown, live: unknown, node: Tree | Each, subset: (d: unknown, l: unknown) => boolean): unknown {
  if (node instanceof Each) {
    if (!Array.isArray(desired) || !Array.isArray(live)) return desired;
    const out = desired.map((item, i) => satisfied(item, live[i], node.node, subset));
    return out.some((item, i) => item !== desired[i]) ? out : desired;
  }
  if (!isRecord(desired) || !isRecord(live)) return desired;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(node)) {
    if (!(key in desired)) continue;
    const at = node[key]!;
    if (at instanceof Leaf) {
      if (live[key] !== undefined) continue;
      out ??= { ...desired };
      // Live holds the default: a desired value it satisfies goes; any other must differ, also
      // where it would match a missing field (null, {}, []), as it differs from the default.
      if (subset(desired[key], at.value)) delete out[key];
      else out[key] = DIFFERS;
      continue;
    }
    const next = satisfied(desired[key], live[key], at, subset);
    if (next !== desired[key]) (out ??= { ...desired })[key] = next;
  }
  return out ?? desired;
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equalJson(x, b[i]));
  if (!isRecord(a) || !isRecord(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && equalJson(a[k], b[k]));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
