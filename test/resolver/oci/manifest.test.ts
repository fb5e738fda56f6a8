import { expect } from 'chai';
import { parseManifest } from '../../../resolver/oci/manifest.js';
import { thrown } from '../../support/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('resolver/oci/manifest parseManifest', () => {
  const desc = { mediaType: 'a', digest: D, size: 1 };
  it('recognises a manifest and an index, taking the media type from the body or the header', () => {
    const m = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: desc, layers: [desc] })), 'application/vnd.docker.distribution.manifest.v2+json', 'l', 'm');
    expect(m.kind).to.equal('manifest');
    expect(m.mediaType).to.equal('application/vnd.docker.distribution.manifest.v2+json');
    const i = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [desc] })), undefined, 'l', 'm');
    expect(i.kind).to.equal('index');
  });
  const bad: Array<[string, unknown, RegExp]> = [
    ['not JSON', 'nope', /JSON object/],
    ['schema 1', { schemaVersion: 1, fsLayers: [] }, /schemaVersion 1/],
    ['no layers', { schemaVersion: 2, config: desc }, /neither/],
    ['a layer without a size', { schemaVersion: 2, config: desc, layers: [{ mediaType: 'a', digest: D }] }, /neither/],
  ];
  for (const [title, body, says] of bad) {
    it(`refuses ${title}`, () => {
      const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      expect(thrown(() => parseManifest(bytes, undefined, 'l', 'm')).message).to.match(says);
    });
  }
});
