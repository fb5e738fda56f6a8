// A kind declared by one Katalog entry per version (upstream's multi-version Katalogs), run by
// `ork run` on the real API server: the bundle's CRD is created serving both versions with the
// conversion webhook, and a CR written in each version is reconciled by the one controller of the
// kind, which reads it at the storage version (v1, converted from v1beta1 by the Katalog's paths).
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { gadgetFixture, killAll, kubectl, startOrkRun, type OrkRun } from './ork-run.js';

interface Crd {
  spec: { versions: Array<{ name: string; served: boolean; storage: boolean }>; conversion?: { strategy: string } };
}

describe('one Katalog entry per version of a kind, through ork run (real kube-apiserver)', function () {
  this.timeout(240_000);
  let cluster: TestCluster;
  let fixture: { dir: string; group: string };
  let ns: string;
  let run: OrkRun | undefined;
  const gallery = (name: string, version: string, spec: Record<string, unknown>) =>
    JSON.stringify({ apiVersion: `${fixture.group}/${version}`, kind: 'Gallery', metadata: { name, namespace: ns }, spec });

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('versions');
    fixture = gadgetFixture('test/fixtures/multi-version');
    run = await startOrkRun(fixture.dir, cluster.kubeconfigPath);
  });

  after(async () => {
    await run?.stop('SIGTERM');
    await killAll();
  });

  it('creates one CRD serving both versions, v1 stored, converted by the webhook', async () => {
    const crd = await cluster.client.get<Crd>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/galleries.${fixture.group}`);
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).to.deep.equal([['v1beta1', true, false], ['v1', true, true]]);
    expect(crd.spec.conversion?.strategy).to.equal('Webhook');
    expect(run!.stderr()).to.match(/"controller started"/);
  });

  it('reconciles a CR of each version with the one operatorBox, reading both at v1', async () => {
    for (const [name, version, spec] of [['old', 'v1beta1', { image: 'nginx:1', layout: 'masonry' }], ['new', 'v1', { image: 'nginx:2', caching: { enabled: true } }]] as const) {
      const res = await kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], gallery(name, version, spec));
      expect(res.code, res.stderr).to.equal(0);
    }
    const cards = await poll('the ConfigMap child of each Gallery', 60_000, async () => {
      const got = await Promise.all(['old', 'new'].map((n) => cluster.client.request<{ data: Record<string, string> }>({ path: `/api/v1/namespaces/${ns}/configmaps/${n}-card` })));
      return got.every((r) => r.status === 200) ? got.map((r) => r.body!.data) : undefined;
    }, 250);
    expect(cards).to.deep.equal([{ image: 'nginx:1', caching: 'false' }, { image: 'nginx:2', caching: 'true' }]);
    for (const name of ['old', 'new']) {
      const ready = await poll(`Ready=True on ${name}`, 60_000, async () => {
        const cr = await cluster.client.get<{ status?: { conditions?: Array<{ type: string; status: string }> } }>(`/apis/${fixture.group}/v1beta1/namespaces/${ns}/galleries/${name}`);
        return cr.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
      }, 250);
      expect(ready).to.not.equal(undefined);
    }
    const old = await cluster.client.get<{ spec: unknown }>(`/apis/${fixture.group}/v1beta1/namespaces/${ns}/galleries/new`);
    expect(old.spec).to.deep.equal({ image: 'nginx:2', layout: 'grid' });
  });
});
