import { expect } from 'chai';
import { request } from 'node:https';
import { startWebhookServer, type WebhookServer } from '../../../controller/webhook/server.js';
import { issueAll } from '../../../controller/webhook/certs/issue.js';
import { silentLogger } from '../../../shared/log.js';
import { admissionReview, targetsWith, widget, widgetEntry } from '../../shared/admission/fixtures.js';

interface Reply { status: number; body: string; issuer: string }

function call(server: WebhookServer, ca: string | string[], method: string, path: string, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { method, ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, issuer: String((res.socket as import('node:tls').TLSSocket).getPeerCertificate().issuer?.CN ?? '') }));
    });
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
});
