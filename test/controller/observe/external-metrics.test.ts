// The orkestra_external_* series from real requests: an ExternalRunner calling a real HTTP server
// on 127.0.0.1, reporting into a ControllerMetrics registry, scraped as text. Success, an HTTP
// failure, a refused connection, a cache hit (no request, no sample), and a URL with user:password
// and a query token whose label carries neither.
import { expect } from 'chai';
import { ExternalRunner } from '../../../controller/external/index.js';
import { ControllerMetrics, externalErrorType } from '../../../controller/observe/index.js';
import { externalCalls } from '../../../shared/external/index.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { parseExposition, samplesOf, valueOf } from './exposition.js';

describe('controller/observe: orkestra_external_* (real HTTP server on 127.0.0.1)', function () {
  this.timeout(20_000);
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      res.writeHead(path === '/down' ? 503 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  after(() => server.close());

  it('counts each request by result, times it, counts failures by type; a cache hit adds nothing; no credential in a label', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const runner = new ExternalRunner({ env: {}, now: Date.now, observe: metrics.external.record });
    const secretUrl = server.origin.replace('http://', 'http://alice:pa55word@');
    const calls = externalCalls([
      { name: 'up', url: `${secretUrl}/up?token=s3cr3t`, cacheFor: '1m' },
      { name: 'down', url: `${server.origin}/down`, continueOnError: true },
      { name: 'gone', url: 'http://127.0.0.1:1/x', continueOnError: true, timeout: '2s' },
    ], 'onReconcile.external');
    await runner.run('shops.x.example.org', calls, {}, 'ns/shop');
    await runner.run('shops.x.example.org', calls, {}, 'ns/shop'); // `up` from the cache the second time
    const text = await metrics.metrics();
    expect(text).not.to.match(/alice|pa55word|s3cr3t|token=/);
    const e = parseExposition(text);
    const crd = 'shops.x.example.org';
    expect(valueOf(e, 'orkestra_external_calls_total', { crd, name: 'up', url: `${server.origin}/up?…`, result: 'success' })).to.equal(1);
    expect(valueOf(e, 'orkestra_external_calls_total', { crd, name: 'down', result: 'error' })).to.equal(2);
    expect(valueOf(e, 'orkestra_external_call_errors_total', { crd, name: 'down', error_type: 'http_503' })).to.equal(2);
    expect(valueOf(e, 'orkestra_external_call_errors_total', { crd, name: 'gone', url: 'http://127.0.0.1:1/x', error_type: 'network' })).to.equal(2);
    expect(samplesOf(e, 'orkestra_external_call_errors_total').filter((s) => s.labels.name === 'up')).to.have.length(0);
    expect(valueOf(e, 'orkestra_external_call_duration_seconds_count', { crd, name: 'up' })).to.equal(1);
    expect(valueOf(e, 'orkestra_external_call_duration_seconds_count', { crd, name: 'gone' })).to.equal(2);
    expect(server.requests.filter((r) => r.path.startsWith('/up'))).to.have.length(1);
  });

  it('names an answer by its status and no answer as network', () => {
    expect(externalErrorType({ statusCode: 401 })).to.equal('http_401');
    expect(externalErrorType({})).to.equal('network');
  });
});
