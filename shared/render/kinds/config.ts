// ConfigMap and Secret. ConfigMap values must be text (numbers and booleans are converted,
// structures refused: embed them with toYaml/toJson). Secret `data` is plain text, as in the Go
// runtime (which sends it as stringData); `stringData` means the same; `encoding: base64`
// (Orkestra-only) says `data` is already base64, as Kubernetes writes it. Either way the text is
// encoded into `data` here, so the desired object is what the API server stores and drift checks
// compare like with like. Copies (fromSecret/fromConfigMap, from fromNamespace, else the CR's
// namespace, else `default`, as upstream) and generated certificates (`tls`, tls.ts) need the
// cluster, which the renderer does not read: the child carries a `source` the controller resolves
// at reconcile time, and its declared data here is what overrides the copied keys.
import { nameProblem, namespaceProblem } from '../names.js';
import { FAILED } from '../templating.js';
import type { KindContext, KindSpec } from './kind.js';
import { rotationOf, tlsSecret } from './tls.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Upstream recognises these two types; anything else becomes Opaque. */
const SECRET_TYPES: Record<string, string> = { 'kubernetes.io/tls': 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson': 'kubernetes.io/dockerconfigjson' };
const COPY_KEYS = ['fromNamespace', 'toNamespaces'] as const;

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/**
 * `fromSecret`/`fromConfigMap`: marks the child as a copy of that object, read by the controller.
 * Returns false when the entry is no copy, or when the source's name is not valid (recorded).
 */
function markCopy(ctx: KindContext, fromKey: string, kind: 'Secret' | 'ConfigMap'): boolean {
  const f = ctx.fields;
  const from = f.text(fromKey);
  if (from === undefined || from === '') {
    if (f.has('fromNamespace')) f.warn('fromNamespace', `ignored without ${fromKey}`);
    return false;
  }
  const namespace = f.text('fromNamespace') || ctx.crNamespace || 'default';
  const bad = nameProblem(from, kind) ?? namespaceProblem(namespace);
  if (bad) {
    f.error(nameProblem(from, kind) ? fromKey : 'fromNamespace', bad);
    return false;
  }
  ctx.setSource({ type: 'copy', kind, namespace, name: from });
  return true;
}

export const configMap: KindSpec = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  fields: ['data', 'fromConfigMap', ...COPY_KEYS],
  build(ctx) {
    const data = sortedKeys(ctx.fields.textMap('data') ?? {});
    // A copy without data of its own: the copied keys are all it holds.
    if (markCopy(ctx, 'fromConfigMap', 'ConfigMap') && Object.keys(data).length === 0) return {};
    return { data };
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

/** `rotateAfter` on a `once` Secret (as upstream: without once it has no effect). */
function markRotation(ctx: KindContext): void {
  const f = ctx.fields;
  if (!f.has('rotateAfter')) return;
  const once = f.entry.once === true || f.entry.once === 'true';
  if (!once) {
    f.warn('rotateAfter', 'ignored without once: true (as upstream: a Secret that is not once is rendered again on every reconcile)');
    return;
  }
  const rotation = rotationOf(f);
  if (rotation) ctx.setSource({ type: 'rotate', ...rotation });
}

export const secret: KindSpec = {
  apiVersion: 'v1',
  kind: 'Secret',
  fields: ['data', 'stringData', 'encoding', 'once', 'type', 'rotateAfter', 'tls', 'fromSecret', ...COPY_KEYS],
  build(ctx: KindContext) {
    const f = ctx.fields;
    if (f.has('tls')) {
      if (f.has('fromSecret')) f.error('fromSecret', 'a tls Secret is generated, not copied: remove fromSecret or tls');
      return tlsSecret(ctx);
    }
    const declared = f.text('type');
    const type = SECRET_TYPES[(declared ?? '').toLowerCase()] ?? 'Opaque';
    const data = sortedKeys(encodedData(ctx));
    if (!markCopy(ctx, 'fromSecret', 'Secret')) {
      markRotation(ctx);
      return { type, data };
    }
    if (f.has('rotateAfter')) f.warn('rotateAfter', 'ignored on a copy: it follows its source');
    // A copy takes the source's type unless the entry names one (tls.ts: docs/katalog-compat.md).
    return { ...(declared ? { type } : {}), ...(Object.keys(data).length > 0 ? { data } : {}) };
  },
};
