// The Git forms of a registry import against a real Git repository (built with the git CLI and
// read over file://): upstream's older `katalog: {<name>: {sha | version | branch}}` protocol and
// the `oci: false` pattern form, each pinned to the commit SHA its ref named, with the CRD file the
// Katalog names read from the same commit; through resolveKomposer into the payload's imports; and
// the refusals (transport, missing file, unknown ref, useKomposer).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveKomposer } from '../../../resolver/resolve.js';
import { gitRegistrySources } from '../../../resolver/sources/git-registry.js';
import type { SourceContext } from '../../../resolver/sources/source.js';
import type { RegistryImport } from '../../../shared/katalog/types.js';
import { OrkError } from '../../../shared/errors.js';
import { makeTestCa, startHttpServer, startHttpsServer } from '../../support/https-server.js';
import { tempDir } from '../../support/tools.js';

const katalog = (name: string, image: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: ${name}}
spec:
  crds:
    shop:
      crdFile: ./crd.yaml
      operatorBox:
        onCreate:
          deployments: [{name: "{{ .metadata.name }}", image: ${image}}]
`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: shops.git.example.org}
spec:
  group: git.example.org
  scope: Namespaced
  names: {kind: Shop, plural: shops}
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
`;

describe('resolver/sources/git-registry (real git, file://)', function () {
  this.timeout(30_000);
  const dir = tempDir('git-registry');
  const repo = join(dir, 'registry');
  const url = `file://${repo}`;
  const commits: string[] = [];
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { encoding: 'utf8' }).trim();
  const context: SourceContext = { env: {}, baseDir: dir, allowOutsidePaths: false };
  const fetchOne = (spec: RegistryImport, allowLoopback = true) => gitRegistrySources(spec, { allowLoopback })[0]!.source.fetch(context);
  const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as OrkError);

  before(() => {
    mkdirSync(join(repo, 'registry', 'katalogs', 'shop'), { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    for (const [i, image] of ['shop:1', 'shop:2'].entries()) {
      writeFileSync(join(repo, 'registry', 'katalogs', 'shop', 'katalog.yaml'), katalog('shop', image));
      writeFileSync(join(repo, 'registry', 'katalogs', 'shop', 'crd.yaml'), crd);
      writeFileSync(join(repo, 'katalog.yaml'), katalog('root-pattern', image));
      writeFileSync(join(repo, 'crd.yaml'), crd);
      git('add', '.');
      git('commit', '-q', '-m', `c${i}`);
      commits.push(git('rev-parse', 'HEAD'));
      if (i === 0) git('tag', 'v1.0.0');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('katalog: {name: {sha}} reads registry/katalogs/<name>/katalog.yaml at that commit, with its crdFile', async () => {
    const got = await fetchOne({ url, katalog: { shop: { sha: commits[0]! } } } as unknown as RegistryImport);
    const path = 'registry/katalogs/shop/katalog.yaml';
    expect(got.ref).to.equal(`url:${url}@${commits[0]}/${path}`);
    expect(got.digest).to.equal(`sha256:${createHash('sha256').update(katalog('shop', 'shop:1')).digest('hex')}`);
    expect(got.documents.map((d) => d.path)).to.deep.equal([path, 'registry/katalogs/shop/crd.yaml']);
    expect(got.documents[0]!.text).to.contain('image: shop:1');
  });

  it('a branch names its newest commit, a version its tag; the label says what was asked for', async () => {
    const branch = await fetchOne({ url, katalog: { shop: { branch: 'main' } } } as unknown as RegistryImport);
    expect(branch.ref).to.contain(`@${commits[1]}/`);
    const sources = gitRegistrySources({ url, katalog: { shop: { version: 'v1.0.0' } } } as unknown as RegistryImport, { allowLoopback: true });
    expect(sources[0]!.source.label).to.equal(`git:${url}@v1.0.0/registry/katalogs/shop/katalog.yaml`);
    expect((await sources[0]!.source.fetch(context)).ref).to.contain(`@${commits[0]}/`);
  });

  it('oci: false reads the pattern\'s katalog.yaml at the repository root, url@ref or url + version', async () => {
    const shorthand = await fetchOne({ url: `${url}@v1.0.0`, oci: false });
    expect(shorthand.ref).to.equal(`url:${url}@${commits[0]}/katalog.yaml`);
    expect(shorthand.documents.map((d) => d.path)).to.deep.equal(['katalog.yaml', 'crd.yaml']);
    const versioned = await fetchOne({ url, oci: false, version: 'main' });
    expect(versioned.ref).to.equal(`url:${url}@${commits[1]}/katalog.yaml`);
  });

  it('refuses file:// without the loopback flag, a missing Katalog, an unknown ref and useKomposer, each precisely', async () => {
    const transport = await caught(fetchOne({ url, katalog: { shop: {} } } as unknown as RegistryImport, false));
    expect(transport?.code).to.equal('IMPORT_INVALID');
    expect(transport?.message).to.contain('a Git repository is fetched over https://');
    const missing = await caught(fetchOne({ url, katalog: { cart: { branch: 'main' } } } as unknown as RegistryImport));
    expect(missing?.code).to.equal('IMPORT_NOT_FOUND');
    expect(missing?.message).to.equal(`commit ${commits[1]!.slice(0, 12)} (main) has no registry/katalogs/cart/katalog.yaml; check the name and the ref`);
    const ref = await caught(fetchOne({ url, katalog: { shop: { branch: 'nope' } } } as unknown as RegistryImport));
    expect(ref?.code).to.equal('IMPORT_NOT_FOUND');
    expect(ref?.message).to.contain(`git fetch of ${url} at nope: couldn't find remote ref nope`);
    const nested = await caught(fetchOne({ url, oci: false, useKomposer: true }));
    expect(nested?.message).to.contain('useKomposer is resolved for OCI artifacts only');
  });

  it('sends auth: as an Authorization header to a real HTTP server, and never repeats the token', async () => {
    const seen: (string | undefined)[] = [];
    const server = await startHttpServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(404).end('no such repository');
    });
    try {
      const spec = { url: `${server.origin}/org/registry.git`, auth: { type: 'bearer', fromEnv: 'GIT_TOKEN' }, katalog: { shop: { branch: 'main' } } } as unknown as RegistryImport;
      const failed = await caught(gitRegistrySources(spec, { allowLoopback: true })[0]!.source.fetch({ ...context, env: { GIT_TOKEN: 'git-s3cret-token' } }));
      expect(seen.length).to.be.greaterThan(0);
      expect(seen.every((h) => h === 'Bearer git-s3cret-token'), JSON.stringify(seen)).to.equal(true);
      expect(failed?.code).to.equal('IMPORT_FETCH_FAILED');
      expect(failed?.message).to.contain(`git fetch of ${server.origin}/org/registry.git at main:`);
      expect(failed?.message).not.to.contain('s3cret');
      const unset = await caught(gitRegistrySources(spec, { allowLoopback: true })[0]!.source.fetch(context));
      expect(unset?.code).to.equal('IMPORT_AUTH_MISSING');
    } finally {
      await server.close();
    }
  });

  it('trusts --ca-file\'s CA for an https repository (a private CA is refused without it)', async () => {
    const ca = await makeTestCa();
    const seen: string[] = [];
    const server = await startHttpsServer(ca, (req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(404).end();
    });
    try {
      const spec = { url: `${server.origin}/org/registry.git`, katalog: { shop: {} } } as unknown as RegistryImport;
      const untrusted = await caught(gitRegistrySources(spec)[0]!.source.fetch(context));
      expect(untrusted?.code).to.equal('IMPORT_FETCH_FAILED');
      expect(seen, 'no request gets through an untrusted TLS handshake').to.deep.equal([]);
      const trusted = await caught(gitRegistrySources(spec)[0]!.source.fetch({ ...context, caCertificates: ca.caCert }));
      expect(trusted?.code).to.equal('IMPORT_FETCH_FAILED');
      expect(seen.some((u) => u.startsWith('/org/registry.git/info/refs')), JSON.stringify(seen)).to.equal(true);
    } finally {
      await server.close();
      await ca.remove();
    }
  });

  it('resolves through resolveKomposer: the Katalog, its CRD, and the commit in the payload\'s imports', async () => {
    writeFileSync(join(dir, 'komposer.yaml'), `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: gitted}\nimports:\n  registry:\n    - url: ${url}\n      katalog:\n        shop: {sha: ${commits[0]}}\n`);
    const got = await resolveKomposer({ komposer: 'komposer.yaml', cwd: dir, env: {}, sources: { allowHttpLoopback: true } });
    expect(got.imports.map((i) => [i.source, i.ref])).to.deep.equal([[`git:${url}@${commits[0]}/registry/katalogs/shop/katalog.yaml`, `url:${url}@${commits[0]}/registry/katalogs/shop/katalog.yaml`]]);
    expect(got.payload.crds.map((c) => c.metadata.name)).to.deep.equal(['shops.git.example.org']);
    expect(Object.keys(got.payload.katalog.spec.crds)).to.deep.equal(['shop']);
  });
});
