// The webhook part of a plan: what the webhook would write when it starts with this bundle. Its two
// configurations (only with the install's name, `ork plan --webhook NAME`): the webhooks the bundle
// derives (rules, operations, failurePolicy, fixed settings) against the live ones, field by field,
// leaving out where the API server reaches it and the CA (those belong to the deployment, not the
// bundle). And per multi-version CRD of the bundle, its conversion strategy now → Webhook. Pure.
import type { BundlePayload } from '../bundle/payload.js';
import { AdmissionTargets, needsConversion, registrationFor, type FailurePolicy } from '../admission/index.js';
import type { KubeObject } from '../kube/index.js';
import { diffObjects } from './object-diff.js';
import type { ConversionPlan, WebhookConfigurationPlan, WebhookPlan } from './types.js';

export interface LiveWebhookState {
  /** The live configurations named orkestra-<name> (undefined: absent). */
  validating?: KubeObject;
  mutating?: KubeObject;
  /** Live CRDs by name. */
  crds: ReadonlyMap<string, unknown>;
}

export interface WebhookPlanInput {
  payload: BundlePayload;
  live: LiveWebhookState;
  /** The install's name and failure policy (`ork webhook --name`, `--failure-policy`); absent: configurations not compared. */
  registration?: { name: string; failurePolicy: FailurePolicy };
}

export function planWebhooks(input: WebhookPlanInput): WebhookPlan {
  const targets = new AdmissionTargets(input.payload);
  const conversions: ConversionPlan[] = targets.all.filter(needsConversion).map((t) => {
    const crd = `${t.apiTypes.plural}.${t.apiTypes.group}`;
    const live = input.live.crds.get(crd) as { spec?: { conversion?: { strategy?: unknown } } } | undefined;
    const from = live === undefined ? 'absent' : live.spec?.conversion?.strategy === 'Webhook' ? 'Webhook' : 'None';
    return { crd, from, to: 'Webhook', changes: from !== 'Webhook' };
  });
  const reg = input.registration;
  if (!reg) return { conversions, configurations: [] };
  const desired = registrationFor(targets, { name: reg.name, failurePolicy: reg.failurePolicy, endpoint: { url: 'https://planned.invalid' }, caBundlePem: '' });
  const configurations = [compare(desired.validating, input.live.validating), compare(desired.mutating, input.live.mutating)];
  return { conversions, configurations };
}

function compare(desired: KubeObject, live: KubeObject | undefined): WebhookConfigurationPlan {
  const want = hooksOf(desired);
  const base = { kind: desired.kind as WebhookConfigurationPlan['kind'], name: desired.metadata.name, webhooks: want.map((h) => String(h.name)) };
  if (!live) return { ...base, status: 'new', diff: [] };
  // Only the fields the webhook writes are compared: the API server's defaults (selectors, …) are not changes.
  const have = hooksOf(live).map((h) => project(h, want.find((w) => w.name === h.name)));
  const diff = diffObjects({ webhooks: have }, { webhooks: want });
  return { ...base, status: diff.length > 0 ? 'changed' : 'unchanged', diff };
}

/** The webhooks without their clientConfig (the Service or URL and the CA are the deployment's). */
function hooksOf(config: KubeObject): Record<string, unknown>[] {
  const hooks = Array.isArray(config.webhooks) ? (config.webhooks as Record<string, unknown>[]) : [];
  return hooks.map(({ clientConfig: _c, ...rest }) => rest);
}

function project(live: Record<string, unknown>, desired: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!desired) return live;
  const rules = Array.isArray(live.rules) ? (live.rules as Record<string, unknown>[]).map((r) => pick(r, ['operations', 'apiGroups', 'apiVersions', 'resources', 'scope'])) : live.rules;
  return { ...pick(live, Object.keys(desired)), ...(rules !== undefined ? { rules } : {}) };
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}
