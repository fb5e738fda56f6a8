// Namespace protection on the real API server, through `ork run` on the local control plane: with
// security.namespaceProtection declared the webhook registration gains a CREATE/UPDATE webhook on
// /namespace-protection for the CRDs with namespace rules, and `kubectl apply` of a CR in a
// namespace its CRD's restrictedNamespaces (or the Katalog-wide list) forbids is refused before it
// is stored; a CR already stored there cannot be updated (and is not reconciled) but can be deleted.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { gadgetFixture, killAll, kubectl, startOrkRun, type OrkRun } from './ork-run.js';

const CONFIG = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/orkestra-run-e2e-gadgets';
type Hook = { name: string; failurePolicy: string; clientConfig: { url?: string }; rules: Array<{ operations: string[]; resources: string[] }> };

describe('namespace protection through ork run (real kube-apiserver)', function () {
  this.timeout(240_000);
  let cluster: TestCluster;
  let run: OrkRun | undefined;
  const k = (args: string[], input?: string) => kubectl(cluster.kubeconfigPath, args, input);

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
  });
  after(async () => {
    await run?.stop('SIGTERM');
    await killAll();
  });

  it('refuses CRs in a forbidden namespace before they are stored; allows others; a stored one can be deleted, not updated', async () => {
    const [open, fenced, sealed] = [await newTestNamespace('open'), await newTestNamespace('fenced'), await newTestNamespace('sealed')];
    const fixture = gadgetFixture();
    const file = join(fixture.dir, 'katalog.yaml');
    const katalog = readFileSync(file, 'utf8').replace('      crdFile: ./gadget-crd.yaml\n', '      crdFile: ./gadget-crd.yaml\n      restrictedNamespaces: ["ork-fenced-*"]\n');
    writeFileSync(file, `${katalog}security:\n  namespaceProtection:\n    restrictedNamespaces: ["ork-sealed-*"]\n`);
    const gadget = (ns: string, name: string) => JSON.stringify({ apiVersion: `${fixture.group}/v1`, kind: 'Gadget', metadata: { name, namespace: ns }, spec: { size: 1 } });
    // One CR stored in the fenced namespace before the webhook exists.
    expect((await k(['apply', '-f', join(fixture.dir, 'gadget-crd.yaml')])).code).to.equal(0);
    await poll('the CRD served', 20_000, async () => ((await k(['apply', '-f', '-'], gadget(fenced, 'early'))).code === 0 ? true : undefined));

    run = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
    const hooks = async () => (await cluster.client.get<{ webhooks?: Hook[] }>(CONFIG)).webhooks ?? [];
    const hook = await poll('the namespace-protect webhook registered', 30_000, async () => (await hooks()).find((h) => h.name === 'namespace-protect.run-e2e-gadgets.orkestra.orkspace.io'));
    expect(hook.failurePolicy).to.equal('Fail');
    expect(hook.clientConfig.url).to.match(/\/namespace-protection$/);
    expect(hook.rules.map((r) => [r.operations, r.resources])).to.deep.equal([[['CREATE', 'UPDATE'], ['gadgets']]]);

    const refused = await k(['apply', '-f', '-'], gadget(fenced, 'late'));
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr).to.contain(`CRs of CRD gadget may not be created or changed in this namespace: namespace ${fenced} is restricted (restrictedNamespaces: ork-fenced-*) (security.namespaceProtection in the Katalog)`);
    expect((await cluster.client.request({ path: `/apis/${fixture.group}/v1/namespaces/${fenced}/gadgets/late` })).status).to.equal(404);
    const katalogWide = await k(['apply', '-f', '-'], gadget(sealed, 'sealed'));
    expect(katalogWide.stderr).to.contain(`namespace ${sealed} is restricted (restrictedNamespaces: ork-sealed-*)`);
    const allowed = await k(['apply', '-f', '-'], gadget(open, 'fine'));
    expect(allowed.code, allowed.stderr).to.equal(0);

    const ready = await poll('the early CR reported', 30_000, async () => {
      const cr = await cluster.client.get<{ status?: { conditions?: Array<{ type: string; reason: string }> } }>(`/apis/${fixture.group}/v1/namespaces/${fenced}/gadgets/early`);
      return cr.status?.conditions?.find((c) => c.type === 'Ready' && c.reason === 'NamespaceNotAllowed');
    });
    expect(ready.reason).to.equal('NamespaceNotAllowed');
    const update = await k(['label', `gadgets.${fixture.group}`, 'early', '-n', fenced, 'touched=yes']);
    expect(update.code).to.not.equal(0);
    expect(update.stderr).to.contain('may not be created or changed in this namespace');
    const gone = await k(['delete', `gadgets.${fixture.group}`, 'early', '-n', fenced, '--wait=false']);
    expect(gone.code, gone.stderr).to.equal(0);
  });
});
