// The container and pod template behind the workload shorthands (image, port, env, …), shared by
// Deployments, StatefulSets, ReplicaSets, Pods, Jobs and CronJobs. As upstream, the one container
// is named after the object and the pod template carries the object's labels.
import { FAILED } from '../templating.js';
import { scalarToText } from '../typecheck.js';
import { RESOURCE_PROFILES } from '../../katalog/builtin-profiles.js';
import { buildEnvFrom } from './env-from.js';
import type { KindContext } from './kind.js';
import { preset } from './presets.js';
import { buildProbes } from './probes.js';
import { containerSecurity, podSecurity } from './security.js';

/** Container and pod keys every pod-making kind takes. */
export const CONTAINER_FIELDS = [
  'image', 'port', 'protocol', 'env', 'envFrom', 'resources', 'command', 'args', 'imagePullSecrets', 'nodeSelector',
  'serviceAccountName', 'workingDirectory', 'securityContext', 'podSecurity', 'volumes', 'volumeMounts',
] as const;
/** Kinds with long-running containers also take upstream's `probes` (Jobs and CronJobs do not). */
export const PROBED_CONTAINER_FIELDS = [...CONTAINER_FIELDS, 'probes'] as const;
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** Whether the entry uses any shorthand, i.e. expects us to build the pod template. */
export function usesShorthand(ctx: KindContext, keys: readonly string[]): boolean {
  return keys.some((k) => ctx.fields.entry[k] !== undefined);
}

export function buildContainer(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const container: Record<string, unknown> = { name: ctx.name, image: f.text('image', true, ' (or give a raw spec)') };
  const command = f.textList('command');
  if (command) container.command = command;
  const args = f.textList('args');
  if (args) container.args = args;
  const workingDir = f.text('workingDirectory');
  if (workingDir) container.workingDir = workingDir;
  const port = f.port('port');
  if (port !== undefined) container.ports = [{ containerPort: port, protocol: protocol(ctx) }];
  const env = buildEnv(ctx);
  const envFrom = buildEnvFrom(ctx);
  const allEnv = [...(env ?? []), ...envFrom.env];
  if (allEnv.length > 0) container.env = allEnv;
  if (envFrom.envFrom.length > 0) container.envFrom = envFrom.envFrom;
  const resources = containerResources(ctx);
  if (resources) container.resources = resources;
  Object.assign(container, buildProbes(ctx, port));
  const security = containerSecurity(ctx);
  if (security) container.securityContext = security;
  const mounts = f.list('volumeMounts');
  if (mounts) container.volumeMounts = structuredClone(mounts);
  return container;
}

/** `resources` as given, or a built-in profile's requests/limits with the keys given winning. */
function containerResources(ctx: KindContext): Record<string, unknown> | undefined {
  const f = ctx.fields;
  const resources = f.object('resources');
  if (!resources || resources.profile === undefined) return resources;
  const { profile, ...given } = resources;
  const found = preset(f, 'resources.profile', 'resources', RESOURCE_PROFILES, profile);
  if (!found) return Object.keys(given).length > 0 ? given : undefined;
  const merge = (key: 'requests' | 'limits') => ({ ...found[key], ...(given[key] !== null && typeof given[key] === 'object' ? given[key] as object : {}) });
  return { ...given, requests: merge('requests'), limits: merge('limits') };
}

/** TCP unless the entry names UDP or SCTP (any case), as upstream parses `protocol`. */
export function protocol(ctx: KindContext): string {
  const raw = ctx.fields.text('protocol');
  if (raw === undefined || raw === '') return 'TCP';
  const upper = raw.toUpperCase();
  if ((PROTOCOLS as readonly string[]).includes(upper)) return upper;
  ctx.fields.error('protocol', `expected one of ${PROTOCOLS.join(', ')}, got ${JSON.stringify(raw)}`);
  return 'TCP';
}

/**
 * `env` as Kubernetes writes it (a list of {name, value|valueFrom}) or as a map NAME: value.
 * Values become text: the API server refuses `value: 3`.
 */
function buildEnv(ctx: KindContext): unknown[] | undefined {
  const f = ctx.fields;
  const raw = f.entry.env;
  if (raw === undefined || raw === FAILED) return undefined;
  const path = `${f.path}.env`;
  if (Array.isArray(raw)) {
    return raw.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item) || typeof (item as Record<string, unknown>).name !== 'string') {
        f.problems.error(`${path}[${i}]`, 'expected {name, value} or {name, valueFrom}');
        return item;
      }
      const out = { ...(item as Record<string, unknown>) };
      if (out.value !== undefined && out.value !== FAILED) {
        const r = scalarToText(out.value);
        if (r.ok) out.value = r.value;
        else f.problems.error(`${path}[${i}].value`, r.message);
      }
      return out;
    });
  }
  if (raw !== null && typeof raw === 'object') {
    return Object.entries(raw).map(([name, value]) => {
      if (value === FAILED) return { name };
      const r = scalarToText(value);
      if (!r.ok) f.problems.error(`${path}.${name}`, r.message);
      return { name, value: r.ok ? r.value : '' };
    });
  }
  f.error('env', 'expected a list of {name, value} or a map of NAME: value');
  return undefined;
}

/** `imagePullSecrets` as names or as {name} objects (both spellings upstream's docs show). */
function pullSecrets(ctx: KindContext): { name: string }[] | undefined {
  const list = ctx.fields.list('imagePullSecrets');
  if (!list) return undefined;
  const out: { name: string }[] = [];
  list.forEach((item, i) => {
    const name = typeof item === 'string' ? item : item !== null && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
    if (typeof name === 'string' && name !== '') out.push({ name });
    else if (item !== FAILED) ctx.fields.problems.error(`${ctx.fields.path}.imagePullSecrets[${i}]`, 'expected a Secret name or {name}');
  });
  return out;
}

/** The pod spec around the one container: pull secrets, service account, node selector, security, volumes. */
export function buildPodSpec(ctx: KindContext, restartPolicy?: string): Record<string, unknown> {
  const f = ctx.fields;
  const spec: Record<string, unknown> = {};
  const secrets = pullSecrets(ctx);
  if (secrets && secrets.length > 0) spec.imagePullSecrets = secrets;
  const account = f.text('serviceAccountName');
  if (account) spec.serviceAccountName = account;
  const nodeSelector = f.textMap('nodeSelector');
  if (nodeSelector && Object.keys(nodeSelector).length > 0) spec.nodeSelector = nodeSelector;
  spec.containers = [buildContainer(ctx)];
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  const podContext = podSecurity(ctx);
  if (podContext) spec.securityContext = podContext;
  const volumes = f.list('volumes');
  if (volumes) spec.volumes = structuredClone(volumes);
  return spec;
}

/** A pod template from the shorthands, labelled as upstream labels pods: the object's labels. */
export function buildPodTemplate(ctx: KindContext, restartPolicy?: string): Record<string, unknown> {
  return { metadata: { labels: { ...ctx.podLabels } }, spec: buildPodSpec(ctx, restartPolicy) };
}
