// What the webhook may do: patch its two configurations and the CRDs it converts (by name), its
// certificate Secret (managed or only read), and its pod's resolver access. Never `create` on a
// webhook configuration.
import { expect } from 'chai';
import { webhookPermissions } from '../../../shared/rbac/index.js';
import { GROUP, targetsWith, widgetCrd, widgetEntry } from '../admission/fixtures.js';

const twoVersions = widgetCrd([{ name: 'v1alpha1', props: {} }, { name: 'v1', props: { size: { type: 'integer' } }, storage: true }]);

describe('shared/rbac webhookPermissions', () => {
  it('a managed Secret and a converted CRD, with the resolver of --rollout-bundle', () => {
    const { payload } = targetsWith(widgetEntry(), [twoVersions]);
    const permissions = webhookPermissions({ payload, name: 'rel', tlsSecret: { namespace: 'ns', name: 'rel-webhook-tls', managed: true }, rolloutBundle: { namespace: 'ns' } });
    expect(permissions).to.deep.equal([
      { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', verbs: ['patch'], resourceNames: ['orkestra-rel'] },
      { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', verbs: ['patch'], resourceNames: ['orkestra-rel'] },
      { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: ['patch'], resourceNames: [`widgets.${GROUP}`] },
      { group: '', resource: 'configmaps', verbs: ['get', 'create'], namespace: 'ns' },
      { group: '', resource: 'pods', verbs: ['get'], namespace: 'ns' },
      { group: '', resource: 'secrets', verbs: ['create'], namespace: 'ns' },
      { group: '', resource: 'secrets', verbs: ['get', 'update'], namespace: 'ns', resourceNames: ['rel-webhook-tls'] },
    ]);
    expect(permissions.some((p) => p.resource.endsWith('webhookconfigurations') && p.verbs.includes('create'))).to.equal(false);
  });

  it('an external Secret is only read; a single-version CRD needs no CRD access', () => {
    const { payload } = targetsWith(widgetEntry());
    const permissions = webhookPermissions({ payload, name: 'rel', tlsSecret: { namespace: 'ns', name: 'cm-tls', managed: false } });
    expect(permissions.filter((p) => p.resource === 'customresourcedefinitions')).to.deep.equal([]);
    expect(permissions.filter((p) => p.resource === 'secrets')).to.deep.equal([{ group: '', resource: 'secrets', verbs: ['get'], namespace: 'ns', resourceNames: ['cm-tls'] }]);
  });

  it('--http-auth adds the token and access reviews, and nothing else', () => {
    const { payload } = targetsWith(widgetEntry());
    const without = webhookPermissions({ payload, name: 'rel' });
    const withAuth = webhookPermissions({ payload, name: 'rel', httpAuth: true });
    expect(withAuth.filter((p) => !without.some((w) => JSON.stringify(w) === JSON.stringify(p)))).to.deep.equal([
      { group: 'authentication.k8s.io', resource: 'tokenreviews', verbs: ['create'] },
      { group: 'authorization.k8s.io', resource: 'subjectaccessreviews', verbs: ['create'] },
    ]);
    expect(withAuth).to.have.length(without.length + 2);
  });
});
