// The functions a template may call, by name: Go's builtins, the Sprig-style library and the
// upstream notes by domain. The parser looks names up here, so an unknown function is a syntax
// error with a position. A name defined twice is a programming error and fails at module load.
import { BUILTINS } from './builtins.js';
import type { FuncDef } from './func-def.js';
import { LIBRARY } from './library.js';
import { COERCION_NOTES } from './notes/coercion.js';
import { COLLECTION_NOTES } from './notes/collections.js';
import { CONDITIONAL_NOTES } from './notes/conditional.js';
import { DATA_NOTES } from './notes/data.js';
import { MATH_NOTES } from './notes/math.js';
import { REGEX_NOTES } from './notes/regex.js';
import { SAFE_ACCESS_NOTES } from './notes/safe-access.js';
import { SPRIG_COLLECTION_NOTES } from './notes/sprig-collections.js';
import { SPRIG_CONTROL_NOTES } from './notes/sprig-control.js';
import { SPRIG_STRING_NOTES } from './notes/sprig-strings.js';
import { STRING_NOTES } from './notes/string.js';
import { TYPE_NOTES } from './notes/types.js';
import { CONTAINER_NOTES } from './notes/container.js';
import { CRON_NOTES } from './notes/cron.js';
import { DOMAIN_NOTES } from './notes/domain.js';
import { JOB_NOTES } from './notes/job.js';
import { KUBE_FIELDS_NOTES } from './notes/kube-fields.js';
import { KUBE_VALIDATION_NOTES } from './notes/kube-validation.js';
import { KUBERNETES_NOTES } from './notes/kubernetes.js';
import { NETWORK_NOTES } from './notes/network.js';
import { QUANTITY_NOTES } from './notes/quantity.js';
import { RANDOM_NOTES } from './notes/random.js';
import { REPLICAS_NOTES } from './notes/replicas.js';
import { SEMVER_NOTES } from './notes/semver.js';
import { SERVICE_NOTES } from './notes/service.js';
import { TIME_NOTES } from './notes/time.js';
import { VALIDATION_NOTES } from './notes/validation.js';
import { POD_NOTES } from './notes/pods.js';
import { WARNING_NOTES } from './notes/warnings.js';
import { PVC_NOTES } from './notes/pvc.js';
import { HPA_NOTES } from './notes/hpa.js';
import { INGRESS_NOTES } from './notes/ingress.js';
import { NODE_NOTES } from './notes/node.js';
import { REPLICASET_NOTES, STATEFULSET_NOTES } from './notes/rollout-history.js';
import { PROMETHEUS_NOTES } from './notes/prometheus.js';
import { SERVE_NOTES } from './notes/serve.js';

const ALL: readonly FuncDef[] = [
  ...BUILTINS,
  ...LIBRARY,
  ...STRING_NOTES,
  ...MATH_NOTES,
  ...CONDITIONAL_NOTES,
  ...TYPE_NOTES,
  ...COERCION_NOTES,
  ...DATA_NOTES,
  ...COLLECTION_NOTES,
  ...SAFE_ACCESS_NOTES,
  ...SPRIG_STRING_NOTES,
  ...SPRIG_COLLECTION_NOTES,
  ...SPRIG_CONTROL_NOTES,
  ...REGEX_NOTES,
  ...KUBERNETES_NOTES,
  ...KUBE_FIELDS_NOTES,
  ...REPLICAS_NOTES,
  ...JOB_NOTES,
  ...SERVICE_NOTES,
  ...CONTAINER_NOTES,
  ...POD_NOTES,
  ...WARNING_NOTES,
  ...PVC_NOTES,
  ...STATEFULSET_NOTES,
  ...REPLICASET_NOTES,
  ...HPA_NOTES,
  ...INGRESS_NOTES,
  ...NODE_NOTES,
  ...PROMETHEUS_NOTES,
  ...SERVE_NOTES,
  ...TIME_NOTES,
  ...RANDOM_NOTES,
  ...SEMVER_NOTES,
  ...CRON_NOTES,
  ...NETWORK_NOTES,
  ...DOMAIN_NOTES,
  ...QUANTITY_NOTES,
  ...KUBE_VALIDATION_NOTES,
  ...VALIDATION_NOTES,
];

function byName(defs: readonly FuncDef[]): ReadonlyMap<string, FuncDef> {
  const map = new Map<string, FuncDef>();
  for (const def of defs) {
    if (map.has(def.name)) throw new Error(`template function "${def.name}" is defined twice; remove one definition`);
    map.set(def.name, def);
  }
  return map;
}

const FUNCTIONS = byName(ALL);

export function lookupFunction(name: string): FuncDef | undefined {
  return FUNCTIONS.get(name);
}

/** Every function name, sorted; for messages and documentation. */
export function functionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}

/** Every function definition, in registration order; for the documentation table. */
export function functionTable(): readonly FuncDef[] {
  return ALL;
}

export { byName as indexFunctions };
