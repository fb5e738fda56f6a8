// An imported Katalog's include fragments and Motif imports are composed against its own source
// (resolver/compose-imports.ts): beside its file on disk (through resolveKomposer, into the
// bundle), among an archive's files, and refused with the import's label from a single fetched file.
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeImported } from '../../resolver/compose-imports.js';
import { resolveKomposer } from '../../resolver/resolve.js';
import { OrkError } from '../../shared/errors.js';
import { assembleKatalog, type ImportContent } from '../../shared/komposer/assemble.js';
import { parseKatalog } from '../../shared/katalog/index.js';
import { tempDir } from '../support/tools.js';
import { LIGHTS_KATALOG_HEAD } from '../cli/lamp-motif.js';

const motif = `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata: {name: lamp}
resources:
  configMaps:
    - name: "{{ .metadata.name }}-lamp"
      data: {bulb: warm}
`;
const katalog = `${LIGHTS_KATALOG_HEAD}      validation:
        include: ./parts/rules.yaml
      imports:
        - motif: ./lamp.motif.yaml
`;
const rules = 'rules:\n  - {field: spec.bulb, operator: exists, message: a light needs a bulb}\n';
const komposer = parseKatalog('apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: home}\nspec: {crds: {}}\n', 'komposer.yaml').document!;
const fetched = { ref: 'r', digest: 'sha256:00', size: 0, mediaType: 'application/yaml', documents: [] };

const configMaps = (k: { spec: { crds: Record<string, { operatorBox?: { onReconcile?: { configMaps?: { name: string }[] } } }> } }) =>
  k.spec.crds.light?.operatorBox?.onReconcile?.configMaps?.map((c) => c.name);

describe('resolver/compose-imports: an imported Katalog composed against its own source', () => {
  it('ork resolve carries the Motif and fragment of a file import, read beside the imported file', async () => {
    const dir = tempDir('compose-imports');
    mkdirSync(join(dir, 'lights', 'parts'), { recursive: true });
    writeFileSync(join(dir, 'lights', 'katalog.yaml'), katalog);
    writeFileSync(join(dir, 'lights', 'lamp.motif.yaml'), motif);
    writeFileSync(join(dir, 'lights', 'parts', 'rules.yaml'), rules);
    writeFileSync(join(dir, 'komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: home}\nimports:\n  files: [./lights/katalog.yaml]\n');
    const resolved = await resolveKomposer({ komposer: 'komposer.yaml', cwd: dir, env: {} });
    const light = resolved.payload.katalog.spec.crds.light!;
    expect(configMaps(resolved.payload.katalog as never)).to.deep.equal(['{{ .metadata.name }}-lamp']);
    expect(light.validation?.rules.map((r) => r.message)).to.deep.equal(['a light needs a bulb']);
    expect(JSON.stringify(light)).to.not.include('lamp.motif.yaml');
  });

  it('an archive import reads them among its own files', async () => {
    const content: ImportContent = {
      label: 'oci:host/lights:1',
      singleFile: false,
      documents: [
        { path: 'katalog/katalog.yaml', text: katalog },
        { path: 'katalog/lamp.motif.yaml', text: motif },
        { path: 'katalog/parts/rules.yaml', text: rules },
      ],
    };
    await composeImported([content], [fetched], {});
    const result = assembleKatalog({ document: komposer, file: 'komposer.yaml', crds: [] }, [content]);
    expect(result.issues).to.deep.equal([]);
    expect(configMaps(result.katalog as never)).to.deep.equal(['{{ .metadata.name }}-lamp']);
  });

  it('a single fetched file refuses a relative Motif with one line naming the import and the Motif', async () => {
    const content: ImportContent = { label: 'url:https://example.org/lights.yaml', singleFile: true, documents: [{ path: 'lights.yaml', text: katalog }] };
    await composeImported([content], [fetched], {});
    const result = assembleKatalog({ document: komposer, file: 'komposer.yaml', crds: [] }, [content]);
    expect(result.katalog).to.equal(undefined);
    const lines = result.issues.map((i) => `${i.file}:${i.line} ${i.path}: ${i.message}`);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^url:https:\/\/example\.org\/lights\.yaml:9 spec\.crds\.light\.validation\.include: \.\/parts\/rules\.yaml does not exist beside url:https:\/\/example\.org\/lights\.yaml/);
    expect(lines[1]).to.match(/^url:https:\/\/example\.org\/lights\.yaml:11 spec\.crds\.light\.imports\[0\]: motif: \.\/lamp\.motif\.yaml does not exist beside url:/);
  });

  it('a Komposer on disk still fails closed on a missing Motif of its import', async () => {
    const dir = tempDir('compose-imports-missing');
    mkdirSync(join(dir, 'lights', 'parts'), { recursive: true });
    writeFileSync(join(dir, 'lights', 'katalog.yaml'), katalog);
    writeFileSync(join(dir, 'lights', 'parts', 'rules.yaml'), rules);
    writeFileSync(join(dir, 'komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: home}\nimports:\n  files: [./lights/katalog.yaml]\n');
    const error = await resolveKomposer({ komposer: 'komposer.yaml', cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OrkError);
    const lines = (error as OrkError).issues.map((i) => `${i.file}:${i.line} ${i.path}: ${i.message}`);
    expect(lines.join('\n')).to.match(/^file:\.\/lights\/katalog\.yaml:11 spec\.crds\.light\.imports\[0\]: motif: \.\/lamp\.motif\.yaml does not exist/m);
  });
});
