// Several -f files through the real CLI (in process, and once as the built binary): merged as
// upstream merges them, and every bad list refused in one line naming the file, before anything
// is resolved.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

const crd = (kind: string, plural: string) =>
  `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: ${plural}.lib.example.org}\nspec:\n  group: lib.example.org\n  names: {kind: ${kind}, plural: ${plural}}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}\n`;
const katalog = (name: string, entries: string, top = '') => `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: ${name}}\n${top}spec:\n  crds:\n${entries}`;

describe('cli several -f files, end to end', () => {
  const dir = tempDir('cli-several-input');
  mkdirSync(join(dir, 'shelves'));
  mkdirSync(join(dir, 'books'));
  // Each Katalog names its crdFile beside itself: read against its own directory, as upstream does.
  writeFileSync(join(dir, 'shelves/crd.yaml'), crd('Shelf', 'shelves'));
  writeFileSync(join(dir, 'books/crd.yaml'), crd('Book', 'books'));
  writeFileSync(join(dir, 'shelves/katalog.yaml'), katalog('library', '    shelf:\n      crdFile: ./crd.yaml\n      operatorBox:\n        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-shelf"\n              data: {a: "1"}\n', 'security:\n  deletionProtection: {enabled: true}\n'));
  writeFileSync(join(dir, 'books/katalog.yaml'), katalog('books', '    book:\n      crdFile: ./crd.yaml\n      dependsOn: {shelf: started}\n'));
  writeFileSync(join(dir, 'clash-book.yaml'), katalog('clash-book', '    book:\n      apiTypes: {group: lib.example.org, version: v2, kind: Book, plural: books}\n'));
  writeFileSync(join(dir, 'clash.yaml'), katalog('clash', '    shelf:\n      apiTypes: {group: lib.example.org, version: v1, kind: Shelf, plural: shelves}\n'));
  writeFileSync(join(dir, 'komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: k}\nimports:\n  files: [books/katalog.yaml]\n');
  mkdirSync(join(dir, 'again'));
  writeFileSync(join(dir, 'again/komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: again}\nimports:\n  files: [../books/katalog.yaml]\n');
  writeFileSync(join(dir, 'cr.yaml'), 'apiVersion: lib.example.org/v1\nkind: Shelf\nmetadata: {name: s1}\nspec: {}\n');
  writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('merges a comma list and repeated -f alike, each crdFile read beside its Katalog', async () => {
    const graph = 'Katalog library: 2 CRD entries, startup order\n  1. shelf  lib.example.org/v1, Kind=Shelf\n  2. book  lib.example.org/v1, Kind=Book  ← shelf\n';
    for (const argv of [['-f', 'shelves/katalog.yaml,books/katalog.yaml'], ['-f', 'shelves/katalog.yaml', '-f', 'books/katalog.yaml'], ['-f', `${dir}/shelves/katalog.yaml,${dir}/books/katalog.yaml`]]) {
      const r = await ork('template', ...argv, '--graph');
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.equal(graph);
    }
    const rendered = await ork('template', '-f', 'shelves/katalog.yaml,books/katalog.yaml', '--cr', 'cr.yaml');
    expect(rendered.code, rendered.err).to.equal(0);
    expect(parse(rendered.out).metadata.name).to.equal('s1-shelf');
  });

  it('validates the files merged: one entry in two files fails', async () => {
    const ok = await ork('validate', '-f', 'shelves/katalog.yaml', '-f', 'books/katalog.yaml');
    expect(ok.code, ok.err).to.equal(0);
    expect(ok.out).to.equal('shelves/katalog.yaml,books/katalog.yaml: valid\n');
    const twice = await ork('validate', '-f', 'shelves/katalog.yaml', '-f', 'clash.yaml');
    expect(twice.code).to.equal(2);
    expect(twice.err).to.equal('clash.yaml: spec.crds.shelf: also declared in shelves/katalog.yaml; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file\nork validate: KATALOG_INVALID\n');
  });

  it('merges a Komposer with the other files as upstream: its imports from its own directory, the others beside them', async () => {
    const graph = 'Katalog k: 2 CRD entries, startup order\n  1. shelf  lib.example.org/v1, Kind=Shelf\n  2. book  lib.example.org/v1, Kind=Book  ← shelf\n';
    for (const list of ['komposer.yaml,shelves/katalog.yaml', 'shelves/katalog.yaml,komposer.yaml']) {
      const r = await ork('template', '-f', list, '--graph');
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.equal(graph);
    }
    const nested = await ork('validate', '-f', 'again/komposer.yaml', '-f', 'shelves/katalog.yaml');
    expect(nested.code, nested.err).to.equal(0);
    expect(nested.out).to.equal('again/komposer.yaml,shelves/katalog.yaml: valid\n');
    // A file its imports name again on the command line: read once, as upstream takes one path twice.
    const twice = await ork('template', '-f', 'komposer.yaml,books/katalog.yaml,shelves/katalog.yaml', '--graph');
    expect(twice.code, twice.err).to.equal(0);
    expect(twice.out).to.equal(graph);
    // What its own import lacks is named at that import, from the working directory.
    const alone = await ork('template', '-f', 'komposer.yaml,books/katalog.yaml');
    expect(alone.err).to.equal("books/katalog.yaml: spec.crds.book.dependsOn.shelf: 'book' (books/katalog.yaml) depends on 'shelf', which no source declares (or it is disabled)\nork template: KATALOG_INVALID\n");
    // Its imports and another file declaring one entry: refused, as upstream refuses the duplicate, naming both files.
    const clash = await ork('template', '-f', 'komposer.yaml,clash-book.yaml,shelves/katalog.yaml');
    expect(clash.code).to.equal(2);
    expect(clash.err).to.equal("clash-book.yaml:6:5: spec.crds.book: CRD 'book' is declared by both books/katalog.yaml and clash-book.yaml; remove it from one of them, or disable one with 'enabled: false' in the Komposer\nork template: KATALOG_INVALID\n");
  });

  it('reads a file named twice once', async () => {
    const r = await ork('validate', '-f', 'shelves/katalog.yaml,./shelves/katalog.yaml');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal('shelves/katalog.yaml: valid\n');
  });

  const bad: [string, string[], string][] = [
    ['a missing file', ['-f', 'shelves/katalog.yaml,nope.yaml'], 'nope.yaml: no such file (listed in -f shelves/katalog.yaml,nope.yaml)\nork COMMAND: KATALOG_INVALID\n'],
    ['an empty item', ['-f', 'shelves/katalog.yaml,,books/katalog.yaml'], "-f shelves/katalog.yaml,,books/katalog.yaml: item 2 of 3 is empty; separate the files with single commas and no trailing comma (see 'ork COMMAND --help')\nork COMMAND: USAGE\n"],
    ['one entry in two files', ['-f', 'shelves/katalog.yaml', '-f', 'clash.yaml'], 'clash.yaml: spec.crds.shelf: also declared in shelves/katalog.yaml; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file\nork COMMAND: KATALOG_INVALID\n'],
    ['a directory', ['-f', 'shelves/katalog.yaml,books'], 'books: is a directory, not a file (listed in -f shelves/katalog.yaml,books); -f lists Katalog files, for example books/katalog.yaml\nork COMMAND: KATALOG_INVALID\n'],
    ['two Komposers', ['-f', 'komposer.yaml,shelves/katalog.yaml,again/komposer.yaml'], "again/komposer.yaml: kind: a second Komposer among the -f files (the first is komposer.yaml): one Komposer is resolved into one bundle; import this one's Katalogs from komposer.yaml, or give each alone\nork COMMAND: KATALOG_INVALID\n"],
  ];
  for (const [what, argv, expected] of bad) {
    it(`refuses ${what} in one line naming it, for every command that takes -f`, async () => {
      for (const command of ['template', 'validate', 'resolve', 'lock', 'run']) {
        const r = await ork(command, ...argv, ...(command === 'resolve' ? ['--out', 'never', '--key', 'key.pem'] : []));
        expect(r.code, `${command}: ${r.err}`).to.equal(2);
        expect(r.err, command).to.equal(expected.replaceAll('COMMAND', command));
      }
    });
  }

  it('resolves into one bundle named after the first file, carrying its security', async () => {
    const r = await ork('resolve', '-f', 'shelves/katalog.yaml,books/katalog.yaml', '--out', 'bundle', '--key', 'key.pem');
    expect(r.code, r.err).to.equal(0);
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle/bundle.json'), 'utf8')) as { katalog: { metadata: { name: string }; security?: unknown; spec: { crds: object } } };
    expect(bundle.katalog.metadata.name).to.equal('library');
    expect(bundle.katalog.security).to.deep.equal({ deletionProtection: { enabled: true } });
    expect(Object.keys(bundle.katalog.spec.crds).sort()).to.deep.equal(['book', 'shelf']);
  });

  it('resolves a Komposer and a file beside it into one bundle: its name, its imports and the file recorded', async () => {
    const r = await ork('resolve', '-f', 'komposer.yaml,shelves/katalog.yaml', '--out', 'kbundle', '--key', 'key.pem');
    expect(r.code, r.err).to.equal(0);
    const bundle = JSON.parse(readFileSync(join(dir, 'kbundle/bundle.json'), 'utf8')) as { katalog: { metadata: { name: string }; spec: { crds: object } }; imports: { ref: string }[] };
    expect(bundle.katalog.metadata.name).to.equal('k');
    expect(Object.keys(bundle.katalog.spec.crds).sort()).to.deep.equal(['book', 'shelf']);
    expect(bundle.imports.map((i) => i.ref).filter((s) => s.endsWith('katalog.yaml'))).to.deep.equal(['file:./books/katalog.yaml', 'file:./shelves/katalog.yaml']);
  });

  it('refuses a file nested too deeply among the files in one line and at once, for every command that takes -f', async () => {
    // Read only through the loader's guarded reader: a raw YAML parse of it took ≈ 45 s and 1.6 GB.
    writeFileSync(join(dir, 'deep.yaml'), '['.repeat(2_000_000));
    for (const command of ['template', 'validate', 'resolve', 'lock', 'run']) {
      const started = performance.now();
      const r = await ork(command, '-f', 'shelves/katalog.yaml,deep.yaml', ...(command === 'resolve' ? ['--out', 'never', '--key', 'key.pem'] : []));
      expect(r.code, `${command}: ${r.err}`).to.equal(2);
      expect(r.err, command).to.equal(`deep.yaml:1:65: document is nested more than 64 levels deep\nork ${command}: KATALOG_INVALID\n`);
      expect(performance.now() - started, command).to.be.below(10_000);
    }
  });

  it('does the same as the built binary', () => {
    const out = execFileSync(process.execPath, [MAIN, 'template', '-f', 'shelves/katalog.yaml,books/katalog.yaml', '-g'], { cwd: dir, encoding: 'utf8' });
    expect(out).to.contain('2. book  lib.example.org/v1, Kind=Book  ← shelf');
    const missing = spawnSync(process.execPath, [MAIN, 'template', '-f', 'shelves/katalog.yaml', '-f', 'gone.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.equal('gone.yaml: no such file (listed in -f shelves/katalog.yaml,gone.yaml)\nork template: KATALOG_INVALID\n');
  });
});
