// The container and pod template behind the workload shorthands (image, port, env, …), shared by
// Deployments, StatefulSets, Jobs and CronJobs.
import { dnsSanitize } from '../names.js';
import { FAILED } from '../templating.js';
import { scalarToText } from '../typecheck.js';
import type { KindContext } from './kind.js';

export const CONTAINER_FIELDS = ['image', 'port', 'env', 'envFrom', 'resources', 'command', 'args'] as const;

/** Whether the entry uses any shorthand, i.e. expects us to build the pod template. */
export function usesShorthand(ctx: KindContext, keys: readonly string[]): boolean {
  return keys.some((k) => ctx.fields.entry[k] !== undefined);
}

export function buildContainer(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const name = ctx.named ? dnsSanitize(ctx.name) || 'app' : 'app';
  const container: Record<string, unknown> = { name, image: f.text('image', true, ' (or give a raw spec)') };
  const command = f.textList('command');
  if (command) container.command = command;
  const args = f.textList('args');
  if (args) container.args = args;
  const port = f.port('port');
  if (port !== undefined) container.ports = [{ containerPort: port, protocol: 'TCP' }];
  const env = buildEnv(ctx);
  if (env) container.env = env;
  const envFrom = f.list('envFrom');
  if (envFrom) container.envFrom = envFrom;
  const resources = f.object('resources');
  if (resources) container.resources = resources;
  return container;
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

/** A pod template from the shorthands; `labels` are the pod labels (undefined: none). */
export function buildPodTemplate(ctx: KindContext, labels: Record<string, string> | undefined, restartPolicy?: string): Record<string, unknown> {
  const spec: Record<string, unknown> = { containers: [buildContainer(ctx)] };
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  return labels ? { metadata: { labels }, spec } : { spec };
}
