// readIndex: one fetch per repository and credential while a resolve lasts; every import gets
// errors under its own label; failures are not kept. The fetch is a stand-in (pure logic).
import { expect } from 'chai';
import { newHelmIndexCache, readIndex } from '../../../resolver/helm/index-cache.js';
import type { HttpResponse } from '../../../resolver/net/http-client.js';
import { OrkError } from '../../../shared/errors.js';
import { rejection } from '../../support/errors.js';

const INDEX = 'apiVersion: v1\nentries:\n  app:\n    - version: 1.0.0\n      urls: [app-1.0.0.tgz]\n';

function counter(answer: () => Promise<HttpResponse>) {
  const calls: number[] = [];
  return { calls, fetch: () => { calls.push(1); return answer(); } };
}
const ok = (text: string, status = 200): Promise<HttpResponse> => Promise.resolve({ status, headers: {}, body: Buffer.from(text), url: 'https://charts.example.org/index.yaml' } as unknown as HttpResponse);

describe('resolver/sources/helm-index-cache', () => {
  it('fetches once for imports of one repository with the same credential, parsed', async () => {
    const cache = newHelmIndexCache();
    const f = counter(() => ok(INDEX));
    const answers = await Promise.all([1, 2, 3].map((i) => readIndex(cache, 'https://charts.example.org/', 'Bearer t', `helm:import-${i}`, f.fetch)));
    expect(f.calls).to.have.length(1);
    for (const a of answers) expect(a).to.deep.equal({ status: 200, index: { apiVersion: 'v1', entries: { app: [{ version: '1.0.0', urls: ['app-1.0.0.tgz'] }] } } });
  });

  it('fetches again for another credential or another repository, and always without a cache', async () => {
    const cache = newHelmIndexCache();
    const f = counter(() => ok(INDEX));
    await readIndex(cache, 'https://charts.example.org/', 'Bearer a', 'x', f.fetch);
    await readIndex(cache, 'https://charts.example.org/', 'Bearer b', 'x', f.fetch);
    await readIndex(cache, 'https://charts.example.org/', undefined, 'x', f.fetch);
    await readIndex(cache, 'https://other.example.org/', 'Bearer a', 'x', f.fetch);
    await readIndex(undefined, 'https://charts.example.org/', 'Bearer a', 'x', f.fetch);
    expect(f.calls).to.have.length(5);
  });

  it('keeps the credential out of the cache keys', async () => {
    const cache = newHelmIndexCache();
    await readIndex(cache, 'https://charts.example.org/', 'Bearer s3cret-token', 'x', () => ok(INDEX));
    expect([...cache.keys()].join()).not.to.contain('s3cret');
  });

  it('answers a non-200 status and unparsable YAML for each import to word itself', async () => {
    expect(await readIndex(newHelmIndexCache(), 'https://r/', undefined, 'x', () => ok('gone', 404))).to.deep.equal({ status: 404 });
    const bad = await readIndex(newHelmIndexCache(), 'https://r/', undefined, 'x', () => ok('entries: [unclosed'));
    expect(bad.status).to.equal(200);
    expect(bad.parseError).to.be.a('string').and.not.to.equal('');
  });

  it('throws a failed fetch again under each waiting import\'s own label, and does not keep it', async () => {
    const cache = newHelmIndexCache();
    const failing = counter(() => Promise.reject(new OrkError('IMPORT_FETCH_FAILED', 'connection refused (127.0.0.1:9)', { source: 'helm:first', retry: 'transient' })));
    const [first, second] = await Promise.all([
      rejection(readIndex(cache, 'https://r/', undefined, 'helm:first', failing.fetch)),
      rejection(readIndex(cache, 'https://r/', undefined, 'helm:second', failing.fetch)),
    ]);
    expect(failing.calls).to.have.length(1);
    expect([first.source, second.source]).to.deep.equal(['helm:first', 'helm:second']);
    expect(second).to.include({ code: 'IMPORT_FETCH_FAILED', message: 'connection refused (127.0.0.1:9)', retry: 'transient' });
    await readIndex(cache, 'https://r/', undefined, 'helm:third', () => ok(INDEX));
    expect(cache.size).to.equal(1);
  });
});
