// Deletion protection on the real API server, through `ork run` on the local control plane: with
// security.deletionProtection.enabled the webhook registration gains a DELETE-only webhook for the
// Katalog's CRDs, and `kubectl delete` of a CR — or of its CRD — is refused with the message saying
// how to lift it (both stay; another CRD is deleted), and so is the delete of an object of the install
// labelled orkestra.io/deletion-protection: "true" (upstream's own-install protection; an unlabelled
// one goes); the same Katalog without it registers no DELETE and the CR is deleted.
import { expect } from 'chai';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { gadgetFixture, killAll, kubectl, startOrkRun, type OrkRun } from './ork-run.js';

const CONFIG = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/orkestra-run-e2e-gadgets';
type Hook = { name: string; failurePolicy: string; objectSelector?: unknown; rules: Array<{ operations: string[]; resources: string[] }> };

describe('deletion protection through ork run (real kube-apiserver)', function () {
  this.timeout(240_000);
  let cluster: TestCluster;
  let ns: string;
  let run: OrkRun | undefined;
  const k = (args: string[], input?: string) => kubectl(cluster.kubeconfigPath, args, input);

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('protect');
  });
  afterEach(async () => {
    await run?.stop('SIGTERM');
    run = undefined;
  });
  after(killAll);

  const gadget = (group: string, name: string) => JSON.stringify({ apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name, namespace: ns }, spec: { size: 1 } });
  const hooks = async () => (await cluster.client.get<{ webhooks?: Hook[] }>(CONFIG)).webhooks ?? [];

  it('refuses kubectl delete of a CR of a protected CRD and of the CRD, naming how to lift it; both stay', async () => {
    const fixture = gadgetFixture();
    appendFileSync(join(fixture.dir, 'katalog.yaml'), 'security:\n  deletionProtection:\n    enabled: true\n');
    run = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
    const protect = await poll('the protect webhook registered', 30_000, async () => (await hooks()).find((h) => h.name === 'protect.run-e2e-gadgets.orkestra.orkspace.io'));
    expect(protect.failurePolicy).to.equal('Fail');
    expect(protect.rules.map((r) => [r.operations, r.resources])).to.deep.equal([[['DELETE'], ['gadgets']], [['DELETE'], ['customresourcedefinitions']]]);
    expect((await hooks()).find((h) => h.name.startsWith('validate.'))!.rules[0]!.operations).to.deep.equal(['CREATE', 'UPDATE']);
    expect((await k(['apply', '-f', '-'], gadget(fixture.group, 'kept'))).code).to.equal(0);
    const res = await k(['delete', `gadgets.${fixture.group}`, 'kept', '-n', ns, '--wait=false']);
    expect(res.code).to.not.equal(0);
    expect(res.stderr).to.contain(`CR ${ns}/kept of CRD gadget is protected from deletion (security.deletionProtection in the Katalog); to delete it, set spec.crds.gadget.deletionProtection.protectCRs: false`);
    const cr = await cluster.client.request<{ metadata: { deletionTimestamp?: string } }>({ path: `/apis/${fixture.group}/v1/namespaces/${ns}/gadgets/kept` });
    expect(cr.status).to.equal(200);
    expect(cr.body.metadata.deletionTimestamp).to.equal(undefined);
    // The CRD object too (protectCRD, default true); another CRD is let through.
    const crd = await k(['delete', 'crd', `gadgets.${fixture.group}`, '--wait=false']);
    expect(crd.code).to.not.equal(0);
    expect(crd.stderr).to.contain(`CRD gadgets.${fixture.group} (spec.crds.gadget) is protected from deletion`);
    expect((await cluster.client.request({ path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.${fixture.group}` })).status).to.equal(200);
    const other = gadgetFixture();
    expect((await k(['apply', '-f', join(other.dir, 'gadget-crd.yaml')])).code).to.equal(0);
    const gone = await k(['delete', 'crd', `gadgets.${other.group}`, '--wait=false']);
    expect(gone.code, gone.stderr).to.equal(0);
    // The install's own objects carry upstream's label: their DELETE is refused whatever the kind.
    const labelled = (await hooks()).find((h) => h.name === 'protect-labelled.run-e2e-gadgets.orkestra.orkspace.io')!;
    expect(labelled.objectSelector).to.deep.equal({ matchLabels: { 'orkestra.io/deletion-protection': 'true' } });
    const own = (name: string, labels: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels } });
    expect((await k(['apply', '-f', '-'], own('operator', { 'orkestra.io/deletion-protection': 'true' }))).code).to.equal(0);
    expect((await k(['apply', '-f', '-'], own('other', {}))).code).to.equal(0);
    const refusedOwn = await k(['delete', 'serviceaccount', 'operator', '-n', ns]);
    expect(refusedOwn.code).to.not.equal(0);
    expect(refusedOwn.stderr).to.contain(`ServiceAccount ${ns}/operator is protected from deletion (label orkestra.io/deletion-protection: "true"`);
    expect((await k(['delete', 'serviceaccount', 'other', '-n', ns])).code).to.equal(0);
    // Stopping removes the registration, protection with it: then the CR (and the labelled object) can be deleted.
    expect(await run.stop('SIGTERM')).to.equal(0);
    run = undefined;
    expect((await k(['delete', `gadgets.${fixture.group}`, 'kept', '-n', ns, '--wait=false'])).code).to.equal(0);
    expect((await k(['delete', 'serviceaccount', 'operator', '-n', ns])).code).to.equal(0);
  });

  it('without security.deletionProtection registers no DELETE, and the CR is deleted', async () => {
    const fixture = gadgetFixture();
    run = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
    await poll('the validate webhook registered', 30_000, async () => ((await hooks()).length > 0 ? true : undefined));
    const all = await hooks();
    expect(all.map((h) => h.name)).to.deep.equal(['validate.run-e2e-gadgets.orkestra.orkspace.io']);
    expect(all.flatMap((h) => h.rules.flatMap((r) => r.operations))).not.to.include('DELETE');
    expect((await k(['apply', '-f', '-'], gadget(fixture.group, 'free'))).code).to.equal(0);
    const res = await k(['delete', `gadgets.${fixture.group}`, 'free', '-n', ns, '--wait=false']);
    expect(res.code, res.stderr).to.equal(0);
  });
});
