// Plan inputs for the pure tests: one changed CRD (an acknowledged and an unacknowledged breaking
// change, a safe one), a new CRD, RBAC with one missing permission, one CR of each outcome, and a
// changed and a new webhook configuration with one conversion to set.
import type { CrdChange } from '../../../shared/crd-diff/index.js';
import type { PlanInputs, ResourcePlan } from '../../../shared/plan/index.js';

export const change = (id: string, severity: CrdChange['severity'], message = `${id} happened.`): CrdChange => {
  const [version, path, kind] = id.split(':') as [string, string, CrdChange['kind']];
  return { id, severity, version, ...(path ? { path } : {}), kind, message };
};

const acknowledged = change('v1:spec.port:maximum-lowered', 'breaking');
const refused = change('v1:spec.replicas:minimum-raised', 'breaking');
const safe = change('v1:spec.theme:property-added', 'safe');

export const RESOURCES: ResourcePlan[] = [{
  crd: 'website', apiVersion: 'ex.io/v1', kind: 'Website', served: true, planned: 3, truncated: true, more: 5,
  crs: [
    {
      namespace: 'web', name: 'blog', children: [
        { action: 'create', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'blog-config' },
        { action: 'update', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'blog', diff: [
          { path: 'spec.replicas', op: 'changed', old: 2, new: 3 },
          { path: 'spec.paused', op: 'added', new: true },
          { path: 'spec.minReadySeconds', op: 'removed', old: 5 },
        ] },
        { action: 'update', apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 'blog-secret', diff: [{ path: 'data', op: 'changed', secret: true }] },
        { action: 'unchanged', apiVersion: 'v1', kind: 'Service', namespace: 'web', name: 'blog-svc' },
        { action: 'conflict', apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'web', name: 'blog-sa', reason: 'held by another' },
        { action: 'create', apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'web', name: 'blog-pvc', error: 'spec.resources: Required value' },
        { action: 'prune', apiVersion: 'v1', kind: 'Service', namespace: 'web', name: 'blog-public' },
      ],
    },
    { namespace: 'web', name: 'bad', error: { code: 'VALIDATION_DENIED', messages: ['image must have a tag'] }, children: [] },
    { namespace: 'web', name: 'going', skipped: 'being deleted', children: [] },
  ],
}, { crd: 'shop', apiVersion: 'ex.io/v1', kind: 'Shop', served: false, planned: 0, truncated: false, crs: [] }];

export function sampleInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    bundle: { source: 'bundle', digest: `sha256:${'a'.repeat(64)}`, verified: true, katalog: 'shop' },
    server: 'https://127.0.0.1:6443',
    crds: [
      { crd: 'websites.ex.io', entries: ['website'], isNew: false, changes: [acknowledged, refused, safe], refused: [refused], unusedAcknowledgements: ['v1::version-removed'] },
      { crd: 'shops.ex.io', entries: ['shop'], isNew: true, changes: [], refused: [], unusedAcknowledgements: [] },
      { crd: 'carts.ex.io', entries: [], isNew: false, changes: [], refused: [], unusedAcknowledgements: [] },
    ],
    crdsNotInBundle: ['zebras.ex.io', 'olds.ex.io'],
    rbac: {
      subject: { kind: 'serviceAccount', user: 'system:serviceaccount:ops:ork', groups: ['system:serviceaccounts'] },
      checked: [{ verb: 'get', group: '', resource: 'secrets' }, { verb: 'delete', group: '', resource: 'secrets' }, { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ops' }],
      missing: [{ verb: 'delete', group: '', resource: 'secrets' }, { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ops' }],
      unresolved: [{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget' }],
      roleName: 'orkestra-shop',
      serviceAccount: { namespace: 'ops', name: 'ork' },
    },
    resources: RESOURCES,
    refusals: [{ code: 'CRD_BREAKING_CHANGE', message: 'refusing to apply CRDs' }],
    webhooks: {
      configurations: [
        { kind: 'ValidatingWebhookConfiguration', name: 'orkestra-shop', status: 'changed', webhooks: ['validate.shop.orkestra.orkspace.io'], diff: [{ path: 'webhooks[name=validate.shop.orkestra.orkspace.io].rules[0].operations[1]', op: 'added', new: 'UPDATE' }] },
        { kind: 'MutatingWebhookConfiguration', name: 'orkestra-shop', status: 'new', webhooks: ['mutate.shop.orkestra.orkspace.io'], diff: [] },
      ],
      conversions: [{ crd: 'websites.ex.io', from: 'None', to: 'Webhook', changes: true }, { crd: 'shops.ex.io', from: 'Webhook', to: 'Webhook', changes: false }],
    },
    ...overrides,
  };
}

/** Inputs where nothing would change. */
export function quietInputs(): PlanInputs {
  const base = sampleInputs();
  return sampleInputs({
    crds: [{ crd: 'websites.ex.io', entries: ['website'], isNew: false, changes: [], refused: [], unusedAcknowledgements: [] }],
    crdsNotInBundle: [],
    rbac: { ...base.rbac, missing: [], unresolved: [] },
    resources: [{ crd: 'website', apiVersion: 'ex.io/v1', kind: 'Website', served: true, planned: 1, truncated: false, crs: [
      { namespace: 'web', name: 'blog', children: [{ action: 'unchanged', apiVersion: 'v1', kind: 'Service', namespace: 'web', name: 'blog-svc', reason: 'no-op apply' }] },
    ] }],
    refusals: [],
    webhooks: { configurations: [], conversions: [{ crd: 'websites.ex.io', from: 'Webhook', to: 'Webhook', changes: false }] },
  });
}
