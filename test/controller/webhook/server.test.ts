import { expect } from 'chai';
import { request } from 'node:https';
import { startWebhookServer, type WebhookServer } from '../../../controller/webhook/server.js';
import { Agent } from 'node:https';
import { issueAll, issueCa, issueServing } from '../../../controller/webhook/certs/issue.js';
import { silentLogger } from '../../../shared/log.js';
import { admissionReview, targetsWith, widget, widgetEntry } from '../../shared/admission/fixtures.js';

interface Reply { status: number; body: string; issuer: string; serial: string }

function call(server: WebhookServer, ca: string | string[], method: string, path: string, body?: string | Buffer, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { method, ca, agent, headers: { 'content-type': 'application/json' } }, (res) => {
      // Read now: a kept-alive socket goes back to its agent once the body has ended.
      const peer = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
      const issuer = String(peer.issuer?.CN ?? '');
      const serial = String(peer.serialNumber ?? '');
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, issuer, serial }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer within 10 s for ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

describe('controller/webhook server (HTTPS on 127.0.0.1)', () => {
  const certs = issueAll(['127.0.0.1'], new Date());
  let server: WebhookServer;

  before(async () => {
    server = await startWebhookServer({ host: '127.0.0.1', port: 0, targets: targetsWith(widgetEntry()), tls: certs, logger: silentLogger(), maxBodyBytes: 64 * 1024 });
  });
  after(() => server.close());

  it('answers an AdmissionReview on /validate over TLS the CA vouches for', async () => {
    const res = await call(server, certs.caBundlePem, 'POST', '/validate', JSON.stringify(admissionReview(widget({ replicas: 7 }))));
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body).response).to.deep.include({ uid: 'uid-1', allowed: false });
  });

  it('answers probes, and refuses wrong paths, methods, bodies and sizes with their status', async () => {
    expect((await call(server, certs.caBundlePem, 'GET', '/readyz')).status).to.equal(200);
    expect((await call(server, certs.caBundlePem, 'POST', '/nope', '{}')).status).to.equal(404);
    expect((await call(server, certs.caBundlePem, 'GET', '/mutate')).status).to.equal(405);
    expect((await call(server, certs.caBundlePem, 'POST', '/mutate', 'not json')).status).to.equal(400);
    expect((await call(server, certs.caBundlePem, 'POST', '/convert', '{"kind":"ConversionReview"}')).status).to.equal(400);
    const big = await call(server, certs.caBundlePem, 'POST', '/validate', Buffer.alloc(65 * 1024, 0x20));
    expect(big.status).to.equal(413);
  });

  it('serves new certificates to new connections after setCertificates', async () => {
    const next = issueAll(['127.0.0.1'], new Date());
    const before = await call(server, certs.caBundlePem, 'GET', '/healthz');
    server.setCertificates(next);
    const after = await call(server, next.caBundlePem, 'GET', '/healthz');
    expect(after.status).to.equal(200);
    expect(after.issuer).to.not.equal(before.issuer);
    await call(server, certs.caBundlePem, 'GET', '/healthz').then(() => expect.fail('the old CA must no longer verify'), (e: Error) => expect(e.message).to.match(/certificate|signature/i));
  });

  it('drops no request while certificates are replaced under a steady stream (kept-alive and new connections, a CA rotation too)', async function () {
    this.timeout(30_000);
    const oldCa = { certPem: certs.caCertPem, keyPem: certs.caKeyPem };
    const newCa = issueCa(new Date());
    // The client trusts both CAs, as the API server does once the new CA is in the caBundle.
    const trusted = [oldCa.certPem, newCa.certPem];
    const stream = await startWebhookServer({ host: '127.0.0.1', port: 0, targets: targetsWith(widgetEntry()), tls: certs, logger: silentLogger() });
    const body = JSON.stringify(admissionReview(widget({ replicas: 2 })));
    const results = { ok: 0, failed: [] as string[] };
    const issuers = new Set<string>();
    const serials = new Set<string>();
    let running = true;
    const worker = async (agent: Agent | false) => {
      while (running) {
        try {
          const res = await call(stream, trusted, 'POST', '/validate', body, agent);
          if (res.status === 200 && JSON.parse(res.body).response.allowed === true) results.ok++;
          else results.failed.push(`${res.status} ${res.body.slice(0, 100)}`);
          issuers.add(res.issuer);
          serials.add(res.serial);
        } catch (e) {
          results.failed.push(String(e));
        }
      }
    };
    const agents = [new Agent({ keepAlive: true, maxSockets: 2 }), new Agent({ keepAlive: true, maxSockets: 2 })];
    const workers = [...agents.flatMap((a) => [worker(a), worker(a)]), worker(false), worker(false), worker(false), worker(false)];
    try {
      // Ten swaps 150 ms apart: new serving certificates from the old CA, then from the new one.
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const ca = i < 5 ? oldCa : newCa;
        stream.setCertificates(issueServing(ca, ['127.0.0.1'], new Date()));
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      running = false;
      await Promise.all(workers);
      for (const a of agents) a.destroy();
      await stream.close();
    }
    expect(results.failed).to.deep.equal([]);
    expect(results.ok).to.be.greaterThan(50);
    // Both CAs and several serving certificates were seen: the swaps really reached new connections.
    expect(issuers.size).to.equal(2);
    expect(serials.size).to.be.greaterThan(3);
  });
});
