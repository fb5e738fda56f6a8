// NetworkPolicy from upstream's shorthand fields (podSelector, ingress, egress, policyTypes) or a
// named `profile` — one of upstream's built-in presets (deny-all, deny-all-ingress,
// deny-all-egress, allow-same-namespace, allow-dns-egress); a Katalog's own profile was expanded at
// load. Selectors may be written as upstream does (a map of labels, meaning matchLabels) or as
// Kubernetes does ({matchLabels, matchExpressions}); a numeric port in text becomes a number, as
// upstream sends it. policyTypes follow from the rules given when not listed. `fromNetworkPolicy`
// (in `fromNamespace`, else the CR's, else default) copies another policy's whole spec instead, as
// upstream: read by the controller at reconcile time (controller/reconcile/sources.ts); rules
// written beside it are ignored (a warning). `toNamespaces` is placement.ts's.
import { NETWORK_POLICY_PROFILES } from '../../katalog/builtin-profiles.js';
import { nameProblem, namespaceProblem } from '../names.js';
import { FAILED } from '../templating.js';
import type { KindContext } from './kind.js';
import { preset } from './presets.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const SELECTOR_KEYS = new Set(['matchLabels', 'matchExpressions']);

/** A label selector: Kubernetes' shape kept, upstream's plain label map as matchLabels. */
function selector(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.every((k) => SELECTOR_KEYS.has(k))) return structuredClone(value);
  return { matchLabels: structuredClone(value) };
}

function peer(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Rec = { ...structuredClone(value) };
  for (const key of ['podSelector', 'namespaceSelector']) if (out[key] !== undefined) out[key] = selector(out[key]);
  return out;
}

function port(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Rec = { ...structuredClone(value) };
  if (typeof out.port === 'string' && /^\d+$/.test(out.port)) out.port = Number(out.port);
  return out;
}

/** One ingress (`from`) or egress (`to`) rule with its peers and ports in Kubernetes' shape. */
function rule(value: unknown, peers: 'from' | 'to'): unknown {
  if (!isRecord(value)) return value;
  const out: Rec = { ...value };
  if (Array.isArray(out[peers])) out[peers] = (out[peers] as unknown[]).map(peer);
  if (Array.isArray(out.ports)) out.ports = (out.ports as unknown[]).map(port);
  return structuredClone(out);
}

interface Rules { ingress?: unknown[]; egress?: unknown[]; policyTypes?: string[] }

function givenRules(ctx: KindContext): Rules {
  const f = ctx.fields;
  const out: Rules = {};
  const ingress = f.list('ingress');
  if (ingress) out.ingress = ingress;
  const egress = f.list('egress');
  if (egress) out.egress = egress;
  const types = f.textList('policyTypes');
  if (types && types.length > 0) out.policyTypes = types;
  return out;
}

export function networkPolicySpec(ctx: KindContext): Rec {
  const f = ctx.fields;
  if (copied(ctx)) return { podSelector: {} };
  const profile = f.entry.profile;
  const rules: Rules = profile === undefined || profile === FAILED ? givenRules(ctx) : preset(f, 'profile', 'networkPolicies', NETWORK_POLICY_PROFILES, profile) ?? {};
  const spec: Rec = { podSelector: selector(f.object('podSelector') ?? {}) };
  if (rules.ingress) spec.ingress = rules.ingress.map((r) => rule(r, 'from'));
  if (rules.egress) spec.egress = rules.egress.map((r) => rule(r, 'to'));
  const derived = [...(rules.ingress ? ['Ingress'] : []), ...(rules.egress ? ['Egress'] : [])];
  spec.policyTypes = rules.policyTypes ? [...rules.policyTypes] : derived.length > 0 ? derived : ['Ingress'];
  return spec;
}

/** `fromNetworkPolicy`: marks the child as a copy of that policy; false when it is none (or invalid, recorded). */
function copied(ctx: KindContext): boolean {
  const f = ctx.fields;
  const from = f.text('fromNetworkPolicy');
  if (from === undefined || from === '') {
    if (f.has('fromNamespace')) f.warn('fromNamespace', 'ignored without fromNetworkPolicy');
    return false;
  }
  const namespace = f.text('fromNamespace') || ctx.crNamespace || 'default';
  const bad = nameProblem(from, 'NetworkPolicy') ?? namespaceProblem(namespace);
  if (bad) {
    f.error(nameProblem(from, 'NetworkPolicy') ? 'fromNetworkPolicy' : 'fromNamespace', bad);
    return true;
  }
  for (const key of ['podSelector', 'ingress', 'egress', 'policyTypes', 'profile']) {
    if (f.has(key)) f.warn(key, 'ignored: fromNetworkPolicy copies the whole spec of its source, as upstream');
  }
  ctx.setSource({ type: 'copy', kind: 'NetworkPolicy', namespace, name: from });
  return true;
}
