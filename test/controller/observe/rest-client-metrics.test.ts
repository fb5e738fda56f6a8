// client-go's rest_client_* series, fed by the real kube client over real HTTP to the local
// kube-apiserver (test/support/cluster.ts), and to a closed port for the `<error>` code.
import { expect } from 'chai';
import { createServer } from 'node:net';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig, type KubeConfig } from '../../../cli/kube/config.js';
import { ControllerMetrics, REST_CLIENT_DURATION_BUCKETS } from '../../../controller/observe/index.js';
import type { ApiResource } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../support/cluster.js';
import { parseExposition, samplesOf, valueOf } from './exposition.js';

const CM: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('controller/observe/rest-client-metrics (real API server)', function () {
  let config: KubeConfig;
  let host: string;
  let namespace: string;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    config = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    host = new URL(config.server).host;
    namespace = await newTestNamespace('restmetrics');
  });

  it('counts each request by code, method and host, and times each non-watch request by verb and host', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const client: HttpKubeClient = createKubeClient(config, { requestObserver: metrics.kubeRequestObserver });
    try {
      expect(await client.get(CM, namespace, 'absent')).to.equal(undefined); // 404
      await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace }, data: { a: '1' } }); // 201
      await client.get(CM, namespace, 'one'); // 200
      const created = await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace } }).then(() => 'created', (e: unknown) => e);
      expect(created).to.have.property('status', 409);
      const e = parseExposition(await metrics.metrics());
      const count = (code: string, method: string) => valueOf(e, 'rest_client_requests_total', { code, method, host });
      expect(count('404', 'GET')).to.equal(1);
      expect(count('201', 'POST')).to.equal(1);
      expect(count('409', 'POST')).to.equal(1);
      expect(count('200', 'GET')).to.be.at.least(1);
      expect(valueOf(e, 'rest_client_request_duration_seconds_count', { verb: 'POST', host })).to.equal(2);
      const posted = valueOf(e, 'rest_client_request_duration_seconds_sum', { verb: 'POST', host })!;
      expect(posted).to.be.greaterThan(0).and.lessThan(30);
      const les = samplesOf(e, 'rest_client_request_duration_seconds_bucket').filter((s) => s.labels.verb === 'POST').map((s) => s.labels.le);
      expect(les).to.deep.equal([...REST_CLIENT_DURATION_BUCKETS.map(String), '+Inf']);
    } finally {
      await client.close();
    }
  });

  it('counts a watch by its status, without a duration', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const client = createKubeClient(config, { requestObserver: metrics.kubeRequestObserver });
    const stop = new AbortController();
    try {
      const list = await client.list(CM, { namespace });
      const before = valueOf(parseExposition(await metrics.metrics()), 'rest_client_request_duration_seconds_count', { verb: 'GET', host });
      const done = client.watch(CM, { namespace, resourceVersion: list.resourceVersion, timeoutSeconds: 5 }, () => undefined, stop.signal).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      let watched: number | undefined;
      while (Date.now() < deadline && watched !== 2) {
        watched = valueOf(parseExposition(await metrics.metrics()), 'rest_client_requests_total', { code: '200', method: 'GET', host });
        if (watched !== 2) await new Promise((r) => setTimeout(r, 50));
      }
      // The list and the watch are counted; only the list is timed.
      expect(watched).to.equal(2);
      expect(before).to.equal(1);
      expect(valueOf(parseExposition(await metrics.metrics()), 'rest_client_request_duration_seconds_count', { verb: 'GET', host })).to.equal(1);
      stop.abort();
      await done;
    } finally {
      await client.close();
    }
  });

  it('counts no answer as code="<error>", and a failing observer never fails a request', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const port = await closedPort();
    const dead = createKubeClient({ ...config, server: `https://127.0.0.1:${port}` }, { requestObserver: metrics.kubeRequestObserver });
    const failed = await dead.get(CM, namespace, 'one').then(() => undefined, (e: unknown) => e);
    expect(failed).to.have.property('status', 0);
    await dead.close();
    const e = parseExposition(await metrics.metrics());
    expect(valueOf(e, 'rest_client_requests_total', { code: '<error>', method: 'GET', host: `127.0.0.1:${port}` })).to.equal(1);
    expect(valueOf(e, 'rest_client_request_duration_seconds_count', { verb: 'GET', host: `127.0.0.1:${port}` })).to.equal(1);

    const throwing = createKubeClient(config, { requestObserver: { request: () => { throw new Error('observer bug'); } } });
    try {
      expect(await throwing.get(CM, namespace, 'one')).to.have.nested.property('data.a', '1');
    } finally {
      await throwing.close();
    }
  });
});
