// Upstream's `external:` calls (preReconcile, its gates, and the phase blocks): what one declared
// call is, read from the Katalog with upstream's defaults (GET, 10 s, any 2xx, continueOnError
// false, no cache), and a call made concrete for one CR: its templates rendered, its when/or
// decided. The controller may only reach what the Katalog names: the scheme, host and port of a
// URL must be written in the Katalog, never rendered from a template (a CR cannot point the
// controller elsewhere); a call whose host is templated loads, and fails without a request. Pure.
import { OrkError } from '../errors.js';
import { parseDuration } from '../katalog/durations.js';
import { EXTERNAL_PROTOCOLS } from '../katalog/external-checks.js';
import type { Condition } from '../katalog/types.js';
import { evaluateGate } from '../render/index.js';
import { executeTemplate } from '../template/index.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Upstream's defaults for one call (pkg/types/external.go). */
export const EXTERNAL_DEFAULTS = { method: 'GET', timeoutMs: 10_000, bodyChars: 4096 } as const;
/** The longest timeout a Katalog may ask for: a call holds a worker while it waits. */
export const MAX_EXTERNAL_TIMEOUT_MS = 60_000;
export { EXTERNAL_PROTOCOLS };
export type ExternalProtocol = (typeof EXTERNAL_PROTOCOLS)[number];

export interface ExternalAuth {
  /** `$NAME` / `NAME` (auth.env, or the older `token: $NAME`) read from the environment. */
  env?: string;
  /** A token written in the Katalog (older `token:` without `$`). */
  literal?: string;
  secretRef?: { name: string; namespace?: string; key: string };
  /** The header to carry it; default Authorization with `Bearer `. */
  header?: string;
}

export interface ExternalCall {
  name: string;
  protocol: ExternalProtocol;
  url: string;
  /** scheme://host[:port] as written in the Katalog: every resolved URL must have this origin. */
  origin: string;
  /** Why the call is never made (its host is rendered from a template); it fails with this. */
  refused?: string;
  method: string;
  body?: string;
  query?: string;
  headers: Record<string, string>;
  timeoutMs: number;
  expectedStatus?: number;
  continueOnError: boolean;
  cacheForMs?: number;
  when?: Condition[];
  or?: Condition[];
  auth?: ExternalAuth;
  /** Where it was declared, for messages: `operatorBox.preReconcile.external[0]`. */
  path: string;
}

/** A call made concrete for one CR; `skip` when its when/or do not hold. */
export type ResolvedCall = { skip: true } | { skip: false; url: string; method: string; headers: Record<string, string>; body?: string };

/**
 * The calls of one `external:` list; `fires.reconcile: false` ones (admission only) and `include:`
 * items are left out.
 * @throws OrkError KATALOG_INVALID naming the call and what to write instead.
 */
export function externalCalls(list: unknown, path: string): ExternalCall[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid(path, 'must be a list of calls');
  const names = new Set<string>();
  const out: ExternalCall[] = [];
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) throw invalid(at, 'must be a mapping with name and url');
    if (isRecord(item.fires) && item.fires.reconcile === false) return;
    // An `include:` item stands for calls in another file, which the resolver does not read yet (ork validate warns).
    if (item.include !== undefined && item.url === undefined) return;
    const call = callOf(item, at);
    if (names.has(call.name)) throw invalid(`${at}.name`, `"${call.name}" is used twice in this list; give each call its own name`);
    names.add(call.name);
    out.push(call);
  });
  return out;
}

function callOf(item: Rec, at: string): ExternalCall {
  const name = text(item.name);
  if (!name) throw invalid(`${at}.name`, 'is required: results are read as .external.<name>');
  const url = text(item.url);
  if (!url) throw invalid(`${at}.url`, 'is required');
  const protocol = (text(item.protocol) ?? 'http') as ExternalProtocol;
  if (!EXTERNAL_PROTOCOLS.includes(protocol)) {
    throw invalid(`${at}.protocol`, `"${String(item.protocol)}" is not made by this runtime (only ${EXTERNAL_PROTOCOLS.join(', ')}); read that system from a Job, or keep this CRD on the Go runtime`);
  }
  const timeout = text(item.timeout);
  const timeoutMs = timeout === undefined ? EXTERNAL_DEFAULTS.timeoutMs : parseDuration(timeout);
  if (timeoutMs === undefined || timeoutMs <= 0 || timeoutMs > MAX_EXTERNAL_TIMEOUT_MS) throw invalid(`${at}.timeout`, `"${timeout}" must be a duration between 1ms and ${MAX_EXTERNAL_TIMEOUT_MS / 1000}s, such as 5s`);
  const cacheFor = text(item.cacheFor);
  const cacheForMs = cacheFor === undefined ? undefined : parseDuration(cacheFor);
  if (cacheFor !== undefined && cacheForMs === undefined) throw invalid(`${at}.cacheFor`, `"${cacheFor}" is not a duration such as 30s`);
  let origin = '';
  let refused: string | undefined;
  try {
    origin = literalOrigin(url, `${at}.url`);
  } catch (e) {
    refused = `${(e as Error).message}; the call is not made`;
  }
  const call: ExternalCall = {
    name, protocol, url, origin, ...(refused ? { refused } : {}),
    method: (text(item.method) ?? EXTERNAL_DEFAULTS.method).toUpperCase(),
    headers: stringMap(item.headers),
    timeoutMs,
    continueOnError: item.continueOnError === true,
    path: at,
  };
  if (text(item.body)) call.body = text(item.body)!;
  if (text(item.query)) call.query = text(item.query)!;
  if (typeof item.expectedStatus === 'number' && item.expectedStatus > 0) call.expectedStatus = item.expectedStatus;
  if (cacheForMs !== undefined) call.cacheForMs = cacheForMs;
  if (Array.isArray(item.when)) call.when = item.when as Condition[];
  const or = Array.isArray(item.or) ? item.or : item.anyOf;
  if (Array.isArray(or)) call.or = or as Condition[];
  const auth = authOf(item);
  if (auth) call.auth = auth;
  return call;
}

function authOf(item: Rec): ExternalAuth | undefined {
  const auth = isRecord(item.auth) ? item.auth : undefined;
  const ref = auth && isRecord(auth.secretRef) ? auth.secretRef : undefined;
  const header = auth ? text(auth.header) : undefined;
  const withHeader = (a: ExternalAuth): ExternalAuth => (header ? { ...a, header } : a);
  if (ref && text(ref.name) && text(ref.key)) {
    return withHeader({ secretRef: { name: text(ref.name)!, key: text(ref.key)!, ...(text(ref.namespace) ? { namespace: text(ref.namespace)! } : {}) } });
  }
  if (auth && text(auth.env)) return withHeader({ env: text(auth.env)!.replace(/^\$\{?|\}$/g, '') });
  const token = text(item.token);
  if (token) return token.startsWith('$') ? { env: token.replace(/^\$\{?|\}$/g, '') } : { literal: token };
  return undefined;
}

/**
 * `scheme://host[:port]` of a URL template, which must be written out: a template before the end
 * of the host would let a CR (or an earlier answer) choose where the controller connects.
 * @throws OrkError KATALOG_INVALID saying what to write instead.
 */
export function literalOrigin(url: string, at: string): string {
  const m = /^(https?):\/\/([^/?#]*)/i.exec(url);
  if (!m) throw invalid(at, `"${url.slice(0, 80)}" must start with http:// or https:// followed by the host, written in the Katalog`);
  const authority = m[2]!;
  if (authority.includes('{{')) throw invalid(at, 'the scheme and host must be written in the Katalog, not rendered from a template; template only the path and query');
  try {
    return new URL(`${m[1]}://${authority}/`).origin;
  } catch {
    throw invalid(at, `"${authority}" is not a host[:port]`);
  }
}

/**
 * The call for this CR: conditions first (a call whose when/or do not hold is skipped), then the
 * URL, query, body and header templates against `data` (the CR with `.external` so far).
 * @throws OrkError TEMPLATE_EXEC when a template fails or the URL leaves the declared origin.
 */
export function resolveCall(call: ExternalCall, data: Rec, about: string): ResolvedCall {
  if (call.refused) throw new OrkError('TEMPLATE_EXEC', call.refused, { retry: 'never' });
  if (call.when !== undefined || call.or !== undefined) {
    const gate = evaluateGate({ ...(call.when ? { when: call.when } : {}), ...(call.or ? { or: call.or } : {}) }, data, call.path, about);
    if (!gate.ok) throw new OrkError('TEMPLATE_EXEC', `${call.path}: its conditions cannot be evaluated: ${gate.problems.join('; ')}`, { retry: 'never' });
    if (!gate.holds) return { skip: true };
  }
  const render = (t: string, field: string) => {
    try {
      return executeTemplate(t, data);
    } catch (e) {
      throw new OrkError('TEMPLATE_EXEC', `${call.path}.${field}: ${e instanceof Error ? e.message : String(e)}`, { retry: 'never', cause: e });
    }
  };
  let url = render(call.url, 'url').trim();
  if (call.protocol === 'prometheus') url = `${url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(render(call.query ?? '', 'query'))}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OrkError('TEMPLATE_EXEC', `${call.path}.url: the rendered URL is not a URL`, { retry: 'never' });
  }
  if (parsed.origin !== call.origin) throw new OrkError('TEMPLATE_EXEC', `${call.path}.url: the rendered URL leaves ${call.origin}, the host the Katalog names; it is not called`, { retry: 'never' });
  const headers = Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k, render(v, `headers.${k}`)]));
  const resolved: ResolvedCall = { skip: false, url, method: call.protocol === 'prometheus' ? 'GET' : call.method, headers };
  if (call.body !== undefined && call.protocol === 'http') resolved.body = render(call.body, 'body');
  return resolved;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

function invalid(path: string, message: string): OrkError {
  return new OrkError('KATALOG_INVALID', `${path}: ${message}`);
}
