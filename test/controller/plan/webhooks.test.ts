// The webhook part of `ork plan` against the real API server: before the webhook ever ran, both
// configurations are new and the multi-version CRD's conversion goes None → Webhook; once the
// webhook's own registration is on the cluster, everything is unchanged (the API server's defaults
// are not mistaken for changes); a different failurePolicy or a dropped rule shows field by field.
// The registration carries cert-manager's inject-ca-from onto the CRD and the configurations.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { readWebhookPlan } from '../../../controller/plan/webhooks.js';
import { register } from '../../../controller/webhook/register.js';
import { realClock } from '../../../controller/engine/index.js';
import { AdmissionTargets, registrationFor } from '../../../shared/admission/index.js';
import type { BundlePayload } from '../../../shared/bundle/payload.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { resolveKomposer } from '../../../resolver/resolve.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, type TestCluster } from '../../support/cluster.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { until } from '../../support/poll.js';
import { gadgetFixture } from '../webhook/ork-run.js';

describe('controller/plan the webhook plan (real API server)', function () {
  this.timeout(CLUSTER_START_TIMEOUT_MS);
  let cluster: TestCluster;
  let http: HttpKubeClient;
  let payload: BundlePayload;
  let crdName: string;
  const name = `plan${process.pid % 10000}`;
  const liveCrds = async () => {
    const { items } = await http.list(await http.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition'));
    return new Map<string, unknown>(items.map((c) => [c.metadata.name, c]));
  };

  before(async () => {
    cluster = await getTestCluster();
    http = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-plan-webhook-test' });
    const fixture = gadgetFixture();
    payload = (await resolveKomposer({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir, env: {} })).payload;
    const crd = parseYaml(readFileSync(join(fixture.dir, 'gadget-crd.yaml'), 'utf8')) as KubeObject;
    crdName = crd.metadata.name;
    await http.apply(crd, { fieldManager: 'orkestra', force: true });
    await until('the CRD is established', async () => ((await liveCrds()).get(crdName) as any)?.status?.conditions?.some((c: any) => c.type === 'Established' && c.status === 'True') || undefined);
  });

  after(async () => {
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      await http.delete(await http.resourceFor('admissionregistration.k8s.io/v1', kind), undefined, `orkestra-${name}`).catch(() => undefined);
    }
    await http?.close();
  });

  it('before the webhook ran: both configurations new, conversion None → Webhook; without --webhook, conversion only', async () => {
    const plan = await readWebhookPlan(http, payload, await liveCrds(), { name, failurePolicy: 'Fail' });
    expect(plan.configurations.map((c) => [c.kind, c.status, c.webhooks])).to.deep.equal([
      ['ValidatingWebhookConfiguration', 'new', [`validate.${name}.orkestra.orkspace.io`]],
      ['MutatingWebhookConfiguration', 'new', [`mutate.${name}.orkestra.orkspace.io`]],
    ]);
    expect(plan.conversions).to.deep.equal([{ crd: crdName, from: 'None', to: 'Webhook', changes: true }]);
    expect((await readWebhookPlan(http, payload, await liveCrds(), undefined)).configurations).to.deep.equal([]);
  });

  it('after the webhook registered: unchanged (API server defaults are not changes); another failurePolicy or a dropped rule shows field by field', async () => {
    const caBundlePem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const targets = new AdmissionTargets(payload);
    const annotations = { 'cert-manager.io/inject-ca-from': 'default/wh' };
    const registration = registrationFor(targets, { name, failurePolicy: 'Fail', endpoint: { service: { namespace: 'default', name: 'wh', port: 443 } }, caBundlePem, annotations });
    await register(http, registration, { logger: memoryLogger([]), clock: realClock });
    // cert-manager's annotation reaches the CRD with its conversion, and the configurations.
    expect(((await liveCrds()).get(crdName) as KubeObject).metadata.annotations).to.include(annotations);
    expect((await http.get(await http.resourceFor('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'), undefined, `orkestra-${name}`))!.metadata.annotations).to.include(annotations);
    const same = await readWebhookPlan(http, payload, await liveCrds(), { name, failurePolicy: 'Fail' });
    expect(same.configurations.map((c) => [c.status, c.diff])).to.deep.equal([['unchanged', []], ['unchanged', []]]);
    expect(same.conversions).to.deep.equal([{ crd: crdName, from: 'Webhook', to: 'Webhook', changes: false }]);

    const ignore = await readWebhookPlan(http, payload, await liveCrds(), { name, failurePolicy: 'Ignore' });
    expect(ignore.configurations[0]!.status).to.equal('changed');
    expect(ignore.configurations[0]!.diff).to.deep.equal([{ path: `webhooks[name=validate.${name}.orkestra.orkspace.io].failurePolicy`, op: 'changed', old: 'Fail', new: 'Ignore' }]);

    // A bundle without the mutation rule: the mutating webhook would be emptied.
    const entry = payload.katalog.spec.crds.gadget!;
    const noMutation = { ...payload, katalog: { ...payload.katalog, spec: { crds: { gadget: { ...entry, mutation: { rules: [] } } } } } } as BundlePayload;
    const dropped = await readWebhookPlan(http, noMutation, await liveCrds(), { name, failurePolicy: 'Fail' });
    expect(dropped.configurations[1]).to.deep.include({ status: 'changed', webhooks: [] });
    expect(dropped.configurations[1]!.diff.map((d) => [d.path, d.op])).to.deep.equal([[`webhooks[name=mutate.${name}.orkestra.orkspace.io]`, 'removed']]);
  });
});
