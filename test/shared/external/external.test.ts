// shared/external: a declared call with upstream's defaults, the checks that keep the controller on
// the hosts the Katalog names, a call made concrete for one CR (conditions, templates), and the
// `.external.<name>` result shapes (HTTP and prometheus).
import { expect } from 'chai';
import { answerResult, errorResult, externalCalls, resolveCall, skippedResult } from '../../../shared/external/index.js';

const cr = { metadata: { name: 'shop', namespace: 'ns' }, spec: { env: 'prod', path: 'a b' } };

describe('shared/external', () => {
  it('reads a call with upstream defaults; fires.reconcile: false (admission only) is left out; names are unique', () => {
    const [call, ...rest] = externalCalls([
      { name: 'flags', url: 'https://flags.example.org/v1' },
      { name: 'admit', url: 'https://a.example.org', fires: { reconcile: false } },
    ], 'onReconcile.external');
    expect(rest).to.deep.equal([]);
    expect(externalCalls([{ include: './calls.yaml' }], 'l')).to.deep.equal([]);
    expect(call).to.deep.equal({ name: 'flags', protocol: 'http', url: 'https://flags.example.org/v1', origin: 'https://flags.example.org', method: 'GET', headers: {}, timeoutMs: 10_000, continueOnError: false, path: 'onReconcile.external[0]' });
    expect(() => externalCalls([{ name: 'a', url: 'http://x.org' }, { name: 'a', url: 'http://y.org' }], 'l')).to.throw('l[1].name: "a" is used twice in this list');
    expect(() => externalCalls([{ name: 'q', url: 'redis://r:6379', protocol: 'redis' }], 'l')).to.throw('l[0].protocol: "redis" is not made by this runtime');
    expect(() => externalCalls([{ name: 'q', url: 'http://x.org', timeout: '5m' }], 'l')).to.throw('l[0].timeout: "5m" must be a duration between 1ms and 60s');
  });

  it('never calls a scheme or host that a template renders (the call fails saying why); a template may follow the host after a /', () => {
    const refused = (url: string) => {
      const [call] = externalCalls([{ name: 'a', url }], 'l');
      expect(() => resolveCall(call!, cr, 'r')).to.throw(call!.refused);
      return call!.refused;
    };
    expect(refused('{{ .spec.url }}')).to.include('must start with http:// or https://');
    expect(refused('http://{{ .spec.host }}.example.org/')).to.include('the scheme and host must be written in the Katalog');
    expect(refused('http://x.example.org:{{ .spec.port }}/')).to.equal('l[0].url: the scheme and host must be written in the Katalog, not rendered from a template; template only the path and query; the call is not made');
    expect(externalCalls([{ name: 'a', url: 'http://x.example.org/{{ .spec.path }}' }], 'l')[0]!.origin).to.equal('http://x.example.org');
  });

  it('renders a call for a CR, skips it when its conditions do not hold, and refuses a URL that leaves the declared host', () => {
    const [call] = externalCalls([{ name: 'a', url: 'http://x.example.org/{{ .metadata.name }}?p={{ .spec.path | urlquery }}', method: 'POST', body: '{"n":"{{ .metadata.name }}"}', headers: { 'x-env': '{{ .spec.env }}' }, when: [{ field: '.spec.env', equals: 'prod' }] }], 'l');
    expect(resolveCall(call!, cr, 'ns/shop')).to.deep.equal({ skip: false, url: 'http://x.example.org/shop?p=a+b', method: 'POST', headers: { 'x-env': 'prod' }, body: '{"n":"shop"}' });
    expect(resolveCall(call!, { ...cr, spec: { env: 'dev' } }, 'ns/shop')).to.deep.equal({ skip: true });
    expect(externalCalls([{ name: 'a', url: 'http://x.example.org{{ .spec.path }}' }], 'l')[0]!.refused).to.include('the scheme and host must be written in the Katalog');
    // Checked again after rendering (defence in depth): a call whose URL is not on its origin is refused.
    expect(() => resolveCall({ ...call!, when: undefined, origin: 'http://y.example.org' } as never, cr, 'r')).to.throw('l[0].url: the rendered URL leaves http://y.example.org, the host the Katalog names; it is not called');
    const [user] = externalCalls([{ name: 'a', url: 'http://x.example.org/{{ .spec.to }}' }], 'l');
    expect(resolveCall(user!, { spec: { to: '@evil.example.net/' } }, 'r')).to.include({ skip: false, url: 'http://x.example.org/@evil.example.net/' });
    const [prom] = externalCalls([{ name: 'q', protocol: 'prometheus', url: 'http://prom.example.org:9090/', query: 'up{job="{{ .metadata.name }}"}' }], 'l');
    expect(resolveCall(prom!, cr, 'r')).to.deep.equal({ skip: false, url: 'http://prom.example.org:9090/api/v1/query?query=up%7Bjob%3D%22shop%22%7D', method: 'GET', headers: {} });
  });

  it('HTTP results: status as text, the first 4096 characters of the body, JSON keys merged under the fixed four; a status other than expected is an error', () => {
    const http = { protocol: 'http' as const };
    expect(answerResult(http, { statusCode: 200, text: '{"status":"ok","enabled":true}' })).to.deep.equal({ status: '200', body: '{"status":"ok","enabled":true}', error: '', called: 'true', enabled: true });
    expect(answerResult(http, { statusCode: 503, text: 'down' })).to.deep.equal({ status: '503', body: 'down', error: 'HTTP 503', called: 'true' });
    expect(answerResult({ ...http, expectedStatus: 200 }, { statusCode: 201, text: '' }).error).to.equal('HTTP 201, expected 200');
    expect((answerResult(http, { statusCode: 200, text: 'x'.repeat(5000) }).body as string).length).to.equal(4096);
    expect(skippedResult('http')).to.deep.equal({ status: '', body: '', error: '', called: 'false' });
    expect(errorResult('http', 'no answer within 5 ms')).to.deep.equal({ status: '', body: '', error: 'no answer within 5 ms', called: 'true' });
  });

  it('prometheus results: the first value as text, the raw answer, and its error', () => {
    const prom = { protocol: 'prometheus' as const };
    const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'a' }, value: [1, '42'] }, { metric: {}, value: [1, '7'] }] } };
    expect(answerResult(prom, { statusCode: 200, text: JSON.stringify(vector) })).to.deep.equal({ result: '42', raw: vector, error: '', called: 'true' });
    expect(answerResult(prom, { statusCode: 200, text: JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '0.5'] } }) }).result).to.equal('0.5');
    expect(answerResult(prom, { statusCode: 400, text: JSON.stringify({ status: 'error', error: 'parse error' }) }).error).to.equal('prometheus: parse error');
    expect(answerResult(prom, { statusCode: 502, text: 'bad gateway' }).error).to.equal('HTTP 502: the answer is not Prometheus JSON');
  });
});
