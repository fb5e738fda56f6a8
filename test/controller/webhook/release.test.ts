// `ork webhook --unregister` on the real API server: what an uninstall leaves — a CRD whose
// conversion still calls the deleted Service, so reading another version fails — is set back to
// None (reads work again), the configurations are deleted, and a CRD converted by another
// webhook is left alone — its guarded reset patch is refused by the API server itself.
import { expect } from 'chai';
import { runCommand } from '../../../cli/dispatch.js';
import { convertedBy, resetConversionPatch } from '../../../shared/admission/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { captureIO } from '../../support/io.js';
import { poll } from '../../support/poll.js';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

function crd(group: string, service: { namespace: string; name: string }): Record<string, unknown> {
  const version = (name: string, storage: boolean) => ({
    name, served: true, storage,
    schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', x_placeholder: true } } } },
  });
  const body = {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
    metadata: { name: `parts.${group}` },
    spec: {
      group, scope: 'Namespaced', names: { kind: 'Part', plural: 'parts', singular: 'part', listKind: 'PartList' },
      versions: [version('v1', true), version('v1alpha1', false)],
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { ...service, path: '/convert', port: 443 } } } },
    },
  };
  return JSON.parse(JSON.stringify(body).replaceAll('"x_placeholder":true', '"x-kubernetes-preserve-unknown-fields":true'));
}

describe('ork webhook --unregister (real kube-apiserver)', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let ns: string;
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const ours = `ours-${suffix}.release.orkspace.test`;
  const theirs = `theirs-${suffix}.release.orkspace.test`;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('release');
  });

  after(async () => {
    for (const group of [ours, theirs]) await cluster?.client.request({ method: 'DELETE', path: `${CRDS}/parts.${group}` });
  });

  it('sets conversion back to None on the CRDs still calling this Service, deletes the configurations, leaves another webhook\'s CRD alone', async () => {
    const c = cluster.client;
    for (const [group, service] of [[ours, 'web-orkestra-webhook'], [theirs, 'other-webhook']] as const) {
      expect((await c.request({ method: 'POST', path: CRDS, body: crd(group, { namespace: ns, name: service }) })).status).to.equal(201);
    }
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      const res = await c.request({ method: 'POST', path: `/apis/admissionregistration.k8s.io/v1/${kind}`, body: { metadata: { name: 'orkestra-web-orkestra' }, webhooks: [] } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }
    const parts = (group: string, version: string) => `/apis/${group}/${version}/namespaces/${ns}/parts`;
    await poll('the CRD to be served', 30_000, async () => ((await c.request({ path: parts(ours, 'v1') })).status === 200 ? true : undefined), 200);
    expect((await c.request({ method: 'POST', path: parts(ours, 'v1'), body: { apiVersion: `${ours}/v1`, kind: 'Part', metadata: { name: 'p' }, spec: { a: 1 } } })).status).to.equal(201);
    // The leftover: reading the stored v1 object as v1alpha1 calls the missing webhook, and fails.
    const before = await c.request({ path: parts(ours, 'v1alpha1') });
    expect(before.status, JSON.stringify(before.body)).to.not.equal(200);

    const io = captureIO();
    const code = await runCommand(['webhook', '--unregister', '--name', 'web-orkestra', '--service', `${ns}/web-orkestra-webhook`, '--kubeconfig', cluster.kubeconfigPath, '--log-format', 'json'], io);
    expect(code, io.err).to.equal(0);
    expect(io.out).to.contain(`crd parts.${ours}: conversion set back to None`);
    expect(io.out).to.not.contain(theirs);

    const conversion = async (group: string) => (await c.request<{ spec: { conversion: Record<string, unknown> } }>({ path: `${CRDS}/parts.${group}` })).body.spec.conversion;
    expect(await conversion(ours)).to.deep.equal({ strategy: 'None' });
    expect(await conversion(theirs)).to.deep.include({ strategy: 'Webhook' });
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      expect((await c.request({ path: `/apis/admissionregistration.k8s.io/v1/${kind}/orkestra-web-orkestra` })).status).to.equal(404);
    }
    const after = await c.request<{ items: { apiVersion: string }[] }>({ path: parts(ours, 'v1alpha1') });
    expect(after.status).to.equal(200);
    expect(after.body.items.map((i) => i.apiVersion)).to.deep.equal([`${ours}/v1alpha1`]);

    // Run again: nothing left to do, and it says so.
    const again = captureIO();
    expect(await runCommand(['webhook', '--unregister', '--name', 'web-orkestra', '--service', `${ns}/web-orkestra-webhook`, '--kubeconfig', cluster.kubeconfigPath, '--log-format', 'json'], again)).to.equal(0);
    expect(again.out).to.contain('no CRD converts through this webhook');
  });

  it('finds CRDs by Service or URL; its reset patch is refused by the API server for a CRD another webhook converts (no lost update)', async () => {
    const endpoint = { service: { namespace: 'a', name: 'w', port: 443 } };
    const crds = [
      { metadata: { name: 'x' }, spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { namespace: 'a', name: 'w' } } } } } },
      { metadata: { name: 'y' }, spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { namespace: 'a', name: 'other' } } } } } },
      { metadata: { name: 'z' }, spec: { conversion: { strategy: 'None' } } },
      { metadata: { name: 'u' }, spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { url: 'https://127.0.0.1:9443/convert' } } } } },
    ];
    expect(convertedBy(crds, endpoint)).to.deep.equal(['x']);
    expect(convertedBy(crds, { url: 'https://127.0.0.1:9443/' })).to.deep.equal(['u']);
    expect(resetConversionPatch(endpoint)).to.deep.equal([
      { op: 'test', path: '/spec/conversion/strategy', value: 'Webhook' },
      { op: 'test', path: '/spec/conversion/webhook/clientConfig/service/namespace', value: 'a' },
      { op: 'test', path: '/spec/conversion/webhook/clientConfig/service/name', value: 'w' },
      { op: 'replace', path: '/spec/conversion', value: { strategy: 'None' } },
    ]);
    const theirsPath = `${CRDS}/parts.${theirs}`;
    const refused = await cluster.client.request({ method: 'PATCH', path: theirsPath, contentType: 'application/json-patch+json', body: resetConversionPatch({ service: { namespace: ns, name: 'web-orkestra-webhook', port: 443 } }) });
    expect(refused.status).to.equal(422);
    const matching = await cluster.client.request({ method: 'PATCH', path: theirsPath, contentType: 'application/json-patch+json', body: resetConversionPatch({ service: { namespace: ns, name: 'other-webhook', port: 443 } }) });
    expect(matching.status).to.equal(200);
  });
});
