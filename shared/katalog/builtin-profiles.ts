// The Go runtime's built-in profiles (facts recorded in docs/katalog-compat.md): named presets a
// child may use without declaring them under `profiles:`. A Katalog's own profile of the same name
// wins (expanded at load, normalise.ts); these are the fallback, expanded by the renderer. Names
// match in any case, as upstream's do (probe profiles match exactly there; any case here too).
// LimitRanges have no built-ins upstream: their profiles must be declared. Pure data.

type Quantities = Record<string, string>;

export interface ResourcePreset {
  requests: Quantities;
  limits: Quantities;
}

const rp = (reqCpu: string, reqMem: string, limCpu: string, limMem: string): ResourcePreset => ({
  requests: { cpu: reqCpu, memory: reqMem },
  limits: { cpu: limCpu, memory: limMem },
});

/** `resources.profile` on deployments, statefulSets, replicaSets, pods, jobs, cronJobs. */
export const RESOURCE_PROFILES: Readonly<Record<string, ResourcePreset>> = {
  tiny: rp('25m', '64Mi', '100m', '128Mi'),
  small: rp('100m', '128Mi', '500m', '512Mi'),
  medium: rp('250m', '256Mi', '1', '1Gi'),
  large: rp('500m', '512Mi', '2', '2Gi'),
  burst: rp('200m', '256Mi', '2', '2Gi'),
  steady: rp('300m', '256Mi', '600m', '512Mi'),
  'compute-heavy': rp('1', '512Mi', '2', '1Gi'),
  'memory-heavy': rp('250m', '1Gi', '500m', '2Gi'),
};

export interface ProbeTimings {
  initialDelaySeconds: number;
  periodSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  timeoutSeconds: number;
}

const pt = (initialDelaySeconds: number, periodSeconds: number, failureThreshold: number, timeoutSeconds: number): ProbeTimings =>
  ({ initialDelaySeconds, periodSeconds, failureThreshold, successThreshold: 1, timeoutSeconds });

/** `probes.{startup,liveness,readiness}.profile`; a probe without one gets `standard`'s timings. */
export const PROBE_PROFILES: Readonly<Record<string, ProbeTimings>> = {
  fast: pt(5, 10, 2, 5),
  standard: pt(15, 20, 3, 10),
  patient: pt(30, 30, 5, 10),
  'slow-start': pt(0, 10, 30, 10),
};
export const DEFAULT_PROBE_PROFILE = 'standard';

interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min';
  policies: { type: 'Percent' | 'Pods'; value: number; periodSeconds: number }[];
}

export interface HpaPreset {
  /** Applied only when the entry gives no targetCPUUtilizationPercentage. */
  cpuTarget: number;
  behavior: { scaleUp: ScalingRules; scaleDown: ScalingRules };
}

const pct = (value: number, periodSeconds: number) => ({ type: 'Percent' as const, value, periodSeconds });
const pods = (value: number, periodSeconds: number) => ({ type: 'Pods' as const, value, periodSeconds });
const rules = (stabilizationWindowSeconds: number, selectPolicy: 'Max' | 'Min', ...policies: ScalingRules['policies']): ScalingRules =>
  ({ stabilizationWindowSeconds, selectPolicy, policies });

/** `behavior.profile` on hpa children. */
export const HPA_PROFILES: Readonly<Record<string, HpaPreset>> = {
  web: { cpuTarget: 70, behavior: { scaleUp: rules(0, 'Max', pct(100, 15), pods(4, 15)), scaleDown: rules(300, 'Min', pct(10, 60)) } },
  api: { cpuTarget: 60, behavior: { scaleUp: rules(0, 'Max', pct(100, 15), pods(4, 15)), scaleDown: rules(600, 'Min', pct(5, 60)) } },
  'latency-sensitive': { cpuTarget: 50, behavior: { scaleUp: rules(0, 'Max', pct(200, 15), pods(10, 15)), scaleDown: rules(900, 'Min', pct(5, 120)) } },
  batch: { cpuTarget: 80, behavior: { scaleUp: rules(30, 'Max', pct(100, 60)), scaleDown: rules(120, 'Min', pct(50, 60)) } },
  'cost-optimized': { cpuTarget: 80, behavior: { scaleUp: rules(180, 'Min', pct(25, 60)), scaleDown: rules(60, 'Max', pct(50, 60)) } },
};

/** `behavior.profile` on pdb children: one of minAvailable / maxUnavailable. */
export const PDB_PROFILES: Readonly<Record<string, { minAvailable?: string; maxUnavailable?: string }>> = {
  'zero-downtime': { minAvailable: '100%' },
  rolling: { maxUnavailable: '1' },
  relaxed: { maxUnavailable: '25%' },
};

const quota = (pods: string, cpu: string, memory: string, reqCpu: string, reqMem: string): Quantities =>
  ({ pods, cpu, memory, 'requests.cpu': reqCpu, 'requests.memory': reqMem, 'limits.cpu': cpu, 'limits.memory': memory });

/** `profile` on resourceQuotas children: the `hard` map. */
export const RESOURCE_QUOTA_PROFILES: Readonly<Record<string, Quantities>> = {
  small: quota('10', '2', '4Gi', '1', '2Gi'),
  medium: quota('20', '4', '8Gi', '2', '4Gi'),
  large: quota('50', '8', '16Gi', '4', '8Gi'),
  xlarge: quota('100', '16', '32Gi', '8', '16Gi'),
};

/** `rollingUpdate.profile` on deployments and statefulSets (StatefulSets use maxUnavailable only). */
export const ROLLING_UPDATE_PROFILES: Readonly<Record<string, { maxSurge: string; maxUnavailable: string }>> = {
  safe: { maxSurge: '1', maxUnavailable: '0' },
  fast: { maxSurge: '25%', maxUnavailable: '25%' },
  'blue-green': { maxSurge: '100%', maxUnavailable: '0' },
};

/** `securityContext.profile` on every pod-making child: the container's securityContext. */
export const CONTAINER_SECURITY_PROFILES: Readonly<Record<string, Record<string, unknown>>> = {
  baseline: { allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW'] } },
  restricted: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  hardened: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
};

/** `podSecurity.profile` on every pod-making child: the pod's securityContext. */
export const POD_SECURITY_PROFILES: Readonly<Record<string, Record<string, unknown>>> = {
  baseline: { runAsNonRoot: false },
  restricted: { runAsNonRoot: true, runAsUser: 1000 },
  hardened: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 },
};

/** `profile` on networkPolicies children: the rules and policy types (a list left out is absent). */
export const NETWORK_POLICY_PROFILES: Readonly<Record<string, { ingress?: unknown[]; egress?: unknown[]; policyTypes: string[] }>> = {
  'deny-all': { ingress: [], egress: [], policyTypes: ['Ingress', 'Egress'] },
  'deny-all-ingress': { ingress: [], policyTypes: ['Ingress'] },
  'deny-all-egress': { egress: [], policyTypes: ['Egress'] },
  'allow-same-namespace': { ingress: [{ from: [{ podSelector: {} }] }], policyTypes: ['Ingress'] },
  'allow-dns-egress': { egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }], policyTypes: ['Egress'] },
};

/** A built-in preset by name in any case, or undefined. */
export function builtin<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
