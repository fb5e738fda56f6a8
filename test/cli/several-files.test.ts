// Several -f files merged as one Katalog (upstream's `-f a.yaml -f b.yaml` and `-f a.yaml,b.yaml`):
// an in-memory Komposer importing them in order, so they merge and fail as a Komposer's imports do.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { fileList, joinFileFlags, komposerForFiles, mergedName } from '../../cli/several-files.js';
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

  it('refuses what a Komposer would: one entry twice, a path outside the tree, stdin among them', async () => {
    const twice = await ork('template', '-f', 'shelf.yaml,again.yaml');
    expect(twice.code).to.equal(2);
    expect(twice.err).to.contain("CRD 'shelf' is declared by both file:./shelf.yaml and file:./again.yaml");
    const outside = await ork('template', '-f', 'shelf.yaml,/etc/hostname');
    expect(outside.code).to.equal(2);
    expect(outside.err).to.contain('/etc/hostname is an absolute path, outside');
    const stdin = await ork('template', '-f', 'shelf.yaml,-');
    expect(stdin.code).to.equal(2);
    expect(stdin.err).to.contain('-f - (stdin) cannot be one of several files');
  });

  it('splits, joins and names as documented', () => {
    expect(fileList('a.yaml', 'run')).to.deep.equal(['a.yaml']);
    expect(fileList(' a.yaml , ,b.yaml', 'run')).to.deep.equal(['a.yaml', 'b.yaml']);
    expect(fileList('https://example.org/k.yaml?x=1,2', 'run')).to.deep.equal(['https://example.org/k.yaml?x=1,2']);
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
