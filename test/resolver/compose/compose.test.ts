// The loader composing a Katalog with the files it names, on real files in a temporary directory
// and an OCI Motif in a real registry on 127.0.0.1: includes merged, Motifs bound and merged into
// the bundle (which keeps no trace of the import), a shared `../motifs/` file read with a warning
// (upstream's layout), and every refusal — an absolute path or a symbolic link out, a cycle, a
// Motif input missing — one precise issue.
import { expect } from 'chai';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKatalogFile, resolveKomposer } from '../../../resolver/index.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { tempDir } from '../../support/tools.js';
import { pushArtifact } from '../../fixtures/oci/push.js';

const head = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: shelf
spec:
  crds:
    book:
      apiTypes: {group: shelf.example.org, version: v1, kind: Book, plural: books}
`;

const motif = (name: string, extra = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata:
  name: ${name}
inputs:
  - name: image
    required: true
  - name: copies
    default: "1"
    type: integer
resources:
  deployments:
    - name: "{{ .metadata.name }}-${name}"
      image: "{{ .inputs.image }}"
      replicas: "{{ .inputs.copies }}"
status:
  fields:
    - path: ${name}Ready
      value: "yes"
${extra}`;

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const shown = (issues: Array<{ file?: string; line?: number; path?: string; message: string }>, dir: string) =>
  issues.map((i) => `${(i.file ?? '').replace(`${dir}/`, '')}:${i.line ?? 0} ${i.path} ${i.message}`);

describe('resolver/compose: includes and Motifs from files', () => {
  it('merges a fragment before the inline rules and a Motif into the entry; the import is gone', async () => {
    const dir = tempDir('compose');
    write(dir, {
      'rules/base.yaml': 'rules:\n  - {field: spec.title, operator: exists, message: a book needs a title}\n',
      'motifs/reader.yaml': motif('reader'),
      'katalog.yaml': `${head}      validation:
        include: ./rules/base.yaml
        rules:
          - {field: spec.pages, operator: exists, message: pages}
      imports:
        - motif: ./motifs/reader.yaml
          with: {image: "{{ .spec.image }}", copies: 3}
`,
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir)).to.deep.equal([]);
    const entry = loaded.document!.spec.crds.book!;
    expect(entry.validation?.rules.map((r) => r.message)).to.deep.equal(['a book needs a title', 'pages']);
    expect(entry.operatorBox?.onReconcile?.deployments).to.deep.equal([{ name: '{{ .metadata.name }}-reader', image: '{{ .spec.image }}', replicas: 3 }]);
    expect(entry.operatorBox?.status?.fields?.map((f) => f.path)).to.deep.equal(['readerReady']);
    expect(entry).to.not.have.property('imports');
  });

  it('reads conversion.include, reconciler.include and observe.include as upstream merges them', async () => {
    const dir = tempDir('compose');
    write(dir, {
      'parts/paths.yaml': 'paths:\n  - {from: v1, to: v2, spec: {title: "{{ .spec.name }}"}}\n',
      'parts/tuning.yaml': 'reconciler:\n  workers: 4\n  resync: 2m\n',
      'parts/watch.yaml': 'watch:\n  - {apiVersion: v1, kind: ConfigMap}\nevents:\n  shared: {reason: FromFile}\n  mine: {reason: FromFile}\n',
      'katalog.yaml': `${head}      conversion:
        storageVersion: v1
        include: ./parts/paths.yaml
      operatorBox:
        reconciler:
          include: ./parts/tuning.yaml
          workers: 2
        observe:
          include: ./parts/watch.yaml
          watch:
            - {apiVersion: v1, kind: Secret}
          events:
            mine: {reason: Inline}
`,
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir)).to.deep.equal([]);
    const entry = loaded.document!.spec.crds.book!;
    expect(entry.conversion).to.deep.equal({ storageVersion: 'v1', paths: [{ from: 'v1', to: 'v2', spec: { title: '{{ .spec.name }}' } }] });
    expect(entry.operatorBox?.reconciler).to.deep.include({ workers: 2, resync: '2m' });
    const observe = entry.operatorBox?.observe as { watch: Array<{ kind: string }>; events: Record<string, { reason: string }> };
    expect(observe.watch.map((w) => w.kind)).to.deep.equal(['ConfigMap', 'Secret']);
    expect(observe.events).to.deep.equal({ shared: { reason: 'FromFile' }, mine: { reason: 'Inline' } });
  });

  it('merges gateway.clusters.include as upstream: the file\'s clusters first, an inline cluster of the same name wins, the key gone', async () => {
    const dir = tempDir('compose');
    const gateway = 'gateway:\n  clusters:\n    include: ./clusters.yaml\n    west: {endpoint: "https://west-inline:6443", secretRef: {name: w, key: kubeconfig}}\n';
    write(dir, {
      'clusters.yaml': 'clusters:\n  west: {endpoint: "https://west-file:6443", secretRef: {name: wf, key: kubeconfig}}\n  east: {endpoint: "https://east:6443", tokenRef: {name: e, key: token}, caRef: {name: e-ca, key: ca.crt}}\n',
      'katalog.yaml': head.replace('spec:\n', `${gateway}spec:\n`),
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(loaded.issues.filter((i) => i.severity !== 'warning').map((i) => i.message)).to.deep.equal([]);
    const clusters = (loaded.document as unknown as { gateway: { clusters: Record<string, { endpoint: string }> } }).gateway.clusters;
    expect(Object.keys(clusters).sort()).to.deep.equal(['east', 'west']);
    expect(clusters.west!.endpoint).to.equal('https://west-inline:6443');
    expect(clusters.east!.endpoint).to.equal('https://east:6443');
  });

  for (const [what, file, expected] of [
    ['a file with another top-level key', 'clusters: {}\nwebhooks: {}\n', /^clusters\.yaml:1 {2}unexpected key "webhooks": this include is read for clusters: only \(included from katalog\.yaml\)$/m],
    ['a cluster the file gives without a credential form', 'clusters:\n  east: {endpoint: "https://east:6443"}\n', /gateway\.clusters\.east a credential form is required/],
    ['a file that is not there', undefined, /^katalog\.yaml:7 gateway\.clusters\.include \.\/clusters\.yaml does not exist/m],
  ] as const) {
    it(`refuses gateway.clusters.include with ${what}`, async () => {
      const dir = tempDir('compose');
      write(dir, { 'katalog.yaml': head.replace('spec:\n', 'gateway:\n  clusters:\n    include: ./clusters.yaml\nspec:\n'), ...(file ? { 'clusters.yaml': file } : {}) });
      const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
      expect(loaded.document).to.equal(undefined);
      expect(shown(loaded.issues, dir).join('\n')).to.match(expected);
    });
  }

  it('leaves a Motif named by a registry short name to the resolver, and still reads a file of that name', async () => {
    const dir = tempDir('compose');
    write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: postgres:v16\n          with: {image: x}\n` });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir)).to.deep.equal([
      'katalog.yaml:10 spec.crds.book.imports[0] the Motif postgres:v16 (a registry short name, looked up in ORK_MOTIFS_REGISTRY) is fetched by ork resolve and ork run; this command reads local files only',
    ]);
    write(dir, { reader: motif('reader'), 'katalog.yaml': `${head}      imports:\n        - motif: reader\n          with: {image: x}\n` });
    expect(shown((await loadKatalogFile(join(dir, 'katalog.yaml'))).issues, dir)).to.deep.equal([]);
  });

  for (const [ref, expected] of [
    ['postgres', /motif: "postgres" is not a file beside the Katalog, and as a registry short name it names no tag: write postgres:<tag> or give version:/],
    ['Postgres:v1', /"Postgres" is not a valid repository name/],
    ['postgres@v1', /its "@v1" is no digest: write a tag with ':'/],
    ['./motifs/postgres', /motif: \.\/motifs\/postgres does not exist/],
    ['postgres.yaml', /motif: postgres\.yaml does not exist/],
  ] as const) {
    it(`refuses ${ref} in one line saying what to write`, async () => {
      const dir = tempDir('compose');
      write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: ${ref}\n          with: {image: x}\n` });
      const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'), undefined, { leaveOciMotifs: true });
      const errors = loaded.issues.filter((i) => i.severity !== 'warning');
      expect(errors.map((i) => i.message)).to.have.length(1);
      expect(errors[0]!.message).to.match(expected);
    });
  }

  it('reports a problem inside an included or imported file at its own line', async () => {
    const dir = tempDir('compose');
    write(dir, {
      'rules/bad.yaml': 'rules:\n  - {field: spec.title, operator: exists, message: ok}\n  - {field: spec.x, colour: red}\n',
      'katalog.yaml': `${head}      validation:\n        include: rules/bad.yaml\n`,
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir).join('\n')).to.match(/^rules\/bad\.yaml:3 rules\[1\]\.colour unknown key/m);
  });

  for (const [what, ref, setup, expected] of [
    ['an absolute path', '/etc/hostname', () => undefined, /is an absolute path outside/],
    ['a symbolic link out', './link.yaml', (dir: string) => symlinkSync('/etc/hostname', join(dir, 'link.yaml')), /is a symbolic link to \/etc\/hostname, outside/],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const dir = tempDir('compose');
      setup(dir);
      write(dir, { 'katalog.yaml': `${head}      validation:\n        include: ${ref}\n` });
      const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
      expect(loaded.document).to.equal(undefined);
      const issue = loaded.issues.find((i) => i.severity !== 'warning');
      expect(issue?.path).to.equal('spec.crds.book.validation.include');
      expect(issue?.line).to.equal(10);
      expect(issue?.message).to.match(expected as RegExp);
    });
  }

  it('reads a Motif and a fragment through .. (a shared directory beside the Katalog\'s) with one warning each', async () => {
    const top = tempDir('compose');
    write(top, {
      'shared/motifs/reader.yaml': motif('reader'),
      'shared/rules.yaml': 'rules:\n  - {field: spec.title, operator: exists, message: a shelf book needs a title}\n',
      'site-a/katalog.yaml': `${head}      validation:\n        include: ../shared/rules.yaml\n      imports:\n        - motif: ../shared/motifs/reader.yaml\n          with: {image: "{{ .spec.image }}"}\n`,
    });
    const loaded = await loadKatalogFile(join(top, 'site-a', 'katalog.yaml'));
    expect(loaded.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    expect(shown(loaded.issues, top)).to.deep.equal([
      `site-a/katalog.yaml:10 spec.crds.book.validation.include ../shared/rules.yaml lies outside ${top}/site-a (through ..); it is read and packed into the bundle, as upstream does — keep the files a Katalog names in its directory to silence this`,
      `site-a/katalog.yaml:12 spec.crds.book.imports[0] motif: ../shared/motifs/reader.yaml lies outside ${top}/site-a (through ..); it is read and packed into the bundle, as upstream does — keep the files a Katalog names in its directory to silence this`,
    ]);
    const entry = loaded.document!.spec.crds.book!;
    expect(entry.validation?.rules.map((r) => r.message)).to.deep.equal(['a shelf book needs a title']);
    expect(entry.operatorBox?.onReconcile?.deployments?.[0]?.name).to.equal('{{ .metadata.name }}-reader');
  });

  it('refuses a cycle, naming the chain of files', async () => {
    const dir = tempDir('compose');
    write(dir, {
      'motifs/loop.yaml': motif('loop', 'admission:\n  validation:\n    include: ./loop.yaml\n'),
      'katalog.yaml': `${head}      imports:\n        - motif: ./motifs/loop.yaml\n          with: {image: x}\n`,
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir)).to.include('motifs/loop.yaml:22 admission.validation.include include cycle: motifs/loop.yaml → motifs/loop.yaml; a file cannot include or import itself, directly or through others');
  });

  it('refuses a Motif import without a required input, and an input the Motif does not declare', async () => {
    const dir = tempDir('compose');
    write(dir, {
      'motifs/reader.yaml': motif('reader'),
      'katalog.yaml': `${head}      imports:\n        - motif: ./motifs/reader.yaml\n          with: {colour: red}\n`,
    });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(shown(loaded.issues, dir)).to.deep.equal([
      'katalog.yaml:11 spec.crds.book.imports[0].with Motif "reader" requires input "image", which with: does not give (required inputs: image)',
      'katalog.yaml:11 spec.crds.book.imports[0].with Motif "reader" has no input "colour" (declared inputs: image, copies)',
    ]);
  });
});

describe('resolver/compose: an OCI Motif from a real registry', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
    await pushArtifact({ address: registry.address, repository: 'motifs/reader', tag: 'v1' }, [{ mediaType: 'application/yaml', data: motif('reader'), title: 'motif.yaml' }]);
  });
  after(async () => {
    await registry?.stop();
  });

  it('resolves it into a self-contained bundle and records the artifact by digest', async () => {
    const dir = tempDir('compose');
    write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: oci://${registry.address}/motifs/reader:v1\n          with: {image: "{{ .spec.image }}"}\n` });
    const got = await resolveKomposer({ komposer: 'katalog.yaml', cwd: dir, env: {} });
    const entry = got.payload.katalog.spec.crds.book!;
    expect(entry.operatorBox?.onReconcile?.deployments?.[0]).to.deep.include({ image: '{{ .spec.image }}', replicas: 1 });
    expect(JSON.stringify(got.payload.katalog)).to.not.include('oci://');
    expect(got.imports.map((i) => i.ref)).to.deep.equal([`oci:${registry.address}/motifs/reader@${got.imports[0]!.digest}`]);
  });

  it('is not fetched by the loader alone (local files only), which says so; ork validate leaves it with a warning (test/cli/katalog-input-oci-motif)', async () => {
    const dir = tempDir('compose');
    write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: oci://${registry.address}/motifs/reader:v1\n` });
    const loaded = await loadKatalogFile(join(dir, 'katalog.yaml'));
    expect(loaded.issues.map((i) => i.message)).to.deep.equal([`the OCI Motif oci://${registry.address}/motifs/reader:v1 is fetched by ork resolve and ork run; this command reads local files only`]);
  });

  it('fetches a registry short name from ORK_MOTIFS_REGISTRY and records the expanded reference', async () => {
    const dir = tempDir('compose');
    write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: reader:v1\n          with: {image: "{{ .spec.image }}"}\n        - motif: reader\n          version: v1\n          with: {image: b}\n` });
    const got = await resolveKomposer({ komposer: 'katalog.yaml', cwd: dir, env: { ORK_MOTIFS_REGISTRY: `oci://${registry.address}/motifs/` } });
    expect(got.payload.katalog.spec.crds.book!.operatorBox?.onReconcile?.deployments?.map((d) => d.image)).to.deep.equal(['{{ .spec.image }}', 'b']);
    expect(got.imports.map((i) => i.source)).to.deep.equal([`oci:${registry.address}/motifs/reader:v1`, `oci:${registry.address}/motifs/reader:v1`]);
    expect(got.imports[0]!.ref).to.equal(`oci:${registry.address}/motifs/reader@${got.imports[0]!.digest}`);
  });

  it('fetches a full reference written without oci: true, as the Go runtime does', async () => {
    const dir = tempDir('compose');
    write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: ${registry.address}/motifs/reader:v1\n          with: {image: a}\n` });
    const got = await resolveKomposer({ komposer: 'katalog.yaml', cwd: dir, env: {} });
    expect(got.imports.map((i) => i.source)).to.deep.equal([`oci:${registry.address}/motifs/reader:v1`]);
  });

  for (const [what, env, expected] of [
    ['a variable that names no registry host', { ORK_MOTIFS_REGISTRY: 'acme/motifs' }, /motif: reader:v1: ORK_MOTIFS_REGISTRY="acme\/motifs" is not a registry: give host\[:port\]\/path/],
    ['a short name the registry does not hold', { ORK_MOTIFS_REGISTRY: '@@/motifs' }, /cannot fetch the Motif nothere:v1 \(@@\/motifs\/nothere:v1, from ORK_MOTIFS_REGISTRY=@@\/motifs\): /],
  ] as const) {
    it(`refuses ${what} in one line`, async () => {
      const dir = tempDir('compose');
      const ref = what.startsWith('a short') ? 'nothere:v1' : 'reader:v1';
      write(dir, { 'katalog.yaml': `${head}      imports:\n        - motif: ${ref}\n          with: {image: a}\n` });
      const vars = { ORK_MOTIFS_REGISTRY: env.ORK_MOTIFS_REGISTRY.replace('@@', registry.address) };
      const err = await resolveKomposer({ komposer: 'katalog.yaml', cwd: dir, env: vars }).then(() => undefined, (e: unknown) => e as { issues: Array<{ message: string }> });
      const messages = err!.issues.map((i) => i.message).join('\n');
      expect(messages).to.match(new RegExp(expected.source.replaceAll('@@', registry.address.replace(/\./g, '\\.'))));
      expect(messages).to.not.match(/\n\s+at /);
    });
  }
});
