// The helm source against real charts: packaged by the real `helm package`, indexed by the real
// `helm repo index`, served by a static server on 127.0.0.1 (HTTP and HTTPS), and pushed by the
// real `helm push` to a real docker-registry. Templates are rendered by the real `helm template`.
import { expect } from 'chai';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { helmSource } from '../../../resolver/sources/helm.js';
import { newHelmIndexCache } from '../../../resolver/helm/index-cache.js';
import type { FetchedImport, SourceContext } from '../../../resolver/sources/source.js';
import type { HelmImport } from '../../../shared/katalog/types.js';
import { sha256Digest } from '../../../resolver/content.js';
import { getHelm, tempDir, type HelmTool } from '../../support/tools.js';
import { startHttpServer, startHttpsServer, makeTestCa, type TestServer, type TestCa } from '../../support/https-server.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { rejection } from '../../support/errors.js';

const chartsDir = fileURLToPath(new URL('../../../../test/fixtures/charts/', import.meta.url));
const fixture = (rel: string): string => readFileSync(join(chartsDir, rel), 'utf8');

function context(extra: Partial<SourceContext> = {}): SourceContext {
  return { env: {}, baseDir: '/nonexistent', allowOutsidePaths: false, ...extra };
}

/** Serves `routes[prefix]` directories; `/private/` additionally demands basic auth. */
function staticHandler(routes: Record<string, string>, requiredAuth?: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    if (prefix === undefined) return void res.writeHead(404).end('not found');
    if (prefix === '/private/' && req.headers.authorization !== requiredAuth) return void res.writeHead(401).end();
    const rel = normalize(decodeURIComponent(path.slice(prefix.length)));
    if (rel.startsWith('..')) return void res.writeHead(400).end();
    const file = join(routes[prefix]!, rel);
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200).end(readFileSync(file));
  };
}

const platformImport = (repo: string, extra: Partial<HelmImport> = {}): HelmImport => ({ repo, chart: 'platform-crds', version: '3.2.1', ...extra });

describe('resolver/sources/helm with real helm charts', function () {
  this.timeout(120_000);
  let helm: HelmTool;
  let repoDir: string;
  let absDir: string;
  let tamperedDir: string;
  let privateDir: string;
  let server: TestServer;
  let other: TestServer;
  const user = 'chartreader';
  const password = 'pa55-for-charts';
  const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  let platformTgz: Buffer;

  before(async () => {
    helm = await getHelm();
    repoDir = tempDir('helm-repo');
    for (const chart of ['platform-crds', 'templated-katalog', 'no-katalog']) {
      await helm.run(['package', join(chartsDir, chart), '-d', repoDir]);
    }
    // Older and pre-release versions of the same chart, so "available versions" has something to list.
    await helm.run(['package', join(chartsDir, 'platform-crds'), '--version', '3.1.0', '-d', repoDir]);
    await helm.run(['package', join(chartsDir, 'platform-crds'), '--version', '3.3.0-rc.1', '-d', repoDir]);
    await helm.run(['repo', 'index', repoDir]);
    platformTgz = readFileSync(join(repoDir, 'platform-crds-3.2.1.tgz'));

    other = await startHttpServer();
    server = await startHttpServer();
    absDir = tempDir('helm-abs');
    tamperedDir = tempDir('helm-tampered');
    privateDir = tempDir('helm-private');
    for (const dir of [absDir, tamperedDir, privateDir]) copyFileSync(join(repoDir, 'platform-crds-3.2.1.tgz'), join(dir, 'platform-crds-3.2.1.tgz'));
    // Absolute chart URLs (`helm repo index --url`), on the same server under another path.
    await helm.run(['repo', 'index', absDir, '--url', `${server.origin}/files`]);
    await helm.run(['repo', 'index', tamperedDir]);
    // The archive changes after indexing: same name, other bytes.
    copyFileSync(join(repoDir, 'platform-crds-3.1.0.tgz'), join(tamperedDir, 'platform-crds-3.2.1.tgz'));
    // A private repository whose index points at another origin: credentials must not follow.
    await helm.run(['repo', 'index', privateDir, '--url', `${other.origin}/charts`]);
    server.reset(staticHandler({ '/repo/': repoDir, '/abs/': absDir, '/files/': absDir, '/tampered/': tamperedDir, '/private/': privateDir }, basic));
    other.reset(staticHandler({ '/charts/': privateDir }));
  });
  after(async () => {
    await server?.close();
    await other?.close();
  });

  const loopback = { allowHttpLoopback: true };

  function expectPlatform(got: FetchedImport, repo: string): void {
    expect(got.ref).to.equal(`helm:${repo}/platform-crds@3.2.1`);
    expect(got.digest).to.equal(sha256Digest(platformTgz));
    expect(got.size).to.equal(platformTgz.length);
    expect(got.mediaType).to.equal('application/vnd.cncf.helm.chart.content.v1.tar+gzip');
    const [crdA, crdB] = fixture('platform-crds/crds/site.yaml').split(/^---\n/m);
    expect(got.documents.map((d) => d.path).sort()).to.deep.equal(['crds/site.yaml#1', 'crds/site.yaml#2', 'katalog.yaml']);
    const byPath = Object.fromEntries(got.documents.map((d) => [d.path, d.text]));
    expect(byPath['katalog.yaml']).to.equal(fixture('platform-crds/katalog.yaml'));
    expect(parseYaml(byPath['crds/site.yaml#1']!)).to.deep.equal(parseYaml(crdA!));
    expect(parseYaml(byPath['crds/site.yaml#2']!)).to.deep.equal(parseYaml(crdB!));
  }

  it('installs a chart from an HTTP repository: index.yaml → exact version → relative .tgz → verified digest', async () => {
    const repo = `${server.origin}/repo`;
    // No helm binary is needed: this chart's Katalog is a plain file and its CRDs are in crds/.
    expectPlatform(await helmSource(platformImport(repo), { ...loopback, helmBinary: '/nonexistent/helm' }).fetch(context()), repo);
    expect(server.requests.map((r) => r.path)).to.include.members(['/repo/index.yaml', '/repo/platform-crds-3.2.1.tgz']);
  });

  it('reads a repository\'s index.yaml once per resolve for all imports of that repository', async () => {
    const repo = `${server.origin}/repo`;
    const indexReads = (from: number) => server.requests.slice(from).filter((r) => r.path === '/repo/index.yaml').length;
    const before = server.requests.length;
    const shared = context({ helmIndexes: newHelmIndexCache() });
    const [a, b] = await Promise.all([
      helmSource(platformImport(repo), loopback).fetch(shared),
      helmSource(platformImport(repo, { version: '3.1.0' }), loopback).fetch(shared),
    ]);
    expect([a.ref, b.ref]).to.deep.equal([`helm:${repo}/platform-crds@3.2.1`, `helm:${repo}/platform-crds@3.1.0`]);
    expect(indexReads(before)).to.equal(1);
    // A new resolve has a new cache: nothing read once outlives the resolve.
    await helmSource(platformImport(repo), loopback).fetch(context({ helmIndexes: newHelmIndexCache() }));
    expect(indexReads(before)).to.equal(2);
  });

  it('follows absolute chart URLs written by helm repo index --url', async () => {
    const repo = `${server.origin}/abs`;
    expectPlatform(await helmSource(platformImport(repo), loopback).fetch(context()), repo);
  });

  it('serves the same over HTTPS with a private CA', async () => {
    const ca: TestCa = await makeTestCa();
    const https = await startHttpsServer(ca, staticHandler({ '/repo/': repoDir }));
    try {
      const repo = `${https.origin}/repo`;
      expectPlatform(await helmSource(platformImport(repo)).fetch(context({ caCertificates: ca.caCert })), repo);
      const untrusted = await rejection(helmSource(platformImport(repo)).fetch(context()));
      expect(untrusted.code).to.equal('IMPORT_FETCH_FAILED');
    } finally {
      await https.close();
      await ca.remove();
    }
  });

  it('refuses plain http unless loopback http is allowed', async () => {
    const e = await rejection(helmSource(platformImport(`${server.origin}/repo`)).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('http');
  });

  it('refuses an archive that does not match the index digest with DIGEST_MISMATCH', async () => {
    const e = await rejection(helmSource(platformImport(`${server.origin}/tampered`), loopback).fetch(context()));
    expect(e.code).to.equal('DIGEST_MISMATCH');
    const index = parseYaml(readFileSync(join(tamperedDir, 'index.yaml'), 'utf8')) as { entries: Record<string, Array<{ digest: string }>> };
    expect(e.message).to.contain(index.entries['platform-crds']![0]!.digest);
  });

  it('checks a digest: pin against the archive (PIN_MISMATCH)', async () => {
    const repo = `${server.origin}/repo`;
    const ok = await helmSource(platformImport(repo, { digest: sha256Digest(platformTgz) }), loopback).fetch(context());
    expect(ok.digest).to.equal(sha256Digest(platformTgz));
    const e = await rejection(helmSource(platformImport(repo, { digest: `sha256:${'0'.repeat(64)}` }), loopback).fetch(context()));
    expect(e.code).to.equal('PIN_MISMATCH');
  });

  it('names the available versions when the exact version is missing', async () => {
    const e = await rejection(helmSource(platformImport(`${server.origin}/repo`, { version: '3.2.2' }), loopback).fetch(context()));
    expect(e.code).to.equal('IMPORT_NOT_FOUND');
    expect(e.message).to.contain('available: 3.3.0-rc.1, 3.2.1, 3.1.0');
    const chart = await rejection(helmSource({ repo: `${server.origin}/repo`, chart: 'nope', version: '1.0.0' }, loopback).fetch(context()));
    expect(chart.code).to.equal('IMPORT_NOT_FOUND');
    expect(chart.message).to.contain('no-katalog, platform-crds, templated-katalog');
  });

  it('refuses version ranges before any request', async () => {
    server.requests.length = 0;
    for (const version of ['^3.2.0', '~3.2', '>=3.0.0', '3.2.x', '*', '3.2', '3.2.1 || 3.3.0']) {
      const e = await rejection(helmSource(platformImport(`${server.origin}/repo`, { version }), loopback).fetch(context()));
      expect(e.code, version).to.equal('IMPORT_INVALID');
      expect(e.message).to.contain('exact');
    }
    expect(server.requests).to.have.length(0);
  });

  it('renders templates that produce Katalogs with the real helm template, defaults plus values:', async () => {
    const repo = `${server.origin}/repo`;
    const spec: HelmImport = { repo, chart: 'templated-katalog', version: '0.1.0' };
    const plain = await helmSource(spec, { ...loopback, helmBinary: helm.helm }).fetch(context());
    expect(plain.documents.map((d) => d.path)).to.deep.equal(['templates/katalog.yaml (rendered)']);
    const k = parseYaml(plain.documents[0]!.text) as Record<string, any>;
    expect(k.metadata).to.deep.equal({ name: 'websites', labels: { team: 'web' } });
    expect(k.spec.crds.website.operatorBox.reconciler.workers).to.equal(2);
    // The operator's runtime template survives Helm's rendering, unevaluated.
    expect(k.spec.crds.website.operatorBox.onReconcile.deployments[0]).to.deep.equal({ image: 'nginx:1.25', name: '{{ .metadata.name }}' });

    const withValues = await helmSource({ ...spec, values: { workers: 5, extraCrd: { enabled: true } } }, { ...loopback, helmBinary: helm.helm }).fetch(context());
    expect(withValues.digest).to.equal(plain.digest);
    expect(withValues.documents.map((d) => d.path)).to.deep.equal(['templates/katalog.yaml (rendered)', 'templates/katalog.yaml (rendered #2)']);
    const [first, second] = withValues.documents.map((d) => parseYaml(d.text) as Record<string, any>);
    expect(first!.spec.crds.website.operatorBox.reconciler.workers).to.equal(5);
    expect(second!.metadata.name).to.equal('websites-extra');
  });

  it('finds helm through ORKESTRA_HELM, and says how to get it when it cannot run', async () => {
    const spec: HelmImport = { repo: `${server.origin}/repo`, chart: 'templated-katalog', version: '0.1.0' };
    const got = await helmSource(spec, loopback).fetch(context({ env: { ORKESTRA_HELM: helm.helm } }));
    expect(got.documents).to.have.length(1);
    const e = await rejection(helmSource(spec, { ...loopback, helmBinary: '/nonexistent/helm' }).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('ORKESTRA_HELM');
  });

  it('reports a helm template failure (bad values) as IMPORT_INVALID with helm\'s reason', async () => {
    const spec: HelmImport = { repo: `${server.origin}/repo`, chart: 'templated-katalog', version: '0.1.0', values: { extraCrd: 'not-a-map' } };
    const e = await rejection(helmSource(spec, { ...loopback, helmBinary: helm.helm }).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('helm template failed');
  });

  it('refuses a chart that yields no Katalog and no CRD, and values: that nothing uses', async () => {
    const e = await rejection(helmSource({ repo: `${server.origin}/repo`, chart: 'no-katalog', version: '1.0.0' }, loopback).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('no Katalog and no CRD');
    const v = await rejection(helmSource(platformImport(`${server.origin}/repo`, { values: { replicas: 2 } }), loopback).fetch(context()));
    expect(v.code).to.equal('IMPORT_INVALID');
    expect(v.message).to.contain('values:');
  });

  it('sends repository credentials to the repository only, never to another origin named by the index', async () => {
    const repo = `${server.origin}/private`;
    const auth = { type: 'basic' as const, usernameFromEnv: 'HELM_USER', passwordFromEnv: 'HELM_PASS' };
    other.requests.length = 0;
    const got = await helmSource(platformImport(repo, { auth }), loopback).fetch(context({ env: { HELM_USER: user, HELM_PASS: password } }));
    expect(got.digest).to.equal(sha256Digest(platformTgz));
    expect(other.requests).to.have.length(1);
    expect(other.requests[0]!.headers.authorization).to.equal(undefined);
    const e = await rejection(helmSource(platformImport(repo, { auth }), loopback).fetch(context({ env: { HELM_USER: user, HELM_PASS: 'nope' } })));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('$HELM_USER and $HELM_PASS');
    const none = await rejection(helmSource(platformImport(repo), loopback).fetch(context()));
    expect(none.code).to.equal('IMPORT_AUTH_FAILED');
  });

  describe('oci:// charts pushed by helm push to a real registry', () => {
    let registry: TestRegistry;
    before(async () => {
      registry = await startRegistry();
      for (const tgz of ['platform-crds-3.2.1.tgz', 'templated-katalog-0.1.0.tgz']) {
        await helm.run(['push', join(repoDir, tgz), `oci://${registry.address}/charts`, '--plain-http']);
      }
    });
    after(async () => {
      await registry?.stop();
    });

    it('fetches the chart back, verified, with the same digest as the .tgz', async () => {
      const repo = `oci://${registry.address}/charts`;
      expectPlatform(await helmSource(platformImport(repo)).fetch(context()), repo);
    });

    it('renders a templated chart from the registry', async () => {
      const got = await helmSource({ repo: `oci://${registry.address}/charts/`, chart: 'templated-katalog', version: '0.1.0' }, { helmBinary: helm.helm }).fetch(context());
      expect(got.ref).to.equal(`helm:oci://${registry.address}/charts/templated-katalog@0.1.0`);
      expect(got.documents).to.have.length(1);
    });

    it('reports a missing chart version as IMPORT_NOT_FOUND', async () => {
      const e = await rejection(helmSource(platformImport(`oci://${registry.address}/charts`, { version: '9.9.9' })).fetch(context()));
      expect(e.code).to.equal('IMPORT_NOT_FOUND');
    });

    it('refuses a chart blob altered in the registry storage with DIGEST_MISMATCH', async () => {
      // Its own bytes (another appVersion), so that no other test shares the blob being altered.
      const dir = tempDir('helm-oci-tamper');
      await helm.run(['package', join(chartsDir, 'platform-crds'), '--app-version', 'tamper', '-d', dir]);
      const own = readFileSync(join(dir, 'platform-crds-3.2.1.tgz'));
      expect(own.equals(platformTgz)).to.equal(false);
      await helm.run(['push', join(dir, 'platform-crds-3.2.1.tgz'), `oci://${registry.address}/tamper`, '--plain-http']);
      const hex = sha256Digest(own).slice('sha256:'.length);
      const blob = join(registry.dir, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
      writeFileSync(blob, Buffer.concat([own.subarray(0, own.length - 1), Buffer.from([own[own.length - 1]! ^ 1])]));
      const e = await rejection(helmSource(platformImport(`oci://${registry.address}/tamper`)).fetch(context()));
      expect(e.code).to.equal('DIGEST_MISMATCH');
    });
  });
});
