import { expect } from 'chai';
import { registrationFor } from '../../../shared/admission/index.js';
import { GROUP, targetsWith, widgetCrd, widgetEntry } from './fixtures.js';

const PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';

describe('shared/admission registrationFor', () => {
  it('names exactly the bundle CRDs with rules, with the fixed webhook settings and the chosen failurePolicy', () => {
    const reg = registrationFor(targetsWith(widgetEntry()), { name: 'shop', endpoint: { url: 'https://127.0.0.1:9443/' }, caBundlePem: PEM, failurePolicy: 'Fail' });
    expect(reg.validating.metadata.name).to.equal('orkestra-shop');
    const [hook] = reg.validating.webhooks as Array<Record<string, unknown>>;
    expect(hook).to.deep.equal({
      name: 'validate.shop.orkestra.orkspace.io',
      clientConfig: { url: 'https://127.0.0.1:9443/validate', caBundle: Buffer.from(PEM).toString('base64') },
      rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: [GROUP], apiVersions: ['v1'], resources: ['widgets'], scope: 'Namespaced' }],
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      sideEffects: 'None',
      timeoutSeconds: 5,
      admissionReviewVersions: ['v1'],
    });
    expect((reg.mutating.webhooks as Array<Record<string, unknown>>)[0]).to.include({ name: 'mutate.shop.orkestra.orkspace.io', reinvocationPolicy: 'IfNeeded' });
    expect(reg.conversions).to.deep.equal([]);
  });

  it('uses the Service endpoint, honours webhooks.{validation,mutation,operations}, and converts multi-version CRDs', () => {
    const entry = widgetEntry({ webhooks: { mutation: false, operations: ['CREATE'] } });
    const crd = widgetCrd([{ name: 'v1alpha1', props: {} }, { name: 'v1', props: {}, storage: true }]);
    const endpoint = { service: { namespace: 'orkestra-system', name: 'orkestra-webhook', port: 443 } };
    const reg = registrationFor(targetsWith(entry, [crd]), { name: 'shop', endpoint, caBundlePem: PEM, failurePolicy: 'Ignore' });
    const [hook] = reg.validating.webhooks as Array<{ clientConfig: unknown; rules: Array<{ operations: string[] }>; failurePolicy: string }>;
    expect(hook!.clientConfig).to.deep.equal({ service: { ...endpoint.service, path: '/validate' }, caBundle: Buffer.from(PEM).toString('base64') });
    expect(hook!.rules[0]!.operations).to.deep.equal(['CREATE']);
    expect(hook!.failurePolicy).to.equal('Ignore');
    expect(reg.mutating.webhooks).to.deep.equal([]);
    expect(reg.conversions).to.deep.equal([{
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${GROUP}` },
      spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { ...endpoint.service, path: '/convert' }, caBundle: Buffer.from(PEM).toString('base64') }, conversionReviewVersions: ['v1'] } } },
    }]);
  });

  it('puts the given annotations (cert-manager inject-ca-from) on both configurations and on each converted CRD', () => {
    const crd = widgetCrd([{ name: 'v1alpha1', props: {} }, { name: 'v1', props: {}, storage: true }]);
    const annotations = { 'cert-manager.io/inject-ca-from': 'orkestra-system/orkestra-webhook' };
    const reg = registrationFor(targetsWith(widgetEntry(), [crd]), { name: 'shop', endpoint: { url: 'https://h:1' }, caBundlePem: PEM, failurePolicy: 'Fail', annotations });
    for (const o of [reg.validating, reg.mutating, ...reg.conversions]) expect(o.metadata.annotations, o.kind).to.deep.equal(annotations);
    const plain = registrationFor(targetsWith(widgetEntry(), [crd]), { name: 'shop', endpoint: { url: 'https://h:1' }, caBundlePem: PEM, failurePolicy: 'Fail', annotations: {} });
    expect(plain.validating.metadata).to.not.have.property('annotations');
  });
});
