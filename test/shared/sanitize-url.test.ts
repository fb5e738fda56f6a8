import { expect } from 'chai';
import { hasUserinfo, sanitizeUrl } from '../../shared/sanitize-url.js';

describe('shared/sanitize-url', () => {
  const cases: Array<[string, string]> = [
    ['https://example.org/a/katalog.yaml', 'https://example.org/a/katalog.yaml'],
    ['https://user:s3cret@example.org/a.yaml', 'https://example.org/a.yaml'],
    ['https://tok@example.org:8443/a.yaml?x=1', 'https://example.org:8443/a.yaml'],
    ['https://example.org/a.yaml?access_token=s3cret#frag', 'https://example.org/a.yaml'],
    ['https://example.org/a.yaml#id_token=s3cret', 'https://example.org/a.yaml'],
    ['oci://user:s3cret@registry.example.org/charts', 'oci://registry.example.org/charts'],
    ['https://example.org', 'https://example.org/'],
    // Not parseable as URLs: scrubbed textually.
    ['https://us er:s3cret@exa mple.org/a?token=s3cret', 'https://exa mple.org/a'],
    ['user:s3cret@registry.example.org/repo:1.0', 'registry.example.org/repo:1.0'],
    ['registry.example.org/repo@sha256:abc', 'registry.example.org/repo@sha256:abc'],
  ];
  for (const [input, expected] of cases) {
    it(`sanitizeUrl(${JSON.stringify(input)}) = ${expected}`, () => {
      expect(sanitizeUrl(input)).to.equal(expected);
      expect(sanitizeUrl(input)).not.to.contain('s3cret');
    });
  }

  const userinfo: Array<[string, boolean]> = [
    ['https://u:p@host/x', true],
    ['https://u@host/x', true],
    ['https://host/x?u=p@q', false],
    ['https://host/x', false],
    ['https://u p:x@ho st/x', true],
  ];
  for (const [input, expected] of userinfo) {
    it(`hasUserinfo(${JSON.stringify(input)}) = ${expected}`, () => expect(hasUserinfo(input)).to.equal(expected));
  }
});
