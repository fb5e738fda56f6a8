// `custom`: any apiVersion/kind (the escape hatch). Its content is a raw `spec` and/or a `body`
// whose keys become top-level fields (for kinds whose content is not under spec). Upstream's
// `status` is an initial status: never part of the applied object (applying it every reconcile
// would fight the kind's own controller), handed to the controller, which writes it once after it
// creates the child; `hasStatus: false` says never to write it.
import { show } from '../problems.js';
import { toBoolean } from '../typecheck.js';
import type { KindSpec } from './kind.js';

const IDENTITY_KEYS = new Set(['apiVersion', 'kind', 'metadata']);

export const custom: KindSpec = {
  apiVersion: '',
  kind: '',
  fields: ['apiVersion', 'kind', 'spec', 'body', 'status', 'hasStatus'],
  build(ctx) {
    const f = ctx.fields;
    const out: Record<string, unknown> = {};
    const body = f.object('body');
    for (const [key, value] of Object.entries(body ?? {})) {
      if (IDENTITY_KEYS.has(key)) f.error(`body.${key}`, `set ${key} on the entry itself, not in body`);
      else out[key] = structuredClone(value);
    }
    if (f.entry.spec !== undefined) {
      if (out.spec !== undefined) f.error('spec', 'given both as spec and as body.spec; keep one');
      const spec = f.object('spec');
      if (spec) out.spec = structuredClone(spec);
    }
    const status = initialStatus(f);
    if (status) ctx.setInitialStatus(status);
    return out;
  },
};

/** The entry's `status` unless `hasStatus: false` (or it is empty); problems recorded. */
function initialStatus(f: KindContextFields): Record<string, unknown> | undefined {
  let write = true;
  if (f.has('hasStatus')) {
    const r = toBoolean(f.entry.hasStatus);
    if (!r.ok) f.error('hasStatus', r.message);
    else write = r.value;
  }
  const status = f.object('status');
  if (!write || !status || Object.keys(status).length === 0) return undefined;
  return structuredClone(status);
}

type KindContextFields = Parameters<KindSpec['build']>[0]['fields'];

/** The apiVersion and kind a custom entry names, or a problem recorded and undefined. */
export function customIdentity(entry: Record<string, unknown>, error: (key: string, message: string) => void): { apiVersion: string; kind: string } | undefined {
  const { apiVersion, kind } = entry;
  let ok = true;
  if (typeof apiVersion !== 'string' || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
    error('apiVersion', `expected group/version or v1-style version, got ${show(apiVersion)}`);
    ok = false;
  }
  if (typeof kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    error('kind', `expected a kind such as ResourceQuota, got ${show(kind)}`);
    ok = false;
  }
  return ok ? { apiVersion: apiVersion as string, kind: kind as string } : undefined;
}
