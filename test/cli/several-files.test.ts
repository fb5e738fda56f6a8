// Several -f files merged as one Katalog (upstream's `-f a.yaml -f b.yaml` and `-f a.yaml,b.yaml`):
// an in-memory Komposer importing them in order, so they merge and fail as a Komposer's imports do.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { fileList, importPath, joinFileFlags, komposerForFiles, listedKomposer, listProblems, mergedName, mergedSecurity, uniqueFiles, type ListedFile } from '../../cli/several-files.js';
import { formatIssue } from '../../shared/errors.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const katalog = (name: string, crd: string, kind: string, extra = '') =>
  `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: ${name}}\nspec:\n  crds:\n    ${crd}:\n` +
  `      apiTypes: {group: several.example.org, version: v1, kind: ${kind}, plural: ${crd}s}\n${extra}`;

describe('cli/several-files', () => {
  const dir = tempDir('cli-several-files');
  mkdirSync(join(dir, 'more'));
  writeFileSync(join(dir, 'shelf.yaml'), katalog('library', 'shelf', 'Shelf', '      operatorBox:\n        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-shelf"\n              data: {a: "1"}\n'));
  writeFileSync(join(dir, 'more/book.yaml'), katalog('books', 'book', 'Book', '      dependsOn: {shelf: started}\n'));
  writeFileSync(join(dir, 'again.yaml'), katalog('again', 'shelf', 'Shelf'));
  writeFileSync(join(dir, 'cr.yaml'), 'apiVersion: several.example.org/v1\nkind: Shelf\nmetadata: {name: s1}\nspec: {}\n');

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('merges -f a -f b and -f a,b alike, named after the first Katalog', async () => {
    const repeated = await ork('template', '-f', 'shelf.yaml', '-f', 'more/book.yaml', '--graph');
    expect(repeated.code, repeated.err).to.equal(0);
    expect(repeated.out).to.equal('Katalog library: 2 CRD entries, startup order\n  1. shelf  several.example.org/v1, Kind=Shelf\n  2. book  several.example.org/v1, Kind=Book  ← shelf\n');
    const commas = await ork('template', '-f', 'shelf.yaml, more/book.yaml', '--graph');
    expect(commas.out).to.equal(repeated.out);
    const rendered = await ork('template', '-f', 'shelf.yaml,more/book.yaml', '--cr', 'cr.yaml');
    expect(rendered.code, rendered.err).to.equal(0);
    expect(parse(rendered.out).metadata.labels['orkestra.orkspace.io/katalog']).to.equal('library');
  });

  it('resolves several files into one signed bundle', async () => {
    writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);
    const r = await ork('resolve', '-f', 'shelf.yaml', '-f', 'more/book.yaml', '--out', 'bundle', '--key', 'key.pem');
    expect(r.code, r.err).to.equal(0);
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle/bundle.json'), 'utf8')) as { katalog: { metadata: { name: string }; spec: { crds: object } }; imports: { ref: string }[] };
    expect(bundle.katalog.metadata.name).to.equal('library');
    expect(Object.keys(bundle.katalog.spec.crds).sort()).to.deep.equal(['book', 'shelf']);
    expect(bundle.imports.map((i) => i.ref)).to.have.length(2);
  });

  it('refuses one entry in two files, and stdin among them', async () => {
    const twice = await ork('template', '-f', 'shelf.yaml,again.yaml');
    expect(twice.code).to.equal(2);
    expect(twice.err).to.equal('again.yaml: spec.crds.shelf: also declared in shelf.yaml; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file\nork template: KATALOG_INVALID\n');
    const stdin = await ork('template', '-f', 'shelf.yaml,-');
    expect(stdin.code).to.equal(2);
    expect(stdin.err).to.contain('-f - (stdin) cannot be one of several files');
  });

  it('splits, joins and names as documented', () => {
    expect(fileList('a.yaml', 'run')).to.deep.equal(['a.yaml']);
    expect(fileList(' a.yaml , b.yaml', 'run')).to.deep.equal(['a.yaml', 'b.yaml']);
    expect(fileList('https://example.org/k.yaml?x=1%2C2', 'run')).to.deep.equal(['https://example.org/k.yaml?x=1%2C2']);
    expect(joinFileFlags(undefined)).to.equal(undefined);
    expect(joinFileFlags([])).to.equal(undefined);
    expect(joinFileFlags(['a', 'b'])).to.equal('a,b');
    expect(mergedName(['x/Shop Front.yaml'], 'metadata: {name: shop}')).to.equal('shop');
    expect(mergedName(['x/Shop Front.yaml'], 'metadata: {name: Not_A_Label}')).to.equal('shop-front');
    expect(mergedName(['x/Shop Front.yaml'], ': : not yaml [')).to.equal('shop-front');
    expect(mergedName(['.yaml'], undefined)).to.equal('files');
    expect(parse(komposerForFiles(['a.yaml', 'b c.yaml'], 'n'))).to.deep.equal({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name: 'n' }, imports: { files: ['a.yaml', 'b c.yaml'] } });
  });
});

describe('cli/several-files (pure)', () => {
  const doc = (name: string, entries: string[], extra = '') =>
    `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: ${name}}\n${extra}spec:\n  crds:\n${entries.map((e) => `    ${e}: {}\n`).join('')}`;
  const lines = (listed: ListedFile[], given = 'a.yaml,b.yaml') => listProblems(listed, given).map(formatIssue);

  it('refuses an empty item, a trailing comma and stdin in a list, naming the -f value', () => {
    expect(() => fileList('a.yaml,,b.yaml', 'template')).to.throw("-f a.yaml,,b.yaml: item 2 of 3 is empty; separate the files with single commas and no trailing comma (see 'ork template --help')");
    expect(() => fileList('a.yaml,', 'run')).to.throw('-f a.yaml,: item 2 of 2 is empty');
    expect(() => fileList(',a.yaml', 'run')).to.throw('item 1 of 2 is empty');
    expect(() => fileList('a.yaml,-', 'run')).to.throw('-f - (stdin) cannot be one of several files');
    expect(fileList('a.yaml,b.yaml,c.yaml', 'run')).to.deep.equal(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('keeps a file named twice once, at its first place, however its path is written', () => {
    expect(uniqueFiles(['a.yaml', './a.yaml', 'x/../b.yaml', '/w/a.yaml', 'b.yaml'], '/w')).to.deep.equal(['a.yaml', 'x/../b.yaml']);
    expect(uniqueFiles(['https://h/k.yaml', 'https://h/k.yaml'], '/w')).to.deep.equal(['https://h/k.yaml']);
  });

  it('reports an entry name two files declare, naming both, as upstream refuses it', () => {
    const listed: ListedFile[] = [
      { file: 'a.yaml', text: doc('a', ['shelf', 'book']) },
      { file: 'b.yaml', text: doc('b', ['pen']) },
      { file: 'c.yaml', text: doc('c', ['book']) },
    ];
    expect(lines(listed, 'a.yaml,b.yaml,c.yaml')).to.deep.equal(['c.yaml: spec.crds.book: also declared in a.yaml; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file']);
    expect(lines(listed.slice(0, 2))).to.deep.equal([]);
  });

  it('reports a missing file, a directory, an unreadable one and one that is not UTF-8, one line each', () => {
    expect(lines([
      { file: 'a.yaml', text: doc('a', ['shelf']) },
      { file: 'gone.yaml', failure: { reason: 'missing' } },
      { file: 'web/', failure: { reason: 'directory' } },
      { file: 'fifo', failure: { reason: 'not-regular' } },
      { file: 'bin.yaml', notUtf8: true },
      { file: 'https://h/k.yaml', url: true },
    ], 'L')).to.deep.equal([
      'gone.yaml: no such file (listed in -f L)',
      'web/: is a directory, not a file (listed in -f L); -f lists Katalog files, for example web/katalog.yaml',
      'fifo: is not a regular file (a pipe, socket or device); pass a regular file (listed in -f L)',
      'bin.yaml: not a UTF-8 text file (listed in -f L)',
    ]);
  });

  it('refuses a second Komposer or a Motif among the files; leaves other kinds and broken YAML to the loader', () => {
    const komposer = 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: k}\nimports: {files: [x.yaml]}\nspec:\n  crds:\n    shelf: {enabled: false}\n';
    const listed: ListedFile[] = [{ file: 'k.yaml', text: komposer }, { file: 'k2.yaml', text: komposer }, { file: 'm.yaml', text: 'kind: Motif\nmetadata: {name: m}\n' }, { file: 'a.yaml', text: doc('a', ['shelf']) }];
    expect(lines(listed)).to.deep.equal([
      'k2.yaml: kind: a second Komposer among the -f files (the first is k.yaml): one Komposer is resolved into one bundle; import this one\'s Katalogs from k.yaml, or give each alone',
      'm.yaml: kind: a Motif cannot be one of several -f files (upstream takes only Katalogs and Komposers there); import it from an entry (imports: [{motif: ./m.yaml}])',
      'a.yaml: spec.crds.shelf: also declared in k.yaml; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file',
    ]);
    expect(listedKomposer(listed)).to.equal('k.yaml');
    expect(listedKomposer(listed.slice(3))).to.equal(undefined);
    expect(lines([{ file: 'crd.yaml', text: 'kind: CustomResourceDefinition\n' }, { file: 'bad.yaml', text: 'kind: [\n' }, { file: 'list.yaml', text: 'kind: Katalog\nspec: {crds: [{name: a}]}\n' }])).to.deep.equal([]);
  });

  it('lays each file\'s security over the earlier ones key by key', () => {
    const a = doc('a', ['x'], 'security:\n  deletionProtection: {enabled: true}\n  webhooks: {admission: {enabled: true}}\n');
    const b = doc('b', ['y'], 'security:\n  webhooks: {admission: {enabled: false}}\n');
    expect(mergedSecurity([a, b, undefined, doc('c', ['z'])])).to.deep.equal({ deletionProtection: { enabled: true }, webhooks: { admission: { enabled: false } } });
    expect(mergedSecurity([doc('c', ['z']), undefined, 'not: [yaml'])).to.equal(undefined);
  });

  it('writes the Komposer: files in order, absolute paths made relative to the cwd, the merged security', () => {
    expect(importPath('/w/sub/a.yaml', '/w')).to.equal('sub/a.yaml');
    expect(importPath('/etc/k.yaml', '/w/x')).to.equal('../../etc/k.yaml');
    expect(importPath('rel.yaml', '/w')).to.equal('rel.yaml');
    expect(importPath('https://h/k.yaml', '/w')).to.equal('https://h/k.yaml');
    expect(parse(komposerForFiles(['a.yaml', '../b.yaml'], 'n', { deletionProtection: { enabled: true } }))).to.deep.equal({
      apiVersion: 'orkestra.orkspace.io/v1',
      kind: 'Komposer',
      metadata: { name: 'n' },
      security: { deletionProtection: { enabled: true } },
      imports: { files: ['a.yaml', '../b.yaml'] },
    });
  });
});
