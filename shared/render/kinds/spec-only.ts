// PersistentVolumeClaim, Ingress and NetworkPolicy: upstream's shorthand fields, or a raw spec
// (Orkestra-only) — not both. Defaults as upstream documents them: a claim is ReadWriteOnce, an
// Ingress path is / with pathType Prefix; a NetworkPolicy is built in network-policy.ts.
import type { KindContext, KindSpec } from './kind.js';
import { networkPolicySpec } from './network-policy.js';
import { rawSpec } from './raw.js';

const PVC_SHORTHANDS = ['storage', 'accessModes', 'storageClassName', 'volumeMode', 'volumeName'] as const;
const INGRESS_SHORTHANDS = ['host', 'serviceName', 'servicePort', 'path', 'pathType', 'className', 'tls'] as const;
const NETPOL_SHORTHANDS = ['podSelector', 'ingress', 'egress', 'policyTypes', 'profile', 'fromNetworkPolicy', 'fromNamespace', 'toNamespaces'] as const;

function shorthandOrRaw(ctx: KindContext, keys: readonly string[], build: () => Record<string, unknown>): Record<string, unknown> {
  const raw = rawSpec(ctx, keys);
  if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
  return { spec: build() };
}

function pvcSpec(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const modes = f.textList('accessModes');
  const storage = f.entry.storage;
  const spec: Record<string, unknown> = { accessModes: modes && modes.length > 0 ? modes : ['ReadWriteOnce'] };
  if (typeof storage === 'number' || (typeof storage === 'string' && storage !== '')) spec.resources = { requests: { storage: String(storage) } };
  else f.error('storage', 'required: a quantity such as 10Gi (or give a raw spec)');
  const className = f.text('storageClassName');
  if (className) spec.storageClassName = className;
  const volumeMode = f.oneOf('volumeMode', ['Filesystem', 'Block']);
  if (volumeMode) spec.volumeMode = volumeMode;
  const volumeName = f.text('volumeName');
  if (volumeName) spec.volumeName = volumeName;
  return spec;
}

function ingressSpec(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const serviceName = f.text('serviceName', true, ' (the Service the host routes to)');
  const port = f.port('servicePort', true);
  const path = f.text('path') || '/';
  const pathType = f.oneOf('pathType', ['Prefix', 'Exact', 'ImplementationSpecific']) ?? 'Prefix';
  const rule: Record<string, unknown> = { http: { paths: [{ path, pathType, backend: { service: { name: serviceName, port: { number: port } } } }] } };
  const host = f.text('host');
  if (host) rule.host = host;
  const spec: Record<string, unknown> = {};
  const className = f.text('className');
  if (className) spec.ingressClassName = className;
  spec.rules = [rule];
  const tls = f.object('tls');
  if (tls) {
    const hosts = Array.isArray(tls.hosts) && tls.hosts.length > 0 ? tls.hosts : host ? [host] : [];
    const secretName = typeof tls.secretName === 'string' && tls.secretName !== '' ? tls.secretName : `${ctx.name}-tls`;
    spec.tls = [{ hosts, secretName }];
  }
  return spec;
}

export const persistentVolumeClaim: KindSpec = {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', fields: ['spec', ...PVC_SHORTHANDS],
  build: (ctx) => shorthandOrRaw(ctx, PVC_SHORTHANDS, () => pvcSpec(ctx)),
};
export const ingress: KindSpec = {
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', fields: ['spec', ...INGRESS_SHORTHANDS],
  build: (ctx) => shorthandOrRaw(ctx, INGRESS_SHORTHANDS, () => ingressSpec(ctx)),
};
export const networkPolicy: KindSpec = {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', fields: ['spec', ...NETPOL_SHORTHANDS],
  build: (ctx) => shorthandOrRaw(ctx, NETPOL_SHORTHANDS, () => networkPolicySpec(ctx)),
};
