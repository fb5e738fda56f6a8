import { expect } from 'chai';
import type { ServerResponse } from 'node:http';
import { httpGet } from '../../../resolver/net/http-client.js';
import type { HttpGetOptions } from '../../../resolver/net/http-client.js';
import { parseRetryAfter, retryDelay, type RetryPolicy } from '../../../resolver/net/retry.js';
import { LIMITS } from '../../../shared/limits.js';
import { makeTestCa, startHttpServer, startHttpsServer } from '../../support/https-server.js';
import type { TestCa, TestServer } from '../../support/https-server.js';
import { rejection } from '../sources/expect-error.js';

const FAST: Partial<RetryPolicy> = { baseDelayMs: 10, maxDelayMs: 50 };

describe('resolver/net/http-client', () => {
  describe('parseRetryAfter and retryDelay', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const retryAfter: Array<[string | undefined, number | undefined]> = [
      [undefined, undefined],
      ['1', 1000],
      [' 120 ', 120_000],
      ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
      ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
      ['soon', undefined],
      ['-1', undefined],
    ];
    for (const [value, expected] of retryAfter) {
      it(`Retry-After ${JSON.stringify(value)} → ${expected} ms`, () => expect(parseRetryAfter(value, now)).to.equal(expected));
    }

    const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
    const delays: Array<[number, number | undefined, number, number]> = [
      // attempt, Retry-After ms, random(), expected
      [1, undefined, 0, 50],
      [1, undefined, 1, 100],
      [3, undefined, 1, 400],
      [3, undefined, 0, 200],
      [10, undefined, 1, 1000],
      [1, 300, 0.5, 300],
      [1, 3_600_000, 0.5, 1000],
    ];
    for (const [attempt, after, random, expected] of delays) {
      it(`delay after attempt ${attempt} (Retry-After ${after}, random ${random}) = ${expected}`, () => {
        expect(retryDelay(attempt, after, policy, () => random)).to.equal(expected);
      });
    }
  });

  describe('against real servers on 127.0.0.1', () => {
    let ca: TestCa;
    let server: TestServer;
    let other: TestServer;
    let plain: TestServer;

    before(async () => {
      ca = await makeTestCa();
      server = await startHttpsServer(ca);
      other = await startHttpsServer(ca);
      plain = await startHttpServer();
    });
    after(async () => {
      await Promise.all([server.close(), other.close(), plain.close()]);
      await ca.remove();
    });

    const get = (path: string, extra: Partial<HttpGetOptions> = {}): ReturnType<typeof httpGet> =>
      httpGet(`${server.origin}${path}`, {
        label: `url:${server.origin}${path}`,
        maxBytes: 1024 * 1024,
        caCertificates: ca.caCert,
        retry: FAST,
        timeoutMs: 2000,
        ...extra,
      });

    it('returns status, lower-case headers, body and final URL', async () => {
      server.reset((_req, res) => res.writeHead(200, { 'Content-Type': 'application/yaml', 'X-Thing': 'a' }).end('kind: Katalog\n'));
      const res = await get('/k.yaml', { accept: 'application/yaml' });
      expect(res.status).to.equal(200);
      expect(res.body.toString()).to.equal('kind: Katalog\n');
      expect(res.headers['x-thing']).to.equal('a');
      expect(res.finalUrl).to.equal(`${server.origin}/k.yaml`);
      expect(server.requests[0]?.headers['accept']).to.equal('application/yaml');
    });

    it('retries a 500 and returns the success that follows', async () => {
      let n = 0;
      server.reset((_req, res) => (++n === 1 ? res.writeHead(500).end('boom') : res.writeHead(200).end('ok')));
      const res = await get('/flaky');
      expect(res.body.toString()).to.equal('ok');
      expect(server.requests).to.have.length(2);
    });

    it('waits for Retry-After: 1 on a 429 before trying again', async () => {
      let n = 0;
      server.reset((_req, res) => (++n === 1 ? res.writeHead(429, { 'Retry-After': '1' }).end() : res.writeHead(200).end('ok')));
      const started = Date.now();
      await get('/limited', { retry: { baseDelayMs: 10, maxDelayMs: 5000 } });
      const [first, second] = server.requests;
      const waited = (second?.at ?? 0) - (first?.at ?? 0);
      expect(waited).to.be.within(950, 1600);
      expect(Date.now() - started).to.be.below(2500);
    });

    it('caps a long Retry-After at the policy maximum', async () => {
      let n = 0;
      server.reset((_req, res) => (++n === 1 ? res.writeHead(503, { 'Retry-After': '3600' }).end() : res.writeHead(200).end('ok')));
      const started = Date.now();
      await get('/capped', { retry: { baseDelayMs: 10, maxDelayMs: 200 } });
      expect(Date.now() - started).to.be.below(1000);
      expect(server.requests).to.have.length(2);
    });

    it('gives up on a 503 forever after LIMITS.maxAttempts attempts, as a transient failure', async () => {
      server.reset((_req, res) => res.writeHead(503).end('down'));
      const started = Date.now();
      const err = await rejection(get('/down'), 'IMPORT_FETCH_FAILED');
      expect(server.requests).to.have.length(LIMITS.maxAttempts);
      expect(err.retry).to.equal('transient');
      expect(err.message).to.contain('503').and.to.contain(`${LIMITS.maxAttempts} attempts`);
      expect(Date.now() - started).to.be.below(2000);
    });

    it('does not retry a 404 and returns it to the caller', async () => {
      server.reset((_req, res) => res.writeHead(404).end('no such file'));
      const res = await get('/missing');
      expect(res.status).to.equal(404);
      expect(res.body.toString()).to.equal('no such file');
      expect(server.requests).to.have.length(1);
    });

    it('reports a server that never answers as IMPORT_TIMEOUT within the timeout, without retrying', async () => {
      server.reset(() => undefined);
      const started = Date.now();
      const err = await rejection(get('/silent', { timeoutMs: 300 }), 'IMPORT_TIMEOUT');
      const elapsed = Date.now() - started;
      expect(elapsed).to.be.within(250, 1500);
      expect(err.message).to.contain('127.0.0.1').and.to.contain('300 ms');
      expect(server.requests).to.have.length(1);
    });

    it('times out a body that stalls half way', async () => {
      server.reset((_req, res) => {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('x'.repeat(10));
      });
      await rejection(get('/stall', { timeoutMs: 300 }), 'IMPORT_TIMEOUT');
    });

    const truncate = (res: ServerResponse): void => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('kind: Katalog\n', () => res.socket?.destroy());
    };

    it('treats a truncated body as a failure, never as a short document', async () => {
      server.reset((_req, res) => truncate(res));
      const err = await rejection(get('/truncated'), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('truncated');
      expect(server.requests).to.have.length(LIMITS.maxAttempts);
    });

    it('retries a truncated body and returns the complete one that follows', async () => {
      let n = 0;
      server.reset((_req, res) => (++n === 1 ? truncate(res) : res.writeHead(200, { 'Content-Length': '3' }).end('abc')));
      expect((await get('/truncated-once')).body.toString()).to.equal('abc');
      expect(server.requests).to.have.length(2);
    });

    it('refuses a body whose declared length is over maxBytes without reading it', async () => {
      let written = 0;
      server.reset((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(100 * 1024 * 1024) });
        res.write(Buffer.alloc(1024));
        written = 1024;
      });
      const err = await rejection(get('/declared', { maxBytes: 10_000 }), 'IMPORT_TOO_LARGE');
      expect(err.message).to.contain('10000');
      expect(written).to.equal(1024);
      expect(server.requests).to.have.length(1);
    });

    it('stops reading an undeclared (chunked) body as soon as it passes maxBytes', async () => {
      const total = 64 * 1024 * 1024;
      let written = 0;
      let closed: Promise<void> = Promise.resolve();
      server.reset((req, res) => {
        closed = new Promise((resolve) => res.on('close', () => resolve()));
        res.writeHead(200, { 'Content-Type': 'application/yaml' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          while (written < total && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        req.socket.on('close', () => res.destroy());
        pump();
      });
      await rejection(get('/endless', { maxBytes: 256 * 1024 }), 'IMPORT_TOO_LARGE');
      await closed;
      // Socket buffers absorb a few MB at most; a client reading it all would take the full 64 MB.
      expect(written).to.be.below(16 * 1024 * 1024);
    });

    it('follows a relative redirect on the same origin and keeps Authorization', async () => {
      server.reset((req, res) =>
        req.url === '/old' ? res.writeHead(302, { Location: '/new' }).end() : res.writeHead(200).end('moved'),
      );
      const res = await get('/old', { headers: { Authorization: 'Bearer same-origin' } });
      expect(res.body.toString()).to.equal('moved');
      expect(res.finalUrl).to.equal(`${server.origin}/new`);
      expect(server.requests.map((r) => r.headers['authorization'])).to.deep.equal(['Bearer same-origin', 'Bearer same-origin']);
    });

    it('drops Authorization when a redirect leaves the origin', async () => {
      server.reset((_req, res) => res.writeHead(301, { Location: `${other.origin}/elsewhere` }).end());
      other.reset((_req, res) => res.writeHead(200).end('elsewhere'));
      const res = await get('/away', { headers: { authorization: 'Bearer not-for-you' } });
      expect(res.body.toString()).to.equal('elsewhere');
      expect(server.requests[0]?.headers['authorization']).to.equal('Bearer not-for-you');
      expect(other.requests).to.have.length(1);
      expect(other.requests[0]?.headers).not.to.have.property('authorization');
    });

    it('POSTs a form as application/x-www-form-urlencoded and never follows a redirect of it', async () => {
      other.reset((_req, res) => res.writeHead(200).end());
      server.reset((req, res) => (req.method === 'POST' ? res.writeHead(307, { Location: `${other.origin}/steal` }).end() : res.writeHead(405).end()));
      const err = await rejection(get('/token', { form: { grant_type: 'refresh_token', refresh_token: 'refresh-xyz' } }), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('redirected a token request');
      expect(err.message).not.to.contain('refresh-xyz');
      expect(server.requests.map((r) => [r.method, r.headers['content-type']])).to.deep.equal([['POST', 'application/x-www-form-urlencoded']]);
      expect(other.requests).to.have.length(0);
    });

    it('refuses a redirect from https to http and never contacts the http server', async () => {
      server.reset((_req, res) => res.writeHead(302, { Location: `${plain.origin}/k.yaml?token=abc` }).end());
      plain.reset((_req, res) => res.writeHead(200).end('insecure'));
      const err = await rejection(get('/downgrade', { allowHttpLoopback: true }), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('https').and.to.contain(`${plain.origin}/k.yaml`);
      expect(err.message).not.to.contain('token=abc');
      expect(err.retry).to.equal('never');
      expect(plain.requests).to.have.length(0);
    });

    it('stops after 5 redirects', async () => {
      server.reset((req, res) => res.writeHead(307, { Location: `/r${Number((req.url ?? '/r0').slice(2)) + 1}` }).end());
      const err = await rejection(get('/r0'), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('more than 5 redirects');
      expect(server.requests).to.have.length(6);
    });

    it('reports an untrusted certificate naming the host and the --ca-file flag, without retrying', async () => {
      server.reset((_req, res) => res.writeHead(200).end('ok'));
      const err = await rejection(get('/k.yaml', { caCertificates: undefined }), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain(`127.0.0.1:${server.port}`).and.to.contain('--ca-file').and.not.to.contain('caCertificates');
      expect(err.retry).to.equal('never');
      expect(server.requests).to.have.length(0);
    });

    it('refuses plain http unless loopback http is explicitly allowed', async () => {
      plain.reset((_req, res) => res.writeHead(200).end('local'));
      const opts = { label: 'url:x', maxBytes: 100, retry: FAST };
      await rejection(httpGet(`${plain.origin}/k.yaml`, opts), 'IMPORT_INVALID');
      expect(plain.requests).to.have.length(0);
      const res = await httpGet(`${plain.origin}/k.yaml`, { ...opts, allowHttpLoopback: true });
      expect(res.body.toString()).to.equal('local');
    });

    it('retries a refused connection, then reports it', async () => {
      const closed = await startHttpsServer(ca);
      const origin = closed.origin;
      await closed.close();
      const err = await rejection(
        httpGet(`${origin}/k.yaml`, { label: 'url:x', maxBytes: 100, caCertificates: ca.caCert, retry: FAST }),
        'IMPORT_FETCH_FAILED',
      );
      expect(err.message).to.contain('connection refused').and.to.contain(`${LIMITS.maxAttempts} attempts`);
      expect(err.retry).to.equal('transient');
    });

    it("stops waiting between attempts when the caller's signal aborts", async () => {
      server.reset((_req, res) => res.writeHead(503, { 'Retry-After': '5' }).end());
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const err = await rejection(get('/slow', { signal: controller.signal, retry: { maxDelayMs: 5000 } }), 'IMPORT_TIMEOUT');
      expect(err.message).to.contain('cancelled');
      expect(Date.now() - started).to.be.below(1000);
    });
  });
});
