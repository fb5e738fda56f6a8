import { expect } from 'chai';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isOrkError } from '../../../shared/errors.js';
import { ControllerMetrics } from '../../../controller/observe/metrics.js';
import type { BundleSummary } from '../../../controller/observe/bundle-summary.js';
import { startObservabilityServer, type ObservabilityServer, type ObservabilityServerOptions, type Readiness } from '../../../controller/observe/http-server.js';
import { httpRequest } from './http-client.js';
import type { KatalogApiView } from '../../../controller/observe/katalog-api.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { parseExposition, valueOf } from './exposition.js';

const SUMMARY: BundleSummary = {
  digest: `sha256:${'e'.repeat(64)}`,
  keyid: 'key-1',
  resolver: { name: 'orkestra', version: '0.1.0' },
  katalog: 'websites',
  crds: ['websites.example.com'],
  imports: [{ ref: 'file:./katalog.yaml', digest: `sha256:${'a'.repeat(64)}`, size: 10, mediaType: 'application/yaml' }],
};

function tcpServers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

describe('controller/observe/http-server', () => {
  let server: ObservabilityServer | undefined;
  let readiness: Readiness;
  let summary: BundleSummary | undefined;
  let metrics: ControllerMetrics;

  async function start(overrides: Partial<ObservabilityServerOptions> = {}): Promise<ObservabilityServer> {
    server = await startObservabilityServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      ready: () => readiness,
      bundle: () => summary,
      ...overrides,
    });
    return server;
  }

  beforeEach(() => {
    readiness = { ok: false, reason: 'caches not synced' };
    summary = SUMMARY;
    metrics = new ControllerMetrics({ processMetrics: false });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds the given loopback host and a free port', async () => {
    const s = await start();
    expect(s.host).to.equal('127.0.0.1');
    expect(s.port).to.be.greaterThan(0);
    expect(s.url).to.equal(`http://127.0.0.1:${s.port}`);
  });

  it('logs the address it bound, so a caller of port 0 can find it', async () => {
    const lines: LogLine[] = [];
    const s = await start({ logger: memoryLogger(lines) });
    expect(lines.find((l) => l.message.startsWith('serving /healthz'))?.url).to.equal(`http://127.0.0.1:${s.port}`);
  });

  it('GET /healthz → 200 while the process lives, even when not ready', async () => {
    const s = await start();
    const reply = await httpRequest(`${s.url}/healthz`);
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(reply.body).to.equal('ok\n');
  });

  it('GET /readyz → 503 with the reason, then 200 once the callback says ready', async () => {
    const s = await start();
    readiness = { ok: false, reason: 'BundleDigestMismatch: running sha256:aaa, leader sha256:bbb' };
    let reply = await httpRequest(`${s.url}/readyz`);
    expect(reply.status).to.equal(503);
    expect(reply.body).to.equal('BundleDigestMismatch: running sha256:aaa, leader sha256:bbb\n');
    readiness = { ok: true };
    reply = await httpRequest(`${s.url}/readyz`);
    expect(reply.status).to.equal(200);
    expect(reply.body).to.equal('ok\n');
    readiness = { ok: false };
    reply = await httpRequest(`${s.url}/readyz`);
    expect(reply.status).to.equal(503);
    expect(reply.body).to.equal('not ready\n');
  });

  it('/readyz flattens a multi-line reason and answers 503 when the callback throws', async () => {
    const s = await start();
    readiness = { ok: false, reason: 'first line\nsecond\r\nthird' };
    expect((await httpRequest(`${s.url}/readyz`)).body).to.equal('first line second third\n');
    await s.close();
    const t = await start({
      ready: () => {
        throw new Error('boom with details');
      },
    });
    const reply = await httpRequest(`${t.url}/readyz`);
    expect(reply.status).to.equal(503);
    expect(reply.body).to.equal('readiness check failed\n');
  });

  it('GET /metrics → Prometheus text, version 0.0.4', async () => {
    metrics.queueMetrics('websites.example.com').add();
    const s = await start();
    const reply = await httpRequest(`${s.url}/metrics`);
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(parseExposition(reply.body), 'workqueue_adds_total', { name: 'websites.example.com' })).to.equal(1);
  });

  it('GET /metrics?x ignores the query string', async () => {
    const s = await start();
    expect((await httpRequest(`${s.url}/metrics?debug=1`)).status).to.equal(200);
  });

  it('a failing metrics collection → 500 without details', async () => {
    const s = await start({ metrics: { contentType: 'text/plain', metrics: () => Promise.reject(new Error('collector exploded: secret detail')) } });
    const reply = await httpRequest(`${s.url}/metrics`);
    expect(reply.status).to.equal(500);
    expect(reply.body).to.equal('internal error\n');
  });

  it('GET /bundle → the summary as JSON', async () => {
    const s = await start();
    const reply = await httpRequest(`${s.url}/bundle`);
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).to.deep.equal(SUMMARY);
  });

  it('GET /bundle → 503 before the bundle is verified', async () => {
    summary = undefined;
    const s = await start();
    const reply = await httpRequest(`${s.url}/bundle`);
    expect(reply.status).to.equal(503);
    expect(reply.body).to.equal('bundle not verified yet\n');
    summary = SUMMARY;
    expect((await httpRequest(`${s.url}/bundle`)).status).to.equal(200);
  });

  const unknown = ['/', '/metrics/', '/bundle.json', '/healthz/extra', '/debug/pprof', '//healthz'];
  for (const path of unknown) {
    it(`GET ${path} → 404`, async () => {
      const s = await start();
      expect((await httpRequest(`${s.url}${path}`)).status).to.equal(404);
    });
  }

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    it(`${method} /metrics → 405 with Allow: GET, HEAD`, async () => {
      const s = await start();
      const reply = await httpRequest(`${s.url}/metrics`, { method, body: method === 'POST' ? 'x'.repeat(100_000) : undefined });
      expect(reply.status).to.equal(405);
      expect(reply.headers.allow).to.equal('GET, HEAD');
      expect(reply.headers.connection).to.equal('close');
    });
  }

  it('a GET with a body → 400, connection closed', async () => {
    const s = await start();
    const reply = await httpRequest(`${s.url}/healthz`, { method: 'GET', body: 'hello' });
    expect(reply.status).to.equal(400);
    expect(reply.headers.connection).to.equal('close');
  });

  it('HEAD answers the headers without a body', async () => {
    const s = await start();
    const reply = await httpRequest(`${s.url}/bundle`, { method: 'HEAD' });
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(Number(reply.headers['content-length'])).to.be.greaterThan(0);
    expect(reply.body).to.equal('');
  });

  it('close() ends keep-alive connections, frees the port and leaves no server handle', async () => {
    const s = await start();
    // Relative counts: another file's server may still be closing while this test runs.
    const open = tcpServers();
    expect(open).to.be.greaterThan(0);
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await httpRequest(`${s.url}/healthz`, { agent })).status).to.equal(200);
      const started = Date.now();
      await s.close();
      await s.close();
      expect(Date.now() - started).to.be.lessThan(1000);
      expect(tcpServers()).to.be.at.most(open - 1);
      const error = await httpRequest(`${s.url}/healthz`).then(() => undefined, (e: NodeJS.ErrnoException) => e);
      expect(error?.code).to.equal('ECONNREFUSED');
    } finally {
      agent.destroy();
    }
  });

  it('a port in use → USAGE error naming the address', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await start({ port }).then(() => undefined, (e: unknown) => e);
      expect(isOrkError(error) && error.code).to.equal('USAGE');
      expect((error as Error).message).to.include(`127.0.0.1:${port}`).and.include('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
  it("serves the Go runtime's /health, /ready and /katalog API; 503 before the bundle is verified; 404 without it", async () => {
    let view: KatalogApiView | undefined;
    const s = await start({ katalog: () => view });
    readiness = { ok: true };
    expect((await httpRequest(`${s.url}/health`)).status).to.equal(200);
    expect((await httpRequest(`${s.url}/ready`)).status).to.equal(200);
    expect((await httpRequest(`${s.url}/katalog`)).status).to.equal(503);
    view = {
      name: 'shop', ready: true,
      crds: [{ name: 'carts', group: 'g.example.com', version: 'v1', kind: 'Cart', plural: 'carts', namespaced: true, dependsOn: [], waiting: false, workers: 2, workersBusy: 0, resync: '10m', queueDepth: 0, maxQueueDepth: 0, resourceCount: 1, errorRatePercent: 50, stats: { total: 2, failed: 1, consecutiveFails: 1, lastError: 'boom', startedAt: Date.now() } }],
    };
    const health = await httpRequest(`${s.url}/katalog/carts/health`);
    expect(health.status).to.equal(503);
    expect(health.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(health.body)).to.include({ name: 'carts', state: 'degraded', lastError: 'boom', consecutiveFails: 1 });
    expect(JSON.parse((await httpRequest(`${s.url}/katalog`)).body).crds).to.have.length(1);
    expect((await httpRequest(`${s.url}/katalog/carts/cr`)).status).to.equal(404);
    await s.close();
    const plain = await start();
    const missing = await httpRequest(`${plain.url}/katalog`);
    expect(missing.status).to.equal(404);
    expect(missing.body).to.not.contain('/katalog');
  });
});
