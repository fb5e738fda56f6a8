// How a Motif import names an OCI artifact without oci: (resolver/compose/motif-ref.ts): a path, a
// full reference or a registry short name, and the reference a short name expands to under
// ORK_MOTIFS_REGISTRY (or upstream's default registry), with every bad input one line.
import { expect } from 'chai';
import { DEFAULT_MOTIF_REGISTRY, expandShortName, motifRefKind, parseShortName, type ShortName } from '../../../resolver/compose/motif-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function expanded(ref: string, registry: string | undefined, version?: string): string {
  const name = parseShortName(ref, version) as ShortName;
  expect(name, JSON.stringify(name)).to.not.have.property('problem');
  const got = expandShortName(name, registry, version);
  if ('problem' in got) throw new Error(got.problem);
  return got.ref;
}

describe('resolver/compose/motif-ref', () => {
  it('tells paths, full references and short names apart as the Go runtime does', () => {
    for (const ref of ['./postgres', '../motifs/pg', '/abs/pg', 'postgres.yaml', 'motif.YML', 'pg.json', 'https://example.org/pg', 'a b', 'c:\\pg']) expect(motifRefKind(ref), ref).to.equal('file');
    for (const ref of ['ghcr.io/acme/pg:v1', '127.0.0.1:5000/pg:v1', 'localhost/pg:v1', 'registry:5000/pg']) expect(motifRefKind(ref), ref).to.equal('full');
    for (const ref of ['postgres', 'postgres:v16', 'team/postgres:v16', `pg@${DIGEST}`]) expect(motifRefKind(ref), ref).to.equal('short');
  });

  it('expands a short name under the registry, an oci:// and a trailing / dropped', () => {
    expect(expanded('postgres:v16', '127.0.0.1:5000/motifs')).to.equal('127.0.0.1:5000/motifs/postgres:v16');
    expect(expanded('team/postgres:v16', 'oci://ghcr.io/acme/motifs/')).to.equal('ghcr.io/acme/motifs/team/postgres:v16');
    expect(expanded(`pg@${DIGEST}`, 'localhost/m')).to.equal(`localhost/m/pg@${DIGEST}`);
    expect(expanded(`pg:v1@${DIGEST}`, 'localhost/m')).to.equal(`localhost/m/pg:v1@${DIGEST}`);
  });

  it('takes version: as the tag when the name carries none; a written tag wins', () => {
    expect(expanded('postgres', 'r.example/m', 'v3')).to.equal('r.example/m/postgres:v3');
    expect(expanded('postgres:v1', 'r.example/m', 'v3')).to.equal('r.example/m/postgres:v1');
  });

  it("uses upstream's default registry when the variable is unset or empty, and says so", () => {
    for (const registry of [undefined, '', '  ']) {
      const got = expandShortName({ path: 'postgres', tag: 'v16' }, registry);
      expect(got).to.deep.equal({ ref: `${DEFAULT_MOTIF_REGISTRY}/postgres:v16`, from: `the default Motif registry ${DEFAULT_MOTIF_REGISTRY} (ORK_MOTIFS_REGISTRY is not set)` });
    }
    expect(DEFAULT_MOTIF_REGISTRY).to.equal('ghcr.io/orkspace/orkestra-registry/patterns/motifs');
  });

  for (const [ref, version, expected] of [
    ['postgres', undefined, /names no tag: write postgres:<tag> or give version: \(the Go runtime would take the moving "latest"/],
    ['postgres', 'not a tag', /names no tag/],
    ['Postgres:v1', undefined, /"Postgres" is not a valid repository name/],
    ['pg:v/1', undefined, /"v\/1" is not a valid tag|"pg:v" is not a valid repository name/],
    ['pg:', undefined, /"" is not a valid tag/],
    ['pg@v1', undefined, /"@v1" is no digest: write a tag with ':'/],
    ['team//pg:v1', undefined, /"" is not a valid repository name/],
  ] as const) {
    it(`refuses ${JSON.stringify(ref)}${version ? ` with version ${JSON.stringify(version)}` : ''} in one line`, () => {
      const got = parseShortName(ref, version);
      expect(got).to.have.property('problem').that.matches(expected).and.does.not.include('\n');
    });
  }

  for (const registry of ['acme/motifs', 'ghcr.io/Acme', 'https://ghcr.io/acme', 'ghcr.io/a b']) {
    it(`refuses ORK_MOTIFS_REGISTRY=${JSON.stringify(registry)}, saying what to give`, () => {
      const got = expandShortName({ path: 'pg', tag: 'v1' }, registry);
      expect(got).to.have.property('problem').that.matches(/^ORK_MOTIFS_REGISTRY=".*" is not a registry: give host\[:port\]\/path \(e\.g\. ghcr\.io\/acme\/motifs\), or write the Motif's full OCI reference/);
    });
  }
});
