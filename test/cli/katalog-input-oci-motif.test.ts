// `ork validate` and `ork template` of a Katalog that imports a Motif by OCI reference
// (cli/katalog-input.ts), with the Motif in a real registry on 127.0.0.1: validate checks the local
// files and leaves the Motif to resolve with one warning (upstream's registry-guide Katalogs import
// `oci://…` Motifs that are not reachable from every machine); template fetches it as `ork resolve`
// does and renders what it contributes; template --offline refuses it with one line.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { LIGHT_CR, LIGHTS_KATALOG_HEAD, orkIn, pushLampMotif } from './lamp-motif.js';

const katalog = (ref: string) => `${LIGHTS_KATALOG_HEAD}      imports:
        - motif: ${ref}
          with: {image: "{{ .spec.image }}"}
`;

describe('cli ork validate / ork template of a Katalog importing an OCI Motif', () => {
  let dir: string;
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
    await pushLampMotif(registry);
    dir = mkdtempSync(join(tmpdir(), 'ork-oci-motif-'));
    writeFileSync(join(dir, 'katalog.yaml'), katalog(`oci://${registry.address}/motifs/lamp:v1`));
    writeFileSync(join(dir, 'gone.yaml'), katalog('oci://127.0.0.1:9/motifs/gone:v1'));
    writeFileSync(join(dir, 'cr.yaml'), LIGHT_CR);
  });
  after(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('validate accepts it, leaving the Motif to resolve with one warning (even when unreachable)', async () => {
    const got = await orkIn(dir, ['validate', '-f', 'gone.yaml']);
    expect(got.code, got.err).to.equal(0);
    expect(got.err).to.match(/^warning: gone\.yaml:\d+:\d+: spec\.crds\.light\.imports\[0\]: the OCI Motif oci:\/\/127\.0\.0\.1:9\/motifs\/gone:v1 is not fetched here/m);
  });

  it('template fetches the Motif and renders its Deployment', async () => {
    const got = await orkIn(dir, ['template', '-f', 'katalog.yaml', '--cr', 'cr.yaml']);
    expect(got.code, got.err).to.equal(0);
    expect(got.out).to.include('name: desk-lamp').and.to.include('image: lamp:2');
  });

  it('template --offline refuses it with one line naming the import', async () => {
    const got = await orkIn(dir, ['template', '-f', 'katalog.yaml', '--cr', 'cr.yaml', '--offline']);
    expect(got.code).to.equal(2);
    expect(got.err).to.match(/katalog\.yaml:\d+:\d+: spec\.crds\.light\.imports\[0\]: the OCI Motif .* is fetched by ork resolve and ork run/);
    expect(got.err).to.not.match(/^\s+at /m);
  });
});
