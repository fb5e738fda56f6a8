// Acceptance of the admission and conversion webhooks on the real API server, through `ork run`
// on the local control plane: apply-time refusal with the rule's message (nothing stored), a good
// CR accepted, a warn rule's warning, mutation defaults on create, v1alpha1 ⇄ v1 conversion,
// failurePolicy Fail / Ignore with the webhook down, and the registration removed on stop.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { gadgetFixture, killAll, kubectl, startOrkRun, type OrkRun } from './ork-run.js';

const gadget = (group: string, ns: string, name: string, spec: Record<string, unknown>, version = 'v1') =>
  JSON.stringify({ apiVersion: `${group}/${version}`, kind: 'Gadget', metadata: { name, namespace: ns }, spec });

describe('webhooks through ork run (real kube-apiserver)', function () {
  this.timeout(240_000);
  let cluster: TestCluster;
  let fixture: { dir: string; group: string };
  let ns: string;
  let run: OrkRun | undefined;
  const k = (args: string[], input?: string) => kubectl(cluster.kubeconfigPath, args, input);
  const path = (name = '', version = 'v1') => `/apis/${fixture.group}/${version}/namespaces/${ns}/gadgets${name ? `/${name}` : ''}`;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('webhook');
    fixture = gadgetFixture();
    run = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
  });

  after(async () => {
    await run?.stop('SIGTERM');
    await killAll();
  });

  it('refuses a CR breaking a deny rule with the rule message, and stores nothing', async () => {
    const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'too-big', { size: 9, image: 'registry.example/a' }));
    expect(res.code, res.stdout).to.not.equal(0);
    expect(res.stderr).to.contain('spec.size must be at most 5 gadgets');
    expect(res.stderr).to.contain(`validate.run-e2e-gadgets.orkestra.orkspace.io`);
    const stored = await cluster.client.request({ path: path('too-big') });
    expect(stored.status).to.equal(404);
  });

  it('accepts a good CR, with its mutation default set on create', async () => {
    const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'good', { size: 2, image: 'registry.example/a' }));
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stderr).to.not.contain('Warning');
    const stored = await cluster.client.get<{ spec: Record<string, unknown> }>(path('good'));
    expect(stored.spec).to.deep.equal({ size: 2, image: 'registry.example/a', tier: 'standard' });
  });

  it('prints a warn rule as a warning and stores the CR', async () => {
    const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'warned', { size: 1, image: 'docker.io/a' }));
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stderr).to.match(/Warning: spec\.image: images should come from registry\.example/);
  });

  it('reads a CR written as v1alpha1 as v1 and back, and kubectl get agrees on both versions', async () => {
    const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'old', { replicas: 3, containerImage: 'registry.example/b' }, 'v1alpha1'));
    expect(res.code, res.stderr).to.equal(0);
    const asV1 = await cluster.client.get<{ apiVersion: string; spec: unknown }>(path('old'));
    expect(asV1.apiVersion).to.equal(`${fixture.group}/v1`);
    expect(asV1.spec).to.deep.equal({ size: 3, image: 'registry.example/b', tier: 'standard' });
    const asOld = await cluster.client.get<{ spec: unknown }>(path('old', 'v1alpha1'));
    expect(asOld.spec).to.deep.equal({ replicas: 3, containerImage: 'registry.example/b', tier: 'standard' });
    const getV1 = await k(['get', `gadgets.v1.${fixture.group}`, 'old', '-n', ns, '-o', 'jsonpath={.spec.size}']);
    const getOld = await k(['get', `gadgets.v1alpha1.${fixture.group}`, 'old', '-n', ns, '-o', 'jsonpath={.spec.replicas}']);
    expect([getV1.stdout, getOld.stdout]).to.deep.equal(['3', '3']);
    // A deny rule written against v1 also refuses a v1alpha1 write (the API server converts first).
    const bad = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'old-big', { replicas: 8 }, 'v1alpha1'));
    expect(bad.stderr).to.contain('spec.size must be at most 5 gadgets');
  });

  it('removes the registration when ork run stops', async () => {
    expect((await cluster.client.request({ path: '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/orkestra-run-e2e-gadgets' })).status).to.equal(200);
    expect(await run!.stop('SIGTERM')).to.equal(0);
    run = undefined;
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      expect((await cluster.client.request({ path: `/apis/admissionregistration.k8s.io/v1/${kind}/orkestra-run-e2e-gadgets` })).status, kind).to.equal(404);
    }
    const crd = await cluster.client.get<{ spec: { conversion: { strategy: string } } }>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.${fixture.group}`);
    expect(crd.spec.conversion.strategy).to.equal('None');
  });

  it('with failurePolicy Fail and the webhook down, refuses the apply with a clear message', async () => {
    const killed = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
    await killed.stop('SIGKILL');
    try {
      const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'while-down', { size: 1 }));
      expect(res.code).to.not.equal(0);
      expect(res.stderr).to.match(/failed calling webhook "(mutate|validate)\.run-e2e-gadgets\.orkestra\.orkspace\.io"/);
      expect(res.stderr).to.contain('connection refused');
      expect((await cluster.client.request({ path: path('while-down') })).status).to.equal(404);
    } finally {
      await removeLeftovers();
    }
  });

  it('with failurePolicy Ignore and the webhook down, accepts the apply and reconcile still denies', async () => {
    const killed = await startOrkRun(fixture.dir, cluster.kubeconfigPath, ['--webhook-failure-policy', 'Ignore']);
    await killed.stop('SIGKILL');
    try {
      const res = await k(['apply', '-f', '-'], gadget(fixture.group, ns, 'ignored', { size: 7 }));
      expect(res.code, res.stderr).to.equal(0);
      run = await startOrkRun(fixture.dir, cluster.kubeconfigPath, ['--no-webhook']);
      const ready = await poll('the Ready condition of the CR accepted while the webhook was down', 60_000, async () => {
        const cr = await cluster.client.get<{ status?: { conditions?: Array<{ type: string; status: string; reason: string; message: string }> } }>(path('ignored'));
        return cr.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
      }, 250);
      expect(ready.reason).to.equal('ValidationFailed');
      expect(ready.message).to.contain('spec.size must be at most 5 gadgets');
    } finally {
      await removeLeftovers();
    }
  });

  /** What a SIGKILLed ork run leaves: its webhook configurations and the CRD's conversion. */
  async function removeLeftovers(): Promise<void> {
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      await cluster.client.request({ method: 'DELETE', path: `/apis/admissionregistration.k8s.io/v1/${kind}/orkestra-run-e2e-gadgets` });
    }
  }
});
