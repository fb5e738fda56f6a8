// What the API server must be told so it calls the webhook: a ValidatingWebhookConfiguration and a
// MutatingWebhookConfiguration whose rules name exactly the bundle's CRDs that have rules (their
// group, the Katalog's version — other versions reach the webhook converted to it, matchPolicy
// Equivalent — and their plural; never a wildcard), and for every CRD serving several versions a
// `spec.conversion` pointing at /convert. Derived from the verified bundle alone. Pure.
import type { KubeObject } from '../kube/index.js';
import { MANAGED_LABEL, MANAGED_LABEL_VALUE } from '../katalog/types.js';
import { servedVersions, type AdmissionTarget, type AdmissionTargets } from './targets.js';
import { CRD_DELETE_RULE, LABELLED_DELETE_RULE, PROTECTED_LABEL } from './deletion-protection.js';

export type FailurePolicy = 'Fail' | 'Ignore';
export const FAILURE_POLICIES: readonly FailurePolicy[] = ['Fail', 'Ignore'];
export const WEBHOOK_TIMEOUT_SECONDS = 5;
export const WEBHOOK_PATHS = { validate: '/validate', mutate: '/mutate', convert: '/convert', namespaces: '/namespace-protection' } as const;
const DEFAULT_OPERATIONS = ['CREATE', 'UPDATE'];
const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*']);

/** Where the API server reaches the webhook: a URL (local development) or a Service in the cluster. */
export type WebhookEndpoint = { url: string } | { service: { namespace: string; name: string; port: number } };

export interface RegistrationOptions {
  /** The install's name: configurations are `orkestra-<name>`, webhooks `<kind>.<name>.orkestra.orkspace.io`. */
  name: string;
  endpoint: WebhookEndpoint;
  /** PEM of the CA(s) that signed the serving certificate. */
  caBundlePem: string;
  failurePolicy: FailurePolicy;
  /** Extra annotations on the configurations and the CRDs' conversion patch (cert-manager's `inject-ca-from`). */
  annotations?: Record<string, string>;
}

export interface Registration {
  validating: KubeObject;
  mutating: KubeObject;
  /** Partial CRDs (metadata.name + spec.conversion), one per CRD serving several versions. */
  conversions: KubeObject[];
}

/** The configuration objects' name for an install. */
export const configurationName = (name: string): string => `orkestra-${name}`;

export function registrationFor(targets: AdmissionTargets, options: RegistrationOptions): Registration {
  const annotations = options.annotations && Object.keys(options.annotations).length > 0 ? { annotations: options.annotations } : {};
  const metadata = { name: configurationName(options.name), labels: { [MANAGED_LABEL]: MANAGED_LABEL_VALUE }, ...annotations };
  const withRules = (has: (t: AdmissionTarget) => boolean, switchKey: 'validation' | 'mutation') =>
    targets.all.filter((t) => has(t) && webhookSwitch(t, switchKey));
  const validated = withRules((t) => (t.entry.validation?.rules?.length ?? 0) > 0, 'validation');
  const mutated = withRules((t) => (t.entry.mutation?.rules?.length ?? 0) > 0, 'mutation');
  const webhook = (kind: 'validate' | 'mutate' | 'namespaces', selected: AdmissionTarget[]) => ({
    name: `${kind}.${options.name}.orkestra.orkspace.io`,
    clientConfig: clientConfig(options, WEBHOOK_PATHS[kind]),
    rules: selected.map(ruleFor),
    failurePolicy: options.failurePolicy,
    matchPolicy: 'Equivalent',
    sideEffects: 'None',
    timeoutSeconds: WEBHOOK_TIMEOUT_SECONDS,
    admissionReviewVersions: ['v1'],
    ...(kind === 'mutate' ? { reinvocationPolicy: 'IfNeeded' } : {}),
  });
  // Deletion protection: a webhook of its own on DELETE of the protected CRDs, only when the bundle asks.
  const protectedTargets = targets.all.filter((t) => targets.protects(t));
  const crdRule = targets.all.some((t) => targets.protectedCrd(`${t.apiTypes.plural}.${t.apiTypes.group}`)) ? [CRD_DELETE_RULE] : [];
  const protect = protectedTargets.length + crdRule.length > 0 ? [{
    ...webhook('validate', []),
    name: `protect.${options.name}.orkestra.orkspace.io`,
    rules: [...protectedTargets.map((t) => ({ ...ruleFor(t), operations: ['DELETE'] })), ...crdRule],
    failurePolicy: targets.deletionProtection!.failurePolicy,
  }] : [];
  // The install's own objects (upstream's label on its chart's resources): DELETE of any kind, but
  // only objects carrying the label reach the webhook.
  const own = targets.deletionProtection ? [{
    ...webhook('validate', []),
    name: `protect-labelled.${options.name}.orkestra.orkspace.io`,
    rules: [LABELLED_DELETE_RULE],
    objectSelector: { matchLabels: { [PROTECTED_LABEL]: 'true' } },
    failurePolicy: targets.deletionProtection.failurePolicy,
  }] : [];
  // Namespace protection: CREATE and UPDATE of the CRDs with namespace rules, on a path of its own.
  const fenced = targets.all.filter((t) => targets.namespaceRules(t) !== undefined);
  const namespaces = fenced.length > 0 ? [{
    ...webhook('namespaces', []),
    name: `namespace-protect.${options.name}.orkestra.orkspace.io`,
    rules: fenced.map((t) => ({ ...ruleFor(t), operations: ['CREATE', 'UPDATE'] })),
    failurePolicy: targets.namespaceProtection!.failurePolicy,
  }] : [];
  return {
    validating: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata, webhooks: [...(validated.length > 0 ? [webhook('validate', validated)] : []), ...protect, ...own, ...namespaces] },
    mutating: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata, webhooks: mutated.length > 0 ? [webhook('mutate', mutated)] : [] },
    conversions: targets.all.filter(needsConversion).map((t) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${t.apiTypes.plural}.${t.apiTypes.group}`, ...annotations },
      spec: { conversion: conversionWebhook(options) },
    })),
  };
}

/** `spec.conversion` for a CRD converted by this webhook. */
export function conversionWebhook(options: Pick<RegistrationOptions, 'endpoint' | 'caBundlePem'>): Record<string, unknown> {
  return { strategy: 'Webhook', webhook: { clientConfig: clientConfig(options, WEBHOOK_PATHS.convert), conversionReviewVersions: ['v1'] } };
}

/** A CRD whose manifest serves more than one version needs the conversion webhook. */
export function needsConversion(target: AdmissionTarget): boolean {
  return servedVersions(target.crd).length > 1;
}

function clientConfig(options: Pick<RegistrationOptions, 'endpoint' | 'caBundlePem'>, path: string): Record<string, unknown> {
  const caBundle = Buffer.from(options.caBundlePem).toString('base64');
  const endpoint = options.endpoint;
  if ('url' in endpoint) return { url: `${endpoint.url.replace(/\/+$/, '')}${path}`, caBundle };
  return { service: { ...endpoint.service, path }, caBundle };
}

function ruleFor(t: AdmissionTarget): Record<string, unknown> {
  return {
    operations: operationsOf(t),
    apiGroups: [t.apiTypes.group],
    apiVersions: [t.apiTypes.version],
    resources: [t.apiTypes.plural],
    scope: t.apiTypes.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
  };
}

/** The entry's `webhooks.operations` (upstream default CREATE, UPDATE); unknown words are dropped. */
function operationsOf(t: AdmissionTarget): string[] {
  const declared = t.entry.webhooks?.operations;
  if (!Array.isArray(declared)) return DEFAULT_OPERATIONS;
  const ops = declared.filter((o): o is string => typeof o === 'string' && OPERATIONS.has(o));
  return ops.length > 0 ? ops : DEFAULT_OPERATIONS;
}

/** The entry's per-CRD opt-out: `webhooks.validation: false` / `webhooks.mutation: false`. */
function webhookSwitch(t: AdmissionTarget, key: 'validation' | 'mutation'): boolean {
  return t.entry.webhooks?.[key] !== false;
}
