import { expect } from 'chai';
import { ociTarget, layerUse, isWantedFile, ociSource, KATALOG_LAYER_MEDIA_TYPE, CRD_LAYER_MEDIA_TYPE, KATALOG_TAR_LAYER_MEDIA_TYPE } from '../../../resolver/sources/oci.js';
import { thrown, rejection } from '../../support/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('resolver/sources/oci target and layer layout', () => {
  it('maps both spellings to one target; plain http only for loopback or an explicit http:// URL', () => {
    const a = ociTarget({ ref: '127.0.0.1:5000/o/p:1.0' });
    expect(a.plainHttp).to.equal(true);
    expect(a.label).to.equal('oci:127.0.0.1:5000/o/p:1.0');
    expect(ociTarget({ ref: 'registry.example.org/o/p:1.0' }).plainHttp).to.equal(false);
    const b = ociTarget({ url: 'oci://registry.example.org/o/p', oci: true, version: '1.0' });
    expect(b.reference).to.deep.equal({ registry: 'registry.example.org', repository: 'o/p', tag: '1.0' });
    expect(b.plainHttp).to.equal(false);
    expect(ociTarget({ url: 'https://localhost:5000/o/p', version: '1.0' }).plainHttp).to.equal(false);
    expect(ociTarget({ url: 'http://localhost:5000/o/p', version: D }).reference.digest).to.equal(D);
    expect(thrown(() => ociTarget({ url: 'registry.example.org/o/p', oci: true })).message).to.contain('version');
    expect(thrown(() => ociTarget({ url: 'ftp://registry.example.org/o/p', version: '1' })).message).to.contain('https://');
    expect(thrown(() => ociTarget({ ref: 'r.io/a:1', digest: 'md5:x' })).code).to.equal('IMPORT_INVALID');
  });

  it('refuses plain http to a registry that is not on this machine, before any request', async () => {
    const e = await rejection(ociSource({ url: 'http://registry.example.org/o/p', oci: true, version: '1' }).fetch({ env: {}, baseDir: '.', allowOutsidePaths: false }));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('plain http');
  });

  const layers: Array<[string, string | undefined, string]> = [
    [KATALOG_LAYER_MEDIA_TYPE, undefined, 'raw:katalog.yaml'],
    [KATALOG_LAYER_MEDIA_TYPE, 'ops/katalog.yaml', 'raw:ops/katalog.yaml'],
    [CRD_LAYER_MEDIA_TYPE, undefined, `raw:crds/${'c'.repeat(12)}.yaml`],
    [KATALOG_TAR_LAYER_MEDIA_TYPE, undefined, 'tar'],
    ['application/vnd.oci.image.layer.v1.tar+gzip', 'bundle', 'tar'],
    ['application/vnd.oci.image.layer.v1.tar', 'katalog.yaml', 'raw:katalog.yaml'],
    ['application/yaml', 'crds/site.yaml', 'raw:crds/site.yaml'],
    ['application/yaml', 'values.yaml', 'skip'],
    ['text/markdown', 'README.md', 'skip'],
    ['application/octet-stream', undefined, 'skip'],
  ];
  for (const [mediaType, title, want] of layers) {
    it(`layer ${mediaType}${title ? ` titled ${title}` : ''} → ${want}`, () => {
      const use = layerUse({ mediaType, digest: D, size: 1, ...(title ? { annotations: { 'org.opencontainers.image.title': title } } : {}) });
      expect(use.kind === 'raw' ? `raw:${use.path}` : use.kind).to.equal(want);
    });
  }
  const files: Array<[string, boolean]> = [
    ['katalog.yaml', true],
    ['katalog.yml', true],
    ['katalog.json', true],
    ['sub/katalog.yaml', true],
    ['crds/a.yaml', true],
    ['x/crds/b.json', true],
    ['crds/readme.md', false],
    ['values.yaml', false],
    ['mykatalog.yaml', false],
  ];
  for (const [path, want] of files) {
    it(`isWantedFile(${path}) = ${want}`, () => expect(isWantedFile(path)).to.equal(want));
  }
});

describe('resolver/sources/oci ociSource construction', () => {
  it('never throws when built; a malformed import is rejected by fetch() under its label', async () => {
    const source = ociSource({ ref: 'postgres:1.0' });
    expect(source.label).to.equal('oci:postgres:1.0');
    const e = await rejection(source.fetch({ env: {}, baseDir: '.', allowOutsidePaths: false }));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.source).to.equal('oci:postgres:1.0');
  });
});
