// Upstream's probe shorthand: `probes: {startup, liveness, readiness}`, each `{type, path, port,
// profile, <timings>}` → the container's startupProbe/livenessProbe/readinessProbe. As upstream: type
// http (default when a path is given: an HTTP GET, scheme HTTP) or tcp, the port defaults to the
// container port, timings come from the profile (default `standard`) and any timing given wins.
// Stricter than upstream, which silently leaves a probe out: another type, or neither type nor path,
// or no port at all, is an error naming the field.
import { DEFAULT_PROBE_PROFILE, PROBE_PROFILES, type ProbeTimings } from '../../katalog/builtin-profiles.js';
import { FAILED } from '../templating.js';
import { toInteger } from '../typecheck.js';
import type { KindContext } from './kind.js';
import { preset } from './presets.js';

const PROBES = [['startup', 'startupProbe'], ['liveness', 'livenessProbe'], ['readiness', 'readinessProbe']] as const;
const TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'failureThreshold', 'successThreshold', 'timeoutSeconds'] as const;
const TIMING_MIN: Record<(typeof TIMINGS)[number], number> = { initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 1, successThreshold: 1, timeoutSeconds: 1 };

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The container's probe fields, keyed as Kubernetes names them. */
export function buildProbes(ctx: KindContext, containerPort: number | undefined): Rec {
  const f = ctx.fields;
  const probes = f.object('probes');
  if (!probes) return {};
  const out: Rec = {};
  for (const [key, field] of PROBES) {
    const cfg = probes[key];
    if (cfg === undefined || cfg === null || cfg === FAILED) continue;
    if (!isRecord(cfg)) {
      f.error(`probes.${key}`, 'expected {type, path, port, profile}');
      continue;
    }
    const probe = buildProbe(ctx, `probes.${key}`, cfg, containerPort);
    if (probe) out[field] = probe;
  }
  return out;
}

function buildProbe(ctx: KindContext, at: string, cfg: Rec, containerPort: number | undefined): Rec | undefined {
  const f = ctx.fields;
  const path = typeof cfg.path === 'string' ? cfg.path : undefined;
  const type = cfg.type === undefined || cfg.type === '' ? (path ? 'http' : undefined) : cfg.type;
  if (type !== 'http' && type !== 'tcp') {
    f.error(`${at}.type`, type === undefined ? 'give type: http (with path) or tcp' : `expected http or tcp, got ${JSON.stringify(type)}`);
    return undefined;
  }
  let port = containerPort;
  if (cfg.port !== undefined && cfg.port !== '') {
    const r = toInteger(cfg.port, 1, 65535);
    if (r.ok) port = r.value;
    else f.error(`${at}.port`, r.message);
  }
  if (port === undefined) {
    f.error(`${at}.port`, 'required: the entry has no port: to probe');
    return undefined;
  }
  const timings: ProbeTimings = { ...PROBE_PROFILES[DEFAULT_PROBE_PROFILE]! };
  if (cfg.profile !== undefined) Object.assign(timings, preset(f, `${at}.profile`, 'probes', PROBE_PROFILES, cfg.profile) ?? {});
  for (const key of TIMINGS) {
    if (cfg[key] === undefined || cfg[key] === FAILED) continue;
    const r = toInteger(cfg[key], TIMING_MIN[key], 86_400);
    if (r.ok) timings[key] = r.value;
    else f.error(`${at}.${key}`, r.message);
  }
  const handler = type === 'http' ? { httpGet: { path: path ?? '', port, scheme: 'HTTP' } } : { tcpSocket: { port } };
  return { ...handler, ...timings };
}
