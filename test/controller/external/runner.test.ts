// External calls against real servers on 127.0.0.1: calls in order, each seeing the ones before;
// the credential sent but never in a warning or a result; cacheFor; the timeout, the size cap and
// a refused redirect as failures; continueOnError; a gate decided by an answer under failPolicy,
// with a user regex matched in linear time; HTTPS trusted through NODE_EXTRA_CA_CERTS, refused
// from an unknown CA.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExternalRunner } from '../../../controller/external/index.js';
import { decideGate } from '../../../controller/crd/gate-calls.js';
import { preReconcileOf } from '../../../controller/crd/pre-reconcile.js';
import { externalCalls } from '../../../shared/external/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { makeTestCa, startHttpServer, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { repoRoot } from '../../support/tools.js';

const TOKEN = 'ext3rnal-t0ken-value';
const cr = { apiVersion: 'x.example.org/v1', kind: 'Shop', metadata: { name: 'shop', namespace: 'ns' }, spec: { tier: 'gold' } } as KubeObject;

describe('controller/external calls (real HTTP(S) servers on 127.0.0.1)', function () {
  this.timeout(20_000);
  let server: TestServer;
  let now = 1_000;
  const warnings: string[] = [];
  const runner = () => new ExternalRunner({ env: { FLAG_TOKEN: TOKEN }, now: () => now, maxBytes: 64 * 1024, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) });

  before(async () => {
    server = await startHttpServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/discover') return json(200, { next: 'flags/gold' });
      if (path === '/flags/gold') return json(req.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401, { enabled: true });
      if (path === '/slow') return void setTimeout(() => json(200, {}), 1500);
      if (path === '/big') return json(200, { blob: 'x'.repeat(100_000) });
      if (path === '/moved') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      if (path === '/down') return json(503, { state: 'down' });
      if (path === '/long') return json(200, { text: `${'a'.repeat(20_000)}!` });
      return json(404, {});
    });
  });
  after(() => server.close());
  beforeEach(() => { warnings.length = 0; });

  it('runs calls in order, each reading the answers before it; sends the token, shows it nowhere; caches for cacheFor', async () => {
    const calls = externalCalls([
      { name: 'discover', url: `${server.origin}/discover`, cacheFor: '10s' },
      { name: 'flags', url: `${server.origin}/{{ .external.discover.next }}`, auth: { env: '$FLAG_TOKEN' } },
    ], 'onReconcile.external');
    const r = runner();
    const out = await r.run('shop', calls, cr as never, 'ns/shop');
    expect(out.failed).to.equal(undefined);
    expect(out.external.flags).to.deep.equal({ status: '200', body: '{"enabled":true}', error: '', called: 'true', enabled: true });
    expect(server.requests.map((q) => q.path)).to.deep.equal(['/discover', '/flags/gold']);
    await r.run('shop', calls, cr as never, 'ns/shop');
    expect(r.requests).to.equal(3); // discover came from the cache
    now += 11_000;
    await r.run('shop', calls, cr as never, 'ns/shop');
    expect(r.requests).to.equal(5);
    expect(JSON.stringify(out)).to.not.include(TOKEN);
    expect(warnings).to.deep.equal([]);
  });

  it('a timeout, an answer over the cap, a redirect and a 503 are failures; the first without continueOnError stops the list', async () => {
    const calls = externalCalls([
      { name: 'slow', url: `${server.origin}/slow`, timeout: '300ms', continueOnError: true },
      { name: 'big', url: `${server.origin}/big`, continueOnError: true },
      { name: 'moved', url: `${server.origin}/moved`, continueOnError: true },
      { name: 'down', url: `${server.origin}/down?token=${TOKEN}` },
      { name: 'never', url: `${server.origin}/discover` },
    ], 'l');
    const started = Date.now();
    const out = await runner().run('shop', calls, cr as never, 'ns/shop');
    expect(Date.now() - started).to.be.below(1400);
    expect((out.external.slow as { error: string }).error).to.equal(`${server.origin}/slow: no answer within 300 ms`);
    expect((out.external.big as { error: string }).error).to.equal(`${server.origin}/big: the answer is larger than 65536 bytes`);
    expect((out.external.moved as { error: string }).error).to.equal(`${server.origin}/moved: HTTP 302 redirect, not followed`);
    expect(out.failed).to.deep.equal({ call: 'down', error: 'HTTP 503' });
    expect(out.external.never).to.equal(undefined);
    expect(warnings.join('\n')).to.include('/down?…').and.not.include(TOKEN);
  });

  it('a gate decided by the answers: failPolicy closed holds on a failure, open passes; a regex condition stays linear', async () => {
    const entry = (gate: Record<string, unknown>): CrdEntry => ({ operatorBox: { preReconcile: { reconcileGate: gate } } });
    const closed = preReconcileOf('shop', entry({ failPolicy: 'closed', external: [{ name: 'svc', url: `${server.origin}/down` }] }))!.reconcileGate!;
    expect(await decideGate('shop', closed, cr, undefined, runner())).to.deep.equal({ pass: false, quiet: false, message: 'preReconcile.reconcileGate cannot be evaluated (failPolicy closed): external call svc failed: HTTP 503' });
    const open = preReconcileOf('shop', entry({ external: [{ name: 'svc', url: `${server.origin}/down` }] }))!.reconcileGate!;
    expect(await decideGate('shop', open, cr, undefined, runner())).to.deep.equal({ pass: true });
    const flags = preReconcileOf('shop', entry({ external: [{ name: 'f', url: `${server.origin}/flags/gold`, auth: { env: 'FLAG_TOKEN' } }], when: [{ field: '.external.f.enabled', equals: false }] }))!.reconcileGate!;
    expect(await decideGate('shop', flags, cr, undefined, runner())).to.deep.equal({ pass: false, quiet: false, message: 'held by preReconcile.reconcileGate (when: .external.f.enabled equals false)' });
    // (a+)+$ against 20 000 a's and a "!": exponential for a backtracking engine, linear for RE2.
    const regex = preReconcileOf('shop', entry({ external: [{ name: 'l', url: `${server.origin}/long` }], when: [{ field: '.external.l.text', regex: '(a+)+$' }] }))!.reconcileGate!;
    const started = Date.now();
    expect((await decideGate('shop', regex, cr, undefined, runner())).pass).to.equal(false);
    expect(Date.now() - started).to.be.below(2000);
  });

  describe('HTTPS', () => {
    let ca: TestCa;
    let tls: TestServer;
    before(async () => {
      ca = await makeTestCa();
      tls = await startHttpsServer(ca, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":"yes"}'));
    });
    after(async () => {
      await tls.close();
      await ca.remove();
    });

    it('refuses a server whose CA is not trusted', async () => {
      const out = await runner().run('shop', externalCalls([{ name: 'tls', url: `${tls.origin}/x` }], 'l'), cr as never, 'ns/shop');
      expect(out.failed?.error).to.match(/^https:\/\/127\.0\.0\.1:\d+\/x: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    });

    it('calls it with the CA trusted through NODE_EXTRA_CA_CERTS (a fresh process, as the controller runs)', async () => {
      const script = `import { ExternalRunner } from ${JSON.stringify(join(repoRoot, 'dist/controller/external/index.js'))};
import { externalCalls } from ${JSON.stringify(join(repoRoot, 'dist/shared/external/index.js'))};
const out = await new ExternalRunner({ env: {}, now: Date.now }).run('s', externalCalls([{ name: 'tls', url: '${tls.origin}/x' }], 'l'), {}, 'r');
console.log(JSON.stringify(out));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(ca.dir, 'ca.crt') } });
      expect(JSON.parse(stdout)).to.deep.equal({ external: { tls: { status: '200', body: '{"ok":"yes"}', error: '', called: 'true', ok: 'yes' } } });
    });
  });
});
