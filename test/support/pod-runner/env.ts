// A container's environment as the kubelet and container runtime build it: envFrom, then env
// (values expanded with `$(VAR)` from what is defined so far and the service variables; valueFrom
// results are never expanded), then the service variables and runtime defaults where unset.
// Reads ConfigMaps and Secrets only through the ObjectSource it is given.
import { expandVars, lookupIn } from './expand.js';
import { resolveFieldRef } from './field-ref.js';
import {
  ContainerConfigError, type ConfigMap, type Container, type ObjectSource, type Pod, type PodNetwork, type Secret,
} from './pod-types.js';

/** Names the kubelet accepts from envFrom; others are skipped (it records an event). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export interface EnvContext {
  net: PodNetwork;
  /** KUBERNETES_SERVICE_HOST and friends: fill in only what the pod does not set. */
  serviceEnv: ReadonlyMap<string, string>;
  /** Runtime defaults (PATH, HOSTNAME): also only where the pod does not set them. */
  runtimeEnv: ReadonlyMap<string, string>;
  source: ObjectSource;
}

function decodeSecret(secret: Secret): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(secret.data ?? {})) out.set(k, Buffer.from(v, 'base64').toString('utf8'));
  return out;
}

function configMapData(cm: ConfigMap): Map<string, string> {
  return new Map(Object.entries(cm.data ?? {}));
}

export async function resolveEnv(pod: Pod, container: Container, ctx: EnvContext): Promise<Map<string, string>> {
  const ns = pod.metadata.namespace ?? '';
  const env = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Map<string, string> | undefined;
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = await ctx.source.configMap(name);
      if (!cm && !from.configMapRef.optional) throw new ContainerConfigError(`configmap "${name}" not found`);
      data = cm && configMapData(cm);
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const secret = await ctx.source.secret(name);
      if (!secret && !from.secretRef.optional) throw new ContainerConfigError(`secret "${name}" not found`);
      data = secret && decodeSecret(secret);
    }
    for (const [k, v] of data ?? []) {
      if (ENV_NAME.test(prefix + k)) env.set(prefix + k, v);
    }
  }

  const lookup = lookupIn(env, ctx.serviceEnv);
  for (const v of container.env ?? []) {
    const from = v.valueFrom;
    if (!from) {
      env.set(v.name, expandVars(v.value ?? '', lookup));
    } else if (from.fieldRef) {
      env.set(v.name, resolveFieldRef(pod, from.fieldRef.fieldPath, ctx.net));
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const cm = await ctx.source.configMap(ref.name ?? '');
      if (!cm) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`configmap "${ref.name}" not found`);
      }
      const value = cm.data?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
      }
      env.set(v.name, value);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const secret = await ctx.source.secret(ref.name ?? '');
      if (!secret) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`secret "${ref.name}" not found`);
      }
      const value = decodeSecret(secret).get(ref.key);
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
      }
      env.set(v.name, value);
    } else {
      throw new ContainerConfigError(`pod-runner: env ${v.name}: only value, fieldRef, configMapKeyRef and secretKeyRef are supported`);
    }
  }

  for (const defaults of [ctx.serviceEnv, ctx.runtimeEnv]) {
    for (const [k, v] of defaults) if (!env.has(k)) env.set(k, v);
  }
  return env;
}

/** The service variables pointing at the API server `server` (an https URL). */
export function kubernetesServiceEnv(server: string): Map<string, string> {
  const url = new URL(server);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || '443';
  return new Map([
    ['KUBERNETES_SERVICE_HOST', host],
    ['KUBERNETES_SERVICE_PORT', port],
    ['KUBERNETES_SERVICE_PORT_HTTPS', port],
    ['KUBERNETES_PORT', `tcp://${url.host}`],
  ]);
}

/** command + args with `$(VAR)` expanded from the container's final environment. */
export function expandCommand(container: Container, env: ReadonlyMap<string, string>): { command: string[]; args: string[] } {
  const lookup = lookupIn(env);
  return {
    command: (container.command ?? []).map((s) => expandVars(s, lookup)),
    args: (container.args ?? []).map((s) => expandVars(s, lookup)),
  };
}
