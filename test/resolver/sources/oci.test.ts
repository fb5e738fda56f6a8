// The oci source against a real docker-registry on 127.0.0.1: artifacts pushed over the
// distribution API by the test, fetched by tag and by digest, with and without htpasswd auth, and
// with blobs tampered with in the registry's storage.
import { expect } from 'chai';
import { readFileSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ociSource, KATALOG_ARTIFACT_TYPE, KATALOG_LAYER_MEDIA_TYPE, CRD_LAYER_MEDIA_TYPE, KATALOG_TAR_LAYER_MEDIA_TYPE } from '../../../resolver/sources/oci.js';
import type { SourceContext, FetchedImport } from '../../../resolver/sources/source.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { tempDir } from '../../support/tools.js';
import { pushArtifact, pushManifest, blobDataPath, type PushTarget } from '../../fixtures/oci/push.js';
import { tgz } from '../../fixtures/oci/tarball.js';
import { rejection } from '../../support/errors.js';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/oci/artifact/', import.meta.url));
const katalogText = readFileSync(join(fixtures, 'katalog.yaml'), 'utf8');
const crdText = readFileSync(join(fixtures, 'crds/database.yaml'), 'utf8');

function context(env: Record<string, string | undefined> = {}): SourceContext {
  return { env, baseDir: '/nonexistent', allowOutsidePaths: false };
}

const standardLayers = [
  { mediaType: KATALOG_LAYER_MEDIA_TYPE, data: katalogText, title: 'katalog.yaml' },
  { mediaType: CRD_LAYER_MEDIA_TYPE, data: crdText, title: 'crds/database.yaml' },
  { mediaType: 'text/markdown', data: '# not taken\n', title: 'README.md' },
];

describe('resolver/sources/oci against a real registry', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let target: PushTarget;
  let pushed: Awaited<ReturnType<typeof pushArtifact>>;

  before(async () => {
    registry = await startRegistry();
    target = { address: registry.address, repository: 'orkestra/postgres', tag: '1.4.0' };
    pushed = await pushArtifact(target, standardLayers, { artifactType: KATALOG_ARTIFACT_TYPE });
  });
  after(async () => {
    await registry?.stop();
  });

  function expectPostgres(got: FetchedImport): void {
    expect(got.ref).to.equal(`oci:${registry.address}/orkestra/postgres@${pushed.manifestDigest}`);
    expect(got.digest).to.equal(pushed.manifestDigest);
    expect(got.size).to.equal(pushed.manifest.length);
    expect(got.mediaType).to.equal('application/vnd.oci.image.manifest.v1+json');
    expect(got.documents).to.deep.equal([
      { path: 'katalog.yaml', text: katalogText },
      { path: 'crds/database.yaml', text: crdText },
    ]);
  }

  it('fetches an artifact by tag, taking the katalog and CRD layers and recording the manifest digest', async () => {
    const source = ociSource({ ref: `${registry.address}/orkestra/postgres:1.4.0` });
    expect(source.label).to.equal(`oci:${registry.address}/orkestra/postgres:1.4.0`);
    expectPostgres(await source.fetch(context()));
  });

  it('fetches the same artifact by digest', async () => {
    expectPostgres(await ociSource({ ref: `${registry.address}/orkestra/postgres@${pushed.manifestDigest}` }).fetch(context()));
  });

  it("accepts the Go runtime's registry: {url, oci: true, version} spelling", async () => {
    expectPostgres(await ociSource({ url: `oci://${registry.address}/orkestra/postgres`, oci: true, version: '1.4.0' }).fetch(context()));
    expectPostgres(await ociSource({ url: `http://${registry.address}/orkestra/postgres/`, oci: true, version: pushed.manifestDigest }).fetch(context()));
  });

  it("reads the version from the url of upstream's string form (oci://host/repo:tag, @tag, @sha256:…)", async () => {
    for (const url of [`oci://${registry.address}/orkestra/postgres:1.4.0`, `oci://${registry.address}/orkestra/postgres@1.4.0`, `${registry.address}/orkestra/postgres@${pushed.manifestDigest}`]) {
      expectPostgres(await ociSource({ url, oci: true }).fetch(context()));
    }
    const none = await rejection(ociSource({ url: `oci://${registry.address}/orkestra/postgres`, oci: true }).fetch(context()));
    expect(none.message).to.equal('registry import needs version: (a tag, or sha256:<hex>), or the url ending :<tag> or @<tag>');
  });

  it('honours a matching digest: pin and refuses a different one with PIN_MISMATCH', async () => {
    const ref = `${registry.address}/orkestra/postgres:1.4.0`;
    expectPostgres(await ociSource({ ref, digest: pushed.manifestDigest }).fetch(context()));
    const other = `sha256:${'a'.repeat(64)}`;
    const e = await rejection(ociSource({ ref, digest: other }).fetch(context()));
    expect(e.code).to.equal('PIN_MISMATCH');
    expect(e.message).to.contain(other).and.to.contain(pushed.manifestDigest);
  });

  it('reports an unknown tag and an unknown digest as IMPORT_NOT_FOUND', async () => {
    const tag = await rejection(ociSource({ ref: `${registry.address}/orkestra/postgres:9.9.9` }).fetch(context()));
    expect(tag.code).to.equal('IMPORT_NOT_FOUND');
    expect(tag.message).to.contain('MANIFEST_UNKNOWN');
    const digest = await rejection(ociSource({ ref: `${registry.address}/orkestra/postgres@sha256:${'b'.repeat(64)}` }).fetch(context()));
    expect(digest.code).to.equal('IMPORT_NOT_FOUND');
  });

  it('takes katalog.yaml and crds/ files from a tar+gzip layer, ignoring other files', async () => {
    const layer = tgz([
      { name: 'katalog.yaml', data: katalogText },
      { name: 'crds/database.yaml', data: crdText },
      { name: 'README.md', data: 'no' },
      { name: 'values.yaml', data: 'a: 1' },
    ]);
    const t = { ...target, repository: 'orkestra/bundled', tag: 'v1' };
    const p = await pushArtifact(t, [{ mediaType: KATALOG_TAR_LAYER_MEDIA_TYPE, data: layer, title: 'katalog' }]);
    const got = await ociSource({ ref: `${registry.address}/orkestra/bundled:v1` }).fetch(context());
    expect(got.digest).to.equal(p.manifestDigest);
    expect(got.documents).to.deep.equal([
      { path: 'katalog.yaml', text: katalogText },
      { path: 'crds/database.yaml', text: crdText },
    ]);
  });

  it('refuses an unsafe tar layer with ARCHIVE_UNSAFE', async () => {
    const t = { ...target, repository: 'orkestra/evil', tag: 'v1' };
    await pushArtifact(t, [{ mediaType: KATALOG_TAR_LAYER_MEDIA_TYPE, data: tgz([{ name: '../katalog.yaml', data: katalogText }]) }]);
    const e = await rejection(ociSource({ ref: `${registry.address}/orkestra/evil:v1` }).fetch(context()));
    expect(e.code).to.equal('ARCHIVE_UNSAFE');
    expect(e.message).to.contain('"../katalog.yaml"');
  });

  it('takes raw files pushed oras-style (generic media type, title annotation)', async () => {
    const t = { ...target, repository: 'orkestra/oras', tag: 'v1' };
    await pushArtifact(t, [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', data: katalogText, title: 'katalog.yaml' }]);
    const got = await ociSource({ ref: `${registry.address}/orkestra/oras:v1` }).fetch(context());
    expect(got.documents).to.deep.equal([{ path: 'katalog.yaml', text: katalogText }]);
  });

  it('follows an index to its Orkestra manifest', async () => {
    const t = { ...target, repository: 'orkestra/postgres', tag: 'indexed' };
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: pushed.manifestDigest, size: pushed.manifest.length, artifactType: KATALOG_ARTIFACT_TYPE },
        ],
      }),
    );
    const indexDigest = await pushManifest(t, index, 'application/vnd.oci.image.index.v1+json');
    const got = await ociSource({ ref: `${registry.address}/orkestra/postgres:indexed` }).fetch(context());
    expect(got.digest).to.equal(indexDigest);
    expect(got.ref).to.equal(`oci:${registry.address}/orkestra/postgres@${indexDigest}`);
    expect(got.mediaType).to.equal('application/vnd.oci.image.index.v1+json');
    expect(got.documents.map((d) => d.path)).to.deep.equal(['katalog.yaml', 'crds/database.yaml']);
  });

  it('refuses an artifact without a katalog or CRD layer, listing its layers', async () => {
    const t = { ...target, repository: 'orkestra/empty', tag: 'v1' };
    await pushArtifact(t, [{ mediaType: 'text/plain', data: 'hello', title: 'notes.txt' }]);
    const e = await rejection(ociSource({ ref: `${registry.address}/orkestra/empty:v1` }).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('text/plain (notes.txt)');
  });

  it('refuses a Helm chart pulled as an oci: import, pointing at helm:', async () => {
    const t = { ...target, repository: 'charts/thing', tag: '0.1.0' };
    await pushArtifact(t, [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', data: tgz([{ name: 'thing/Chart.yaml', data: 'name: thing' }]) }], {
      configMediaType: 'application/vnd.cncf.helm.config.v1+json',
    });
    const e = await rejection(ociSource({ ref: `${registry.address}/charts/thing:0.1.0` }).fetch(context()));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('helm:');
  });

  it('detects a layer blob altered in the registry storage (same size, then longer) as DIGEST_MISMATCH', async () => {
    const t = { ...target, repository: 'orkestra/tampered', tag: 'v1' };
    const katalog = katalogText.replace('postgres', 'tampered');
    const p = await pushArtifact(t, [{ mediaType: KATALOG_LAYER_MEDIA_TYPE, data: katalog, title: 'katalog.yaml' }]);
    const file = blobDataPath(join(registry.dir, 'data'), p.layerDigests[0]!);
    writeFileSync(file, katalog.replace('tampered', 'TAMPERED'));
    const ref = `${registry.address}/orkestra/tampered:v1`;
    const same = await rejection(ociSource({ ref }).fetch(context()));
    expect(same.code).to.equal('DIGEST_MISMATCH');
    expect(same.message).to.contain(p.layerDigests[0]!);
    appendFileSync(file, 'extra: true\n');
    const longer = await rejection(ociSource({ ref }).fetch(context()));
    expect(longer.code).to.equal('DIGEST_MISMATCH');
  });

  it('detects a manifest altered in the registry storage as DIGEST_MISMATCH, by tag and by digest', async () => {
    const t = { ...target, repository: 'orkestra/tampered-manifest', tag: 'v1' };
    const p = await pushArtifact(t, standardLayers, { artifactType: KATALOG_ARTIFACT_TYPE });
    const file = blobDataPath(join(registry.dir, 'data'), p.manifestDigest);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('README.md', 'README.MD'));
    for (const ref of [`${registry.address}/orkestra/tampered-manifest:v1`, `${registry.address}/orkestra/tampered-manifest@${p.manifestDigest}`]) {
      const e = await rejection(ociSource({ ref }).fetch(context()));
      expect(e.code, ref).to.equal('DIGEST_MISMATCH');
      expect(e.message).to.contain(p.manifestDigest);
    }
  });
});

describe('resolver/sources/oci against a registry with htpasswd auth', function () {
  this.timeout(60_000);
  const user = 'puller';
  const password = 'correct-horse-battery';
  let registry: TestRegistry;
  let pushed: Awaited<ReturnType<typeof pushArtifact>>;
  let ref: string;
  const auth = { type: 'basic' as const, usernameFromEnv: 'REG_USER', passwordFromEnv: 'REG_PASS' };

  before(async () => {
    registry = await startRegistry({ htpasswd: { user, password } });
    const target = { address: registry.address, repository: 'private/katalog', tag: '2.0.0', basic: `${user}:${password}` };
    pushed = await pushArtifact(target, standardLayers.slice(0, 1), { artifactType: KATALOG_ARTIFACT_TYPE });
    ref = `${registry.address}/private/katalog:2.0.0`;
  });
  after(async () => {
    await registry?.stop();
  });

  it('fetches with basic credentials from auth: variables, by tag and by digest', async () => {
    const env = { REG_USER: user, REG_PASS: password };
    const byTag = await ociSource({ ref, auth }).fetch(context(env));
    expect(byTag.digest).to.equal(pushed.manifestDigest);
    expect(byTag.documents).to.deep.equal([{ path: 'katalog.yaml', text: katalogText }]);
    const byDigest = await ociSource({ ref: `${registry.address}/private/katalog@${pushed.manifestDigest}`, auth }).fetch(context(env));
    expect(byDigest.ref).to.equal(byTag.ref);
  });

  it('refuses a wrong password with IMPORT_AUTH_FAILED naming the variables, never the value', async () => {
    const wrong = 'wrong-password-value';
    const e = await rejection(ociSource({ ref, auth }).fetch(context({ REG_USER: user, REG_PASS: wrong })));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('$REG_PASS');
    expect(e.message).not.to.contain(wrong);
    expect(JSON.stringify(e)).not.to.contain(wrong);
  });

  it('without credentials says that the registry requires them (IMPORT_AUTH_FAILED)', async () => {
    const e = await rejection(ociSource({ ref }).fetch(context()));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('requires credentials').and.to.contain('auth:');
  });

  it('reports an unset auth variable as IMPORT_AUTH_MISSING before any request', async () => {
    const e = await rejection(ociSource({ ref, auth }).fetch(context({ REG_USER: user })));
    expect(e.code).to.equal('IMPORT_AUTH_MISSING');
    expect(e.message).to.contain('REG_PASS');
  });

  it('takes credentials from a docker config.json named by DOCKER_CONFIG when auth: is absent', async () => {
    const dir = tempDir('docker-config');
    mkdirSync(dir, { recursive: true });
    const write = (pass: string): void =>
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${registry.address}`]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } }));
    write(password);
    const got = await ociSource({ ref }).fetch(context({ DOCKER_CONFIG: dir }));
    expect(got.digest).to.equal(pushed.manifestDigest);
    write('stale-password');
    const e = await rejection(ociSource({ ref }, { dockerConfig: join(dir, 'config.json') }).fetch(context()));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain(join(dir, 'config.json'));
    expect(e.message).not.to.contain('stale-password');
  });
});
