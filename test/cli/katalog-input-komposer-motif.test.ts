// A Katalog imported through a Komposer keeps its Motif imports and include fragments (issue #11):
// `ork template` of the Komposer renders what the Motif contributes, as it does for the Katalog
// given directly; `ork validate` reports a bad Motif of the imported Katalog at its file and line;
// an OCI Motif of an imported Katalog is fetched from a real registry on 127.0.0.1 (template) or
// left with a warning (validate), as for a top-level Katalog.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { LIGHT_CR, LIGHTS_KATALOG_HEAD, orkIn, pushLampMotif } from './lamp-motif.js';

const motif = (inputKey = 'name') => `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata: {name: lamp}
inputs:
  - {${inputKey}: image, required: true}
resources:
  configMaps:
    - name: "{{ .metadata.name }}-lamp"
      data: {image: "{{ .inputs.image }}"}
`;
const katalog = (ref: string) => `${LIGHTS_KATALOG_HEAD}      validation:
        include: ./rules.yaml
      imports:
        - motif: ${ref}
          with: {image: "{{ .spec.image }}"}
`;
const rules = 'rules:\n  - {field: spec.image, operator: exists, message: a light needs an image}\n';
const komposer = (file: string) => `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: home}\nimports:\n  files:\n    - ${file}\n`;

describe('cli ork template / ork validate of a Komposer importing a Katalog with Motifs', () => {
  let dir: string;
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
    await pushLampMotif(registry, motif());
    dir = mkdtempSync(join(tmpdir(), 'ork-komposer-motif-'));
    for (const sub of ['lights', 'broken', 'remote']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'lights', 'katalog.yaml'), katalog('./lamp.motif.yaml'));
    writeFileSync(join(dir, 'lights', 'lamp.motif.yaml'), motif());
    writeFileSync(join(dir, 'lights', 'rules.yaml'), rules);
    writeFileSync(join(dir, 'broken', 'katalog.yaml'), katalog('./lamp.motif.yaml'));
    writeFileSync(join(dir, 'broken', 'lamp.motif.yaml'), motif('title'));
    writeFileSync(join(dir, 'broken', 'rules.yaml'), rules);
    writeFileSync(join(dir, 'remote', 'katalog.yaml'), katalog(`oci://${registry.address}/motifs/lamp:v1`));
    writeFileSync(join(dir, 'remote', 'rules.yaml'), rules);
    writeFileSync(join(dir, 'komposer.yaml'), komposer('./lights/katalog.yaml'));
    writeFileSync(join(dir, 'broken.komposer.yaml'), komposer('./broken/katalog.yaml'));
    writeFileSync(join(dir, 'remote.komposer.yaml'), komposer('./remote/katalog.yaml'));
    writeFileSync(join(dir, 'cr.yaml'), LIGHT_CR);
  });
  after(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('template renders the local Motif of the imported Katalog, as for the Katalog given directly', async () => {
    const direct = await orkIn(dir, ['template', '-f', 'lights/katalog.yaml', '--cr', 'cr.yaml']);
    expect(direct.code, direct.err).to.equal(0);
    const through = await orkIn(dir, ['template', '-f', 'komposer.yaml', '--cr', 'cr.yaml']);
    expect(through.code, through.err).to.equal(0);
    expect(through.out).to.include('name: desk-lamp').and.to.include('image: lamp:2');
    // The same objects; only the owning Katalog's label names the Komposer.
    expect(through.out.replaceAll('katalog: home', 'katalog: lights')).to.equal(direct.out);
  });

  it('validate accepts it and reports a bad Motif of the imported Katalog at its file and line', async () => {
    const fine = await orkIn(dir, ['validate', '-f', 'komposer.yaml']);
    expect(fine.code, fine.err).to.equal(0);
    const bad = await orkIn(dir, ['validate', '-f', 'broken.komposer.yaml']);
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/broken\/lamp\.motif\.yaml:5:\d+: inputs\[0\]/);
    expect(bad.err).to.match(/file:\.\/broken\/katalog\.yaml:\d+:\d+: spec\.crds\.light\.imports\[0\]: the Motif \.\/lamp\.motif\.yaml is not valid/);
    expect(bad.err).to.not.match(/^\s+at /m);
  });

  it('template fetches an OCI Motif of the imported Katalog; validate leaves it with a warning', async () => {
    const got = await orkIn(dir, ['template', '-f', 'remote.komposer.yaml', '--cr', 'cr.yaml']);
    expect(got.code, got.err).to.equal(0);
    expect(got.out).to.include('name: desk-lamp');
    const checked = await orkIn(dir, ['validate', '-f', 'remote.komposer.yaml', '--offline']);
    expect(checked.code, checked.err).to.equal(0);
    expect(checked.err).to.match(/warning: file:\.\/remote\/katalog\.yaml:\d+:\d+: spec\.crds\.light\.imports\[0\]: the OCI Motif .* is not fetched here/);
  });
});
