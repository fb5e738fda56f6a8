// Service from the shorthands, shaped as upstream builds it: `type` always (ClusterIP by default),
// the selector is the entry's `selector` plus the owner label (always, as upstream), one port whose
// `targetPort` defaults to `port` and whose protocol defaults to TCP (server-side apply on older
// API servers also rejects a port without one). `headless: true` gives `clusterIP: None`
// (upstream's code writes None into `type`, which the API server refuses; this is what it means).
// `target` (Orkestra-only) selects one workload's pods.
import { ownerSelector, selectorLabels } from '../ownership.js';
import type { KindContext, KindSpec } from './kind.js';
import { protocol } from './pods.js';
import { rawSpec } from './raw.js';

const SHORTHANDS = ['port', 'targetPort', 'type', 'selector', 'target', 'headless', 'protocol'] as const;
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;
const NAMED_PORT = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function buildService(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const raw = rawSpec(ctx, SHORTHANDS);
  if (raw) return { spec: withProtocols(raw) };
  if (f.entry.spec !== undefined) return { spec: {} };
  const spec: Record<string, unknown> = { type: f.oneOf('type', SERVICE_TYPES) ?? 'ClusterIP' };
  const headless = f.entry.headless === true || f.entry.headless === 'true';
  if (headless) spec.clusterIP = 'None';
  const explicit = f.textMap('selector');
  const target = f.text('target');
  if (explicit && target !== undefined) f.error('target', 'give either selector or target, not both');
  if (target !== undefined) ctx.requireWorkload(target, `${f.path}.target`);
  spec.selector = target !== undefined ? selectorLabels(ctx.crName, target) : { ...explicit, ...ownerSelector(ctx.crName) };
  const port = f.port('port', true);
  spec.ports = [{ port, targetPort: targetPort(ctx) ?? port, protocol: protocol(ctx) }];
  return { spec };
}

/** A number, a numeric string, or a named container port. */
function targetPort(ctx: KindContext): number | string | undefined {
  const value = ctx.fields.entry.targetPort;
  if (typeof value === 'string' && !/^\s*-?\d+\s*$/.test(value) && value !== '') {
    if (NAMED_PORT.test(value) && /[a-z]/.test(value)) return value;
    ctx.fields.error('targetPort', `expected a port number or a port name, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return ctx.fields.port('targetPort');
}

function withProtocols(spec: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((p) => (p !== null && typeof p === 'object' && !Array.isArray(p) && (p as Record<string, unknown>).protocol === undefined ? { ...p, protocol: 'TCP' } : p));
  }
  return spec;
}

export const service: KindSpec = {
  apiVersion: 'v1',
  kind: 'Service',
  fields: ['spec', ...SHORTHANDS],
  build: buildService,
};
