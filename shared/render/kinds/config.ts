// ConfigMap and Secret. ConfigMap values must be text (numbers and booleans are converted,
// structures refused: embed them with toYaml/toJson). Secret `data` is plain text, as in the Go
// runtime (which sends it as stringData); `stringData` means the same; `encoding: base64`
// (Orkestra-only) says `data` is already base64, as Kubernetes writes it. Either way the text is
// encoded into `data` here, so the desired object is what the API server stores and drift checks
// compare like with like. Copies from another object (fromSecret/fromConfigMap) need a cluster
// read, which the renderer does not make: they are refused with a line saying so.
import { FAILED } from '../templating.js';
import type { KindContext, KindSpec } from './kind.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Upstream recognises these two types; anything else becomes Opaque. */
const SECRET_TYPES: Record<string, string> = { 'kubernetes.io/tls': 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson': 'kubernetes.io/dockerconfigjson' };
const COPY_KEYS = ['fromNamespace', 'toNamespaces'] as const;

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/** fromSecret/fromConfigMap/toNamespaces: accepted and checked, refused at render with what to do. */
function refuseCopy(ctx: KindContext, fromKey: string, kind: string): boolean {
  const f = ctx.fields;
  if (f.has(fromKey)) {
    f.error(fromKey, `copying a ${kind} from the cluster is not supported yet by this runtime (the render reads nothing from the cluster); declare its data instead`);
    return true;
  }
  if (f.has('toNamespaces')) {
    f.error('toNamespaces', `not supported yet: declare one entry per namespace (namespace: ...), or a forEach over the namespaces`);
    return true;
  }
  return false;
}

export const configMap: KindSpec = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  fields: ['data', 'fromConfigMap', ...COPY_KEYS],
  build(ctx) {
    if (refuseCopy(ctx, 'fromConfigMap', 'ConfigMap')) return {};
    return { data: sortedKeys(ctx.fields.textMap('data') ?? {}) };
  },
};

function encodedData(ctx: KindContext): Record<string, string> {
  const f = ctx.fields;
  const data: Record<string, string> = {};
  const base64 = f.oneOf('encoding', ['base64', 'text']) === 'base64';
  if (base64) {
    for (const [key, value] of Object.entries(f.object('data') ?? {})) {
      if (value === FAILED) continue;
      // Never echo the value: it is secret.
      if (typeof value !== 'string' || !BASE64.test(value)) f.problems.error(`${f.path}.data.${key}`, 'expected base64 text (encoding: base64); remove encoding to give plain text');
      else data[key] = value;
    }
  } else {
    for (const [key, value] of Object.entries(f.textMap('data') ?? {})) data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  for (const [key, value] of Object.entries(f.textMap('stringData') ?? {})) {
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  return data;
}

export const secret: KindSpec = {
  apiVersion: 'v1',
  kind: 'Secret',
  fields: ['data', 'stringData', 'encoding', 'once', 'type', 'rotateAfter', 'tls', 'fromSecret', ...COPY_KEYS],
  build(ctx: KindContext) {
    const f = ctx.fields;
    if (refuseCopy(ctx, 'fromSecret', 'Secret')) return {};
    if (f.has('tls')) {
      f.error('tls', 'generating a certificate is not supported yet by this runtime; create the TLS Secret with cert-manager, or give tls.crt and tls.key under data with type kubernetes.io/tls');
      return {};
    }
    if (f.has('rotateAfter')) f.warn('rotateAfter', 'kept; rotation is not made yet by this runtime (issue #14): the Secret is generated once');
    const type = SECRET_TYPES[(f.text('type') ?? '').toLowerCase()] ?? 'Opaque';
    return { type, data: sortedKeys(encodedData(ctx)) };
  },
};
