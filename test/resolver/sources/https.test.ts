import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpsSource } from '../../../resolver/sources/https.js';
import type { HttpsSourceOptions, UrlImport } from '../../../resolver/sources/https.js';
import type { SourceContext } from '../../../resolver/sources/source.js';
import type { Auth } from '../../../shared/katalog/types.js';
import type { OrkError } from '../../../shared/errors.js';
import { makeTestCa, startHttpServer, startHttpsServer } from '../../support/https-server.js';
import type { TestCa, TestServer } from '../../support/https-server.js';
import { expectNoSecret, rejection } from './expect-error.js';

const TOKEN = 'ghp_T0kenValue9f8e7d6c';
const WRONG = 'wrong-T0ken-5a4b3c';
const USER = 'ci-robot';
const PASSWORD = 'Passw0rd-2b1a';
const KATALOG = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: private}\n';
const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const FAST: HttpsSourceOptions = { retry: { baseDelayMs: 10, maxDelayMs: 50 }, timeoutMs: 2000 };

/** What a GitHub-like host does: 200 with the right credential, 404 without one, 401 with a wrong one. */
function privateFiles(req: IncomingMessage, res: ServerResponse): void {
  const auth = req.headers['authorization'];
  const valid = [`Bearer ${TOKEN}`, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`];
  const path = (req.url ?? '').split('?')[0];
  if (path === '/forbidden.yaml') return void res.writeHead(auth && valid.includes(auth) ? 403 : 404).end();
  if (path === '/teapot.yaml') return void res.writeHead(418).end();
  if (path === '/gone.yaml') return void res.writeHead(404).end();
  if (path === '/public.yaml') return void res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(KATALOG);
  if (auth === undefined) return void res.writeHead(404).end();
  if (!valid.includes(auth)) return void res.writeHead(401).end();
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(KATALOG);
}

describe('resolver/sources/https', () => {
  let ca: TestCa;
  let server: TestServer;
  let plain: TestServer;

  before(async () => {
    ca = await makeTestCa();
    server = await startHttpsServer(ca, privateFiles);
    plain = await startHttpServer((_req, res) => res.writeHead(200).end(KATALOG));
  });
  beforeEach(() => {
    server.reset(privateFiles);
    plain.reset((_req, res) => res.writeHead(200).end(KATALOG));
  });
  after(async () => {
    await Promise.all([server.close(), plain.close()]);
    await ca.remove();
  });

  const context = (env: Record<string, string | undefined> = {}, extra: Partial<SourceContext> = {}): SourceContext => ({
    env,
    baseDir: '/nonexistent',
    allowOutsidePaths: false,
    caCertificates: ca.caCert,
    ...extra,
  });
  const fetch = (spec: Partial<UrlImport> & { path?: string }, env: Record<string, string | undefined> = {}, options = FAST) => {
    const { path = '/private.yaml', ...rest } = spec;
    return httpsSource({ url: `${server.origin}${path}`, ...rest }, options).fetch(context(env));
  };
  const failure = async (promise: Promise<unknown>, code: string): Promise<OrkError> => {
    const err = await rejection(promise, code);
    expectNoSecret(err, TOKEN, WRONG, PASSWORD);
    return err;
  };

  const bearer: Auth = { type: 'bearer', fromEnv: 'KATALOG_TOKEN' };
  const github: Auth = { type: 'github', fromEnv: 'GITHUB_TOKEN' };
  const basic: Auth = { type: 'basic', usernameFromEnv: 'REPO_USER', passwordFromEnv: 'REPO_PASSWORD' };

  describe('credentials', () => {
    const working: Array<[string, Auth, Record<string, string>, string]> = [
      ['bearer', bearer, { KATALOG_TOKEN: TOKEN }, `Bearer ${TOKEN}`],
      ['github', github, { GITHUB_TOKEN: TOKEN }, `Bearer ${TOKEN}`],
      ['basic', basic, { REPO_USER: USER, REPO_PASSWORD: PASSWORD }, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`],
    ];
    for (const [name, auth, env, header] of working) {
      it(`${name} auth fetches the document with the right Authorization header`, async () => {
        const got = await fetch({ auth }, env);
        expect(got).to.deep.equal({
          ref: `url:${server.origin}/private.yaml`,
          digest: sha(KATALOG),
          size: Buffer.byteLength(KATALOG),
          mediaType: 'application/yaml',
          documents: [{ path: `${server.origin}/private.yaml`, text: KATALOG }],
        });
        expect(server.requests.map((r) => r.headers['authorization'])).to.deep.equal([header]);
        expect(JSON.stringify(got)).not.to.contain(TOKEN).and.not.to.contain(PASSWORD);
      });
    }

    const missing: Array<[string, Auth, Record<string, string | undefined>, string]> = [
      ['bearer variable unset', bearer, {}, 'KATALOG_TOKEN is not set'],
      ['bearer variable empty', bearer, { KATALOG_TOKEN: '' }, 'KATALOG_TOKEN is empty'],
      ['github variable unset', github, { KATALOG_TOKEN: TOKEN }, 'GITHUB_TOKEN is not set'],
      ['basic password unset', basic, { REPO_USER: USER }, 'REPO_PASSWORD is not set'],
      ['basic user empty', basic, { REPO_USER: '', REPO_PASSWORD: PASSWORD }, 'REPO_USER is empty'],
    ];
    for (const [name, auth, env, words] of missing) {
      it(`${name} → IMPORT_AUTH_MISSING naming the variable, before any request`, async () => {
        const err = await failure(fetch({ auth }, env), 'IMPORT_AUTH_MISSING');
        expect(err.message).to.contain(words);
        expect(err.source).to.equal(`url:${server.origin}/private.yaml`);
        expect(server.requests).to.have.length(0);
      });
    }

    it('a wrong token → IMPORT_AUTH_FAILED: credentials in $VAR were rejected (401)', async () => {
      const err = await failure(fetch({ auth: bearer }, { KATALOG_TOKEN: WRONG }), 'IMPORT_AUTH_FAILED');
      expect(err.message).to.contain('credentials in $KATALOG_TOKEN were rejected (401)');
      expect(err.retry).to.equal('never');
      expect(server.requests).to.have.length(1);
    });

    it('a wrong basic password → names both variables (401)', async () => {
      const err = await failure(fetch({ auth: basic }, { REPO_USER: USER, REPO_PASSWORD: WRONG }), 'IMPORT_AUTH_FAILED');
      expect(err.message).to.contain('$REPO_USER and $REPO_PASSWORD were rejected (401)');
    });

    it('a valid token without access → IMPORT_AUTH_FAILED: lack access (403)', async () => {
      const err = await failure(fetch({ path: '/forbidden.yaml', auth: github }, { GITHUB_TOKEN: TOKEN }), 'IMPORT_AUTH_FAILED');
      expect(err.message).to.contain('credentials in $GITHUB_TOKEN lack access (403)');
    });

    it('a missing file with a token → IMPORT_NOT_FOUND mentioning the token and GitHub', async () => {
      const err = await failure(fetch({ path: '/gone.yaml', auth: github }, { GITHUB_TOKEN: TOKEN }), 'IMPORT_NOT_FOUND');
      expect(err.message).to.contain('(404)').and.to.contain('$GITHUB_TOKEN').and.to.contain('GitHub');
    });

    it('a private file without auth → IMPORT_NOT_FOUND suggesting auth:', async () => {
      const err = await failure(fetch({}), 'IMPORT_NOT_FOUND');
      expect(err.message).to.contain('(404)').and.to.contain('private').and.to.contain('auth:');
    });

    it('other 4xx → IMPORT_FETCH_FAILED with the status', async () => {
      const err = await failure(fetch({ path: '/teapot.yaml', auth: bearer }, { KATALOG_TOKEN: TOKEN }), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('418');
      expect(server.requests).to.have.length(1);
    });

    it('the token is not sent to another origin after a redirect', async () => {
      const other = await startHttpsServer(ca, privateFiles);
      try {
        server.reset((_req, res) => res.writeHead(302, { Location: `${other.origin}/public.yaml` }).end());
        const got = await fetch({ auth: bearer }, { KATALOG_TOKEN: TOKEN });
        expect(got.documents[0]?.text).to.equal(KATALOG);
        expect(got.ref).to.equal(`url:${server.origin}/private.yaml`);
        expect(server.requests[0]?.headers['authorization']).to.equal(`Bearer ${TOKEN}`);
        expect(other.requests[0]?.headers).not.to.have.property('authorization');
      } finally {
        await other.close();
      }
    });
  });

  describe('URLs', () => {
    it('keeps the query for the request but not in the ref, label or document path', async () => {
      const url = `${server.origin}/public.yaml?token=${TOKEN}#frag`;
      const source = httpsSource({ url }, FAST);
      expect(source.label).to.equal(`url:${server.origin}/public.yaml`);
      const got = await source.fetch(context());
      expect(server.requests[0]?.path).to.equal(`/public.yaml?token=${TOKEN}`);
      expect(JSON.stringify(got)).not.to.contain(TOKEN);
    });

    it('never names a query-string token in an error', async () => {
      await failure(httpsSource({ url: `${server.origin}/gone.yaml?token=${TOKEN}` }, FAST).fetch(context()), 'IMPORT_NOT_FOUND');
    });

    it('refuses credentials written into the URL, without repeating them', async () => {
      const url = `https://${USER}:${PASSWORD}@127.0.0.1:${server.port}/private.yaml`;
      const source = httpsSource({ url }, FAST);
      expect(source.label).to.equal(`url:${server.origin}/private.yaml`);
      const err = await failure(source.fetch(context()), 'IMPORT_INVALID');
      expect(err.message).to.contain('usernameFromEnv');
      expect(server.requests).to.have.length(0);
    });

    it('refuses plain http by default, with a clear message', async () => {
      const err = await failure(httpsSource({ url: `${plain.origin}/k.yaml` }, FAST).fetch(context()), 'IMPORT_INVALID');
      expect(err.message).to.contain('plain http').and.to.contain('https://');
      expect(plain.requests).to.have.length(0);
    });

    it('allows http to a loopback address only behind allowHttpLoopback', async () => {
      const got = await httpsSource({ url: `${plain.origin}/k.yaml` }, { ...FAST, allowHttpLoopback: true }).fetch(context());
      expect(got.documents[0]?.text).to.equal(KATALOG);
      const err = await failure(
        httpsSource({ url: 'http://example.org/k.yaml' }, { ...FAST, allowHttpLoopback: true }).fetch(context()),
        'IMPORT_INVALID',
      );
      expect(err.message).to.contain('plain http');
    });

    it('refuses other schemes and unparseable URLs', async () => {
      await failure(httpsSource({ url: 'ftp://example.org/k.yaml' }).fetch(context()), 'IMPORT_INVALID');
      await failure(httpsSource({ url: 'not a url' }).fetch(context()), 'IMPORT_INVALID');
    });

    it('without the test CA: IMPORT_FETCH_FAILED naming the host and the CA option', async () => {
      const source = httpsSource({ url: `${server.origin}/public.yaml`, auth: bearer }, FAST);
      const err = await failure(source.fetch(context({ KATALOG_TOKEN: TOKEN }, { caCertificates: undefined })), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('127.0.0.1').and.to.contain('CA');
      expect(server.requests).to.have.length(0);
    });
  });

  describe('content', () => {
    it('a matching digest pin passes', async () => {
      const got = await fetch({ path: '/public.yaml', digest: sha(KATALOG) });
      expect(got.digest).to.equal(sha(KATALOG));
    });

    it('a different digest pin → PIN_MISMATCH naming expected and actual', async () => {
      const err = await failure(fetch({ path: '/public.yaml', digest: sha('something else') }), 'PIN_MISMATCH');
      expect(err.message).to.contain(`expected ${sha('something else')}`).and.to.contain(`got ${sha(KATALOG)}`);
    });

    it('a malformed pin → IMPORT_INVALID before any request', async () => {
      await failure(fetch({ path: '/public.yaml', digest: 'sha256:1234' }), 'IMPORT_INVALID');
      expect(server.requests).to.have.length(0);
    });

    it('a body over the size limit → IMPORT_TOO_LARGE', async () => {
      server.reset((_req, res) => res.writeHead(200).end('x'.repeat(5000)));
      const err = await failure(fetch({ path: '/big.yaml' }, {}, { ...FAST, maxBytes: 4096 }), 'IMPORT_TOO_LARGE');
      expect(err.message).to.contain('4096');
    });

    it('a declared length over the limit → IMPORT_TOO_LARGE without reading on, and no stray error', async () => {
      const open: ServerResponse[] = [];
      server.reset((_req, res) => {
        res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
        res.write('x'.repeat(64 * 1024));
        open.push(res);
      });
      const stray: unknown[] = [];
      const onStray = (e: unknown) => stray.push(e);
      process.on('uncaughtException', onStray);
      try {
        const err = await failure(fetch({ path: '/huge.yaml' }, {}, { ...FAST, maxBytes: 4096 }), 'IMPORT_TOO_LARGE');
        expect(err.message).to.contain('declares 67108864 bytes');
        await new Promise((r) => setTimeout(r, 100));
        expect(stray).to.deep.equal([]);
      } finally {
        process.off('uncaughtException', onStray);
        for (const res of open) res.destroy();
      }
    });

    it('a server that never answers → IMPORT_TIMEOUT', async () => {
      server.reset(() => undefined);
      await failure(fetch({ path: '/silent.yaml' }, {}, { ...FAST, timeoutMs: 200 }), 'IMPORT_TIMEOUT');
    });

    it('exhausted retries → IMPORT_FETCH_FAILED with the last status, transient', async () => {
      server.reset((_req, res) => res.writeHead(502).end());
      const err = await failure(fetch({ path: '/down.yaml', auth: bearer }, { KATALOG_TOKEN: TOKEN }), 'IMPORT_FETCH_FAILED');
      expect(err.message).to.contain('last status 502');
      expect(err.retry).to.equal('transient');
    });
  });
});
