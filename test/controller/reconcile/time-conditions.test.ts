// Time conditions on the real API server (reconcileCr with a fixed clock): a child gated on a
// UTC window and one gated on a cron window exist only while their window is open, a status
// field follows the day, and every reconcile asks to run again a second after the earliest
// boundary of the conditions it read (capped at a day). operatorBox.when on a time window holds
// the whole CR and wakes it when the window opens.
import { expect } from 'chai';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { apiObjectReader } from '../../../controller/reconcile/api-reader.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';
import { reconcileCr, type CrdTarget, type ReconcileDeps, type ReconcileResult } from '../../../controller/reconcile/reconcile.js';
import type { Condition, CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';

interface Cond { type: string; status: string; reason: string; message: string }
const at = (iso: string) => () => new Date(iso);
const SECOND = 1000;
const HOUR = 3_600_000;

describe('controller/reconcile time conditions (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let kube: HttpKubeClient;
  const group = `tc${process.pid}.examples.orkspace.io`;
  let ns: string;
  let warnings: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }));
    ns = await newTestNamespace('time-conditions');
    const name = `reports.${group}`;
    await kube.apply({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
      spec: { group, scope: 'Namespaced', names: { kind: 'Report', plural: 'reports', singular: 'report' }, versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    } as KubeObject, { fieldManager: 'orkestra-test', force: true });
    await poll('CRD served', 30_000, async () => ((await cluster.client.request({ path: `/apis/${group}/v1/reports` })).status === 200 ? true : undefined));
    kube.invalidateDiscovery();
  });

  after(async () => {
    if (cluster?.external) await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/reports.${group}` });
    await kube?.close();
  });

  beforeEach(() => { warnings = []; });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') expect(warnings, 'warnings').to.deep.equal([]);
  });

  const target = (name: string, entry: CrdEntry): CrdTarget => ({ name, entry, apiTypes: { group, version: 'v1', kind: 'Report', plural: 'reports', scope: 'Namespaced' } as CrdTarget['apiTypes'] });

  function reconcile(crd: CrdTarget, name: string, now: () => Date): Promise<ReconcileResult> {
    const deps: ReconcileDeps = {
      kube,
      cache: apiObjectReader(kube, { katalogName: 'reports', kindsOf: () => childKinds(crd.entry) }),
      clock: { now },
      fieldManager: 'orkestra',
      katalogName: 'reports',
      warn: (m) => warnings.push(m),
    };
    return reconcileCr(deps, crd, { namespace: ns, name });
  }

  const crPath = (name: string) => `/apis/${group}/v1/namespaces/${ns}/reports/${name}`;
  const cmPath = (name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;
  const exists = async (path: string) => (await cluster.client.request({ path })).status === 200;
  const status = async (name: string) => (await cluster.client.get(crPath(name))).status ?? {};
  const create = (name: string) => cluster.client.post(`/apis/${group}/v1/namespaces/${ns}/reports`, { apiVersion: `${group}/v1`, kind: 'Report', metadata: { name }, spec: {} });

  it('children follow a business-hours window and a nightly cron window; the requeue lands just past the next boundary', async () => {
    const crd = target('windows', {
      operatorBox: {
        onReconcile: {
          configMaps: [
            { name: '{{ .metadata.name }}-office', data: { open: 'yes' }, when: [{ time: { after: '09:00', before: '17:00' } } as Condition, { dayOfWeek: { weekday: true } } as Condition] },
            { name: '{{ .metadata.name }}-batch', data: { run: 'yes' }, or: [{ cron: '0 23 * * *', duration: '3h' } as Condition] },
          ],
        },
        status: { fields: [{ path: 'day', value: 'weekend', when: [{ dayOfWeek: { in: ['Saturday', 'sunday'] } } as Condition] }] },
      },
    });
    await create('q1');
    // Tuesday 10:00 UTC: the office window is open until 17:00; the batch window opens at 23:00.
    let result = await reconcile(crd, 'q1', at('2026-03-03T10:00:00Z'));
    expect(result.requeueAfterMs).to.equal(7 * HOUR + SECOND);
    expect(await exists(cmPath('q1-office'))).to.equal(true);
    expect(await exists(cmPath('q1-batch'))).to.equal(false);
    // Tuesday 23:30: office closed (pruned), batch open until 02:00, the earliest boundary.
    result = await reconcile(crd, 'q1', at('2026-03-03T23:30:00Z'));
    expect(result.requeueAfterMs).to.equal(150 * 60_000 + SECOND);
    expect(await exists(cmPath('q1-office'))).to.equal(false);
    expect(await exists(cmPath('q1-batch'))).to.equal(true);
    // Saturday 12:00: no office, no batch, the status says weekend.
    result = await reconcile(crd, 'q1', at('2026-03-07T12:00:00Z'));
    expect(await exists(cmPath('q1-batch'))).to.equal(false);
    expect((await status('q1')).day).to.equal('weekend');
    expect(result.requeueAfterMs).to.equal(5 * HOUR + SECOND); // 17:00 (the office window's end, read though Saturday)
  });

  it('operatorBox.when on a window holds the CR (Ready False) and wakes it when the window opens', async () => {
    const crd = target('gated', {
      operatorBox: {
        when: [{ time: { after: '22:00', before: '06:00' } } as Condition],
        onReconcile: { configMaps: [{ name: '{{ .metadata.name }}-night', data: { night: 'yes' } }] },
      },
    });
    await create('q2');
    const held = await reconcile(crd, 'q2', at('2026-03-03T21:00:00Z'));
    expect(held.requeueAfterMs).to.equal(HOUR + SECOND);
    const ready = ((await status('q2')).conditions as Cond[]).find((c) => c.type === 'Ready')!;
    expect(ready).to.include({ status: 'False', reason: 'ConditionsNotMet' });
    expect(await exists(cmPath('q2-night'))).to.equal(false);
    const open = await reconcile(crd, 'q2', at('2026-03-03T22:00:00Z'));
    expect(await exists(cmPath('q2-night'))).to.equal(true);
    expect(open.requeueAfterMs).to.equal(8 * HOUR + SECOND);
  });

  it('a yearly cron is looked at again after a day at most', async () => {
    const crd = target('yearly', { operatorBox: { onReconcile: { configMaps: [{ name: '{{ .metadata.name }}-new-year', data: { a: 'b' }, when: [{ cron: '@yearly', duration: '1d' } as Condition] }] } } });
    await create('q3');
    const result = await reconcile(crd, 'q3', at('2026-03-03T10:00:00Z'));
    expect(result.requeueAfterMs).to.equal(24 * HOUR);
    expect(await exists(cmPath('q3-new-year'))).to.equal(false);
  });
});
