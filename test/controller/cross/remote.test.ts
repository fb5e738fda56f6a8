// Remote cross reads against a real HTTP server on 127.0.0.1: upstream's health and metrics URLs,
// the bearer token from the environment, cacheFor, the timeout, the size limit, and no credential
// in any warning or in the template data.
import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteReader } from '../../../controller/cross/index.js';
import { crossQueries, type RemoteQuery } from '../../../shared/cross/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const TOKEN = 's3cret-token-value';

describe('controller/cross remote reads (real HTTP server on 127.0.0.1)', () => {
  let server: Server;
  let host: string;
  const seen: Array<{ url: string; auth: string | undefined }> = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.headers.authorization !== `Bearer ${TOKEN}` && !req.url?.startsWith('/open')) return json(401, { error: 'unauthorized' });
      if (req.url === '/katalog/loader/health') return json(503, { state: 'degraded', healthy: false });
      if (req.url === '/katalog/loader') return json(200, { name: 'loader', metrics: { queueDepth: 42, errorRatePercent: 0.5 } });
      if (req.url === '/open/slow') return void setTimeout(() => json(200, {}), 2000);
      if (req.url === '/open/big') return json(200, { blob: 'x'.repeat(300_000) });
      return json(404, {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const queriesOf = (source: Record<string, unknown>): RemoteQuery[] => {
    const entry = { operatorBox: { cross: [{ crd: 'loader', as: 'loader', selector: { name: '{{ .metadata.name }}' }, source }] } } as unknown as CrdEntry;
    return crossQueries(entry, { metadata: { name: 'a', namespace: 'ns' } }) as RemoteQuery[];
  };

  it('reads health and metrics with the token from the environment, cached for cacheFor', async () => {
    let now = 1_000;
    const warnings: string[] = [];
    const reader = new RemoteReader({ env: { LOADER_TOKEN: TOKEN }, now: () => now, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) });
    const [health] = queriesOf({ host, protocol: 'health', cacheFor: '10s', auth: { token: '$LOADER_TOKEN' } });
    const [metrics] = queriesOf({ host, protocol: 'metrics', auth: { token: '$LOADER_TOKEN' } });
    expect(health!.url).to.equal(`${host}/katalog/loader/health`);
    expect(await reader.read(health!)).to.deep.equal({ found: true, statusCode: 503, state: 'degraded', healthy: false });
    expect(await reader.read(metrics!)).to.deep.include({ found: true, name: 'loader', metrics: { queueDepth: 42, errorRatePercent: 0.5 } });
    expect(seen.at(-1)!.auth).to.equal(`Bearer ${TOKEN}`);

    now += 9_000;
    await reader.read(health!);
    expect(reader.fetches).to.equal(2);
    now += 2_000;
    await reader.read(health!);
    expect(reader.fetches).to.equal(3);
    expect(warnings).to.deep.equal([]);
  });

  it('a wrong token, a slow answer and an oversized one read as not found, saying why without credentials', async () => {
    const warnings: string[] = [];
    const reader = new RemoteReader({ env: {}, now: () => 0, timeoutMs: 300, maxBytes: 100_000, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) });
    const [denied] = queriesOf({ endpoint: `http://admin:${TOKEN}@127.0.0.1:${new URL(host).port}/katalog/loader?token=${TOKEN}` });
    const [slow] = queriesOf({ endpoint: `${host}/open/slow` });
    const [big] = queriesOf({ endpoint: `${host}/open/big` });
    const started = Date.now();
    const results = [await reader.read(denied!), await reader.read(slow!), await reader.read(big!)];
    expect(Date.now() - started).to.be.below(1500);
    expect(results.map((r) => r.found)).to.deep.equal([false, false, false]);
    expect(String(results[0]!.error)).to.contain('HTTP 401');
    expect(String(results[1]!.error)).to.contain('no answer within 300 ms');
    expect(String(results[2]!.error)).to.contain('larger than 100000 bytes');
    // Basic credentials from the URL were sent, but appear nowhere we print.
    expect(seen.some((s) => s.auth === `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`)).to.equal(true);
    const printed = JSON.stringify({ results, warnings });
    expect(printed).not.to.contain(TOKEN);
    expect(printed).not.to.contain('admin');
    expect(warnings).to.have.length(3);
  });
});
