import { expect } from 'chai';
import { formatReference, parseReference, type OciReference } from '../../../resolver/oci/reference.js';
import { thrown } from '../../support/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('resolver/oci/reference parseReference', () => {
  const good: Array<[string, OciReference]> = [
    ['registry.example.org/orkestra/postgres:1.4.0', { registry: 'registry.example.org', repository: 'orkestra/postgres', tag: '1.4.0' }],
    [`registry.example.org/orkestra/postgres@${D}`, { registry: 'registry.example.org', repository: 'orkestra/postgres', digest: D }],
    [`127.0.0.1:5000/a/b/c:v1@${D}`, { registry: '127.0.0.1:5000', repository: 'a/b/c', tag: 'v1', digest: D }],
    ['localhost/x:latest', { registry: 'localhost', repository: 'x', tag: 'latest' }],
    ['oci://Reg.Example.org/a_b/c-d:1.0', { registry: 'reg.example.org', repository: 'a_b/c-d', tag: '1.0' }],
  ];
  for (const [input, want] of good) {
    it(`parses ${input}`, () => {
      expect(parseReference(input, 'l')).to.deep.equal(want);
    });
  }
  const bad: Array<[string, RegExp]> = [
    ['postgres:1.0', /no registry host/],
    ['library/postgres:1.0', /not a registry host/],
    ['registry.example.org/orkestra/postgres', /neither a tag nor a digest/],
    ['registry.example.org/Orkestra/postgres:1', /repository name/],
    ['registry.example.org/x:-bad', /valid tag/],
    ['registry.example.org/x@sha256:abc', /sha256/],
    [`registry.example.org/x@sha512:${'a'.repeat(128)}`, /sha256/],
    ['oci://robot:s3cret@registry.example.org/x:1', /^OCI reference "registry\.example\.org\/x:1": a user or password is written in it/],
    ['robot:s3cret@registry.example.org/x:1', /^OCI reference "registry\.example\.org\/x:1": a user or password/],
  ];
  for (const [input, says] of bad) {
    it(`refuses ${input}`, () => {
      const e = thrown(() => parseReference(input, 'l'));
      expect(e.code).to.equal('IMPORT_INVALID');
      expect(e.message).to.match(says).and.not.to.contain('s3cret');
    });
  }
  it('formats a reference with the digest preferred over the tag', () => {
    expect(formatReference({ registry: 'r.io', repository: 'a', tag: 't', digest: D })).to.equal(`r.io/a@${D}`);
    expect(formatReference({ registry: 'r.io', repository: 'a', tag: 't' })).to.equal('r.io/a:t');
  });
});
