// `envFrom` in both spellings: Kubernetes' list of sources (passed through), or upstream's map
// `{secretRef: [refs], configMapRef: [refs]}` where a ref is a name or {name, prefix, suffix,
// optional, keys}. A ref without keys imports the whole object; with keys, each key becomes one
// env var named prefix+key+suffix (Kubernetes cannot rename keys in a blanket import).
import { show } from '../problems.js';
import { FAILED } from '../templating.js';
import type { KindContext } from './kind.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const SOURCES = [
  { key: 'secretRef', keyRef: 'secretKeyRef' },
  { key: 'configMapRef', keyRef: 'configMapKeyRef' },
] as const;

export interface EnvFromResult {
  envFrom: unknown[];
  env: unknown[];
}

export function buildEnvFrom(ctx: KindContext): EnvFromResult {
  const f = ctx.fields;
  const raw = f.entry.envFrom;
  const out: EnvFromResult = { envFrom: [], env: [] };
  if (raw === undefined || raw === null || raw === FAILED) return out;
  if (Array.isArray(raw)) return { envFrom: structuredClone(raw), env: [] };
  if (!isRecord(raw)) {
    f.error('envFrom', `expected {secretRef: [...], configMapRef: [...]} or a list of sources, got ${show(raw)}`);
    return out;
  }
  for (const key of Object.keys(raw)) {
    if (!SOURCES.some((s) => s.key === key)) f.error(`envFrom.${key}`, 'not supported; use secretRef or configMapRef');
  }
  for (const { key, keyRef } of SOURCES) {
    const refs = raw[key];
    if (refs === undefined || refs === null) continue;
    const list = Array.isArray(refs) ? refs : [refs];
    list.forEach((ref, i) => expandRef(ctx, ref, `envFrom.${key}[${i}]`, key, keyRef, out));
  }
  return out;
}

function expandRef(ctx: KindContext, ref: unknown, at: string, key: string, keyRef: string, out: EnvFromResult): void {
  if (ref === FAILED) return;
  const r: Rec = typeof ref === 'string' ? { name: ref } : isRecord(ref) ? ref : {};
  if (typeof r.name !== 'string' || r.name === '') {
    ctx.fields.error(at, `expected a name or {name, prefix, keys}, got ${show(ref)}`);
    return;
  }
  const optional = typeof r.optional === 'boolean' ? { optional: r.optional } : {};
  const prefix = typeof r.prefix === 'string' ? r.prefix : '';
  const suffix = typeof r.suffix === 'string' ? r.suffix : '';
  const keys = Array.isArray(r.keys) ? r.keys.filter((k): k is string => typeof k === 'string') : [];
  if (keys.length === 0) {
    out.envFrom.push({ ...(prefix ? { prefix } : {}), [key]: { name: r.name, ...optional } });
    return;
  }
  for (const k of keys) out.env.push({ name: `${prefix}${k}${suffix}`, valueFrom: { [keyRef]: { name: r.name, key: k, ...optional } } });
}
