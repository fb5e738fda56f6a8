import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../cli/dispatch.js';
import { loadKatalogFile } from '../../resolver/katalog-files.js';
import { LIMITS } from '../../shared/limits.js';
import { captureIO } from '../support/io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/katalog';

async function validate(...files: string[]) {
  const io = captureIO({ cwd: ROOT });
  const code = await runCommand(['validate', ...files.flatMap((f) => (f.startsWith('--') ? [f] : ['-f', f]))], io);
  return { code, out: io.out, err: io.err };
}

describe('cli ork validate', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ork-validate-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('checks several Katalogs merged, as upstream, and prints the list valid', async () => {
    const files = ['website.yaml', 'database.yaml'].map((f) => `${FIXTURES}/valid/${f}`);
    const { code, out, err } = await validate(...files);
    expect(err).to.equal('');
    expect(out).to.equal(`${files.join(',')}: valid\n`);
    expect(code).to.equal(0);
  });

  it('checks a Komposer with its imports merged (--offline: local ones only, each remote one a warning)', async () => {
    // The schema fixture is valid on its own, but merged, website depends on the database it disables.
    const file = `${FIXTURES}/valid/komposer.yaml`;
    const { code, err } = await validate(file, '--offline');
    expect(code).to.equal(2);
    expect(err).to.contain(`warning: ${file}: imports.helm[0]: helm:https://charts.example.org/platform-crds@3.2.1 is not fetched (--offline`);
    expect(err).to.contain(`${file}: spec.crds.website.dependsOn.database: 'website' (file:./website.yaml, komposer:${file}) depends on 'database', which no source declares (or it is disabled)`);
  });

  it('prints every issue as file:line:col: path: message and exits 2', async () => {
    const file = `${FIXTURES}/invalid/unknown-key.yaml`;
    const { code, out, err } = await validate(file);
    expect(code).to.equal(2);
    expect(out).to.equal('');
    expect(err.split('\n')).to.deep.equal([
      `${file}:11:11: spec.crds.website.operatorBox.onCreate.deploymentz: unknown key (did you mean "deployments"?)`,
      `${file}:13:11: spec.crds.website.operatorBox.onCreate.hpas: unknown key (did you mean "hpa"?)`,
      'ork validate: KATALOG_INVALID',
      '',
    ]);
  });

  it('checks local crdFiles, reporting at the CRD file\'s own line', async () => {
    const { code, err } = await validate(`${FIXTURES}/invalid/crd-v1beta1.yaml`);
    expect(code).to.equal(2);
    expect(err).to.contain(`${FIXTURES}/invalid/crds/widget-v1beta1.crd.yaml:1:13: apiVersion: must be "apiextensions.k8s.io/v1" (got "apiextensions.k8s.io/v1beta1")`);
  });

  it('reports a non-structural CRD file, a missing one, and leaves a URL to ork resolve (warning)', async () => {
    const { code, err } = await validate(`${FIXTURES}/invalid/crd-non-structural.yaml`);
    expect(code).to.equal(2);
    const lines = err.trim().split('\n');
    expect(lines).to.include(`${FIXTURES}/invalid/crds/gadget-non-structural.crd.yaml:20:17: spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size: not structural: this schema node has no type (give type:, or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields: true)`);
    expect(lines.filter((l) => /crd-non-structural\.yaml:10:16: spec\.crds\.gizmo\.crdFile: \S*invalid\/crds\/missing\.crd\.yaml: cannot read the file: no such file$/.test(l))).to.have.length(1);
    expect(lines).to.include(`warning: ${FIXTURES}/invalid/crd-non-structural.yaml:12:16: spec.crds.remote.crdFile: https://example.org/crds/remote.yaml is fetched by 'ork resolve'; it was not checked here`);
  });

  it('validates a Motif on its own beside Katalogs, valid ones on stdout and problems on stderr', async () => {
    const motif = 'test/fixtures/parity/motifs/web.motif.yaml';
    const { code, out, err } = await validate(motif, `${FIXTURES}/valid/website.yaml`, `${FIXTURES}/invalid/crd-gvk-clash.yaml`);
    expect(code).to.equal(2);
    expect(out).to.equal(`${motif}: valid\n`);
    expect(err).to.contain(`${FIXTURES}/invalid/crd-gvk-clash.yaml:9:5: spec.crds.second: CRDs "first" and "second" both declare example.com/v1, Kind=Widget`);
  });

  it('names a file that cannot be read', async () => {
    const { code, err } = await validate('no/such/katalog.yaml');
    expect(code).to.equal(2);
    expect(err).to.equal('no/such/katalog.yaml: cannot read the file: no such file\nork validate: KATALOG_INVALID\n');
  });

  const garbage: Array<[string, string | Buffer, string | RegExp]> = [
    ['an empty file', '', 'file is empty'],
    ['a YAML list', '- a\n- b\n', 'expected a mapping, got a list'],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]), 'not a UTF-8 text file'],
    ['NUL bytes in UTF-8', 'a: b\u0000', 'not a text file'],
    ['deep nesting', '['.repeat(2_000_000), 'nested more than 64 levels deep'],
    // The YAML parser recurses per block level: whether 1500 levels exhaust the stack depends on
    // how deep the caller already is, so either refusal may come; both name the problem.
    ['deep block nesting', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), /nested too deeply to read|nested 150\d levels deep; at most 64 are allowed/],
    ['too large', Buffer.alloc(LIMITS.maxYamlBytes + 10, 0x61), `larger than ${LIMITS.maxYamlBytes} bytes`],
  ];
  for (const [name, content, message] of garbage) {
    it(`rejects ${name} with exit 2 and no stack trace`, async () => {
      const file = join(scratch, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, content);
      const { code, err } = await validate(file);
      expect(code).to.equal(2);
      if (typeof message === 'string') expect(err, err).to.contain(message);
      else expect(err, err).to.match(message);
      expect(err).to.not.match(/\n\s+at /);
    });
  }

  it('reads a Komposer import named from the working directory (upstream beginner Komposers) with a warning', async () => {
    const dir = mkdtempSync(join(scratch, 'cwd-'));
    mkdirSync(join(dir, 'examples', 'site'), { recursive: true });
    mkdirSync(join(dir, 'examples', 'komposer'));
    writeFileSync(join(dir, 'examples', 'site', 'katalog.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: site}\nspec:\n  crds:\n    site:\n      apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites}\n');
    writeFileSync(join(dir, 'examples', 'komposer', 'komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: p}\nsources:\n  files:\n    - examples/site/katalog.yaml\n');
    const io = captureIO({ cwd: dir });
    const code = await runCommand(['validate', '-f', 'examples/komposer/komposer.yaml'], io);
    expect(io.err).to.contain(`warning: examples/komposer/komposer.yaml: imports.files[0]: ./examples/site/katalog.yaml is not beside the Komposer; read from the working directory ${dir}`);
    expect([code, io.out]).to.deep.equal([0, 'examples/komposer/komposer.yaml: valid\n']);
    const elsewhere = captureIO({ cwd: join(dir, 'examples') });
    expect(await runCommand(['validate', '-f', 'komposer/komposer.yaml'], elsewhere)).to.equal(2);
    expect(elsewhere.err).to.contain('./examples/site/katalog.yaml does not exist beside the Komposer nor in the working directory');
  });

  it('reads a Katalog kept in a ConfigMap data key, reporting at the outer file\'s lines', async () => {
    const file = join(scratch, 'katalog-configmap.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  k.yaml: |\n    apiVersion: orkestra.orkspace.io/v1\n    kind: Katalog\n    metadata: {name: k}\n    spec:\n      crds:\n        site:\n          apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites, scope: Clustr}\n');
    const { code, err } = await validate(file);
    expect(code).to.equal(2);
    expect(err).to.contain(`warning: ${file}:5:3: data.k.yaml: this file is a ConfigMap; read the Katalog in its data key k.yaml`);
    expect(err).to.contain(`${file}:12:93: spec.crds.site.apiTypes.scope: must be one of: Namespaced, Cluster`);
  });

  it('rejects a directory', async () => {
    const { code, err } = await validate(scratch);
    expect(code).to.equal(2);
    expect(err).to.contain('cannot read the file: is a directory');
  });

  it('--help prints usage and exits 0', async () => {
    const io = captureIO();
    expect(await runCommand(['validate', '--help'], io)).to.equal(0);
    expect(io.out).to.contain('usage: ork validate [-f FILE');
  });

  it('without -f, and no katalog.yaml or komposer.yaml in the working directory, is a usage error', async () => {
    const io = captureIO({ cwd: scratch });
    expect(await runCommand(['validate'], io)).to.equal(2);
    expect(io.err).to.contain('no -f given and no katalog.yaml or komposer.yaml in ');
  });

  it('an unknown flag is a usage error', async () => {
    const io = captureIO();
    expect(await runCommand(['validate', '--frobnicate'], io)).to.equal(2);
    expect(io.err).to.contain("see 'ork validate --help'");
  });
});

describe('cli loadKatalogFile', () => {
  it('returns the document and every CRD with its API types, CRD files read relative to the Katalog', async () => {
    const loaded = await loadKatalogFile(join(ROOT, FIXTURES, 'valid/database.yaml'));
    expect(loaded.issues).to.deep.equal([]);
    expect(loaded.document?.metadata.name).to.equal('database');
    expect(loaded.crds.map((c) => `${c.name}=${c.apiTypes.plural}.${c.apiTypes.group}/${c.apiTypes.version}`)).to.deep.equal([
      'database=databases.db.example.com/v1',
      'backup=backups.db.example.com/v1',
    ]);
  });

  it('returns no document when a CRD file is bad', async () => {
    const loaded = await loadKatalogFile(join(ROOT, FIXTURES, 'invalid/crd-v1beta1.yaml'));
    expect(loaded.document).to.equal(undefined);
    expect(loaded.issues).to.have.length(1);
  });
});
