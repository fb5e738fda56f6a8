// `ork template` without --cr, as upstream's: the Katalog the controller receives (Motifs and
// includes expanded, disabled entries left out), one entry of it, or its startup order.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { dependencyGraphText, runtimeKatalog, startupOrder } from '../../cli/commands/template-katalog.js';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function ork(cwd: string, ...args: string[]) {
  const io = captureIO({ cwd });
  const code = await runCommand(['template', ...args], io);
  return { code, out: io.out, err: io.err };
}

const entry = (kind: string, dependsOn?: Record<string, unknown>) =>
  `    ${kind.toLowerCase()}:\n      apiTypes: {group: shop.example.com, version: v1, kind: ${kind}, plural: ${kind.toLowerCase()}s}\n` +
  (dependsOn ? `      dependsOn: ${JSON.stringify(dependsOn)}\n` : '');

describe('cli/template without --cr', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ork-template-katalog-'));
    writeFileSync(
      join(dir, 'katalog.yaml'),
      'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: shop, version: 2.1.0, author: team-a}\nspec:\n  crds:\n' +
        entry('Store', { ledger: { condition: 'healthy' }, catalog: { condition: 'started' } }) + entry('Catalog') + entry('Ledger', { catalog: { condition: 'started' } }) +
        '    retired:\n      enabled: false\n      apiTypes: {group: shop.example.com, version: v1, kind: Retired, plural: retireds}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the Katalog as YAML, disabled entries left out, metadata as upstream keeps it', async () => {
    const r = await ork(dir);
    expect(r.code, r.err).to.equal(0);
    expect(r.out.startsWith('---\n')).to.equal(true);
    const view = parse(r.out);
    expect(view.kind).to.equal('Katalog');
    expect(view.metadata).to.deep.equal({ name: 'shop', version: '2.1.0', author: 'team-a' });
    expect(Object.keys(view.spec.crds).sort()).to.deep.equal(['catalog', 'ledger', 'store']);
    expect(view.spec.crds.store.dependsOn).to.have.keys('ledger', 'catalog');
  });

  it('expands Motifs with their bindings, as the controller receives the entry', async () => {
    const r = await ork(root, '-f', 'test/fixtures/parity/c06-motif-import.yaml', '--crd', 'webapp', '-j');
    expect(r.code, r.err).to.equal(0);
    const webapp = JSON.parse(r.out);
    expect(webapp.operatorBox.imports).to.equal(undefined);
    expect(webapp.operatorBox.onReconcile.deployments[0]).to.include({ image: '{{ .spec.image }}', port: '8080' });
    expect(webapp.operatorBox.onCreate.configMaps[0].name).to.equal('{{ .metadata.name }}-own');
  });

  it('fills apiTypes from a crdFile', async () => {
    const r = await ork(root, '-f', 'examples/website/katalog.yaml', '--crd', 'website', '-o', 'json');
    expect(r.code, r.err).to.equal(0);
    expect(JSON.parse(r.out).apiTypes).to.deep.include({ group: 'examples.orkspace.io', kind: 'Website' });
  });

  it('prints the startup order with --graph, and says which entries there are for an unknown --crd', async () => {
    const g = await ork(dir, '--graph');
    expect(g.code, g.err).to.equal(0);
    expect(g.out).to.equal(
      'Katalog shop: 3 CRD entries, startup order\n' +
        '  1. catalog  shop.example.com/v1, Kind=Catalog\n' +
        '  2. ledger  shop.example.com/v1, Kind=Ledger  ← catalog\n' +
        '  3. store  shop.example.com/v1, Kind=Store  ← ledger (healthy), catalog\n',
    );
    const unknown = await ork(dir, '--crd', 'retired');
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.contain('katalog.yaml has no enabled CRD entry "retired"; --crd takes one of: catalog, ledger, store');
  });

  it('prints nothing for an invalid Katalog, and warns that --no-validate changes nothing', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: bad}\nspec:\n  crds:\n    x: {apiTypes: {group: g.example.com, version: v1}}\n');
    const r = await ork(dir, '-f', 'bad.yaml', '--no-validate');
    expect(r.code).to.equal(2);
    expect(r.out).to.equal('');
    expect(r.err).to.contain('warning: --no-validate has no effect');
    expect(r.err).to.contain('bad.yaml:6:9: spec.crds.x.apiTypes: missing required key "kind"');
  });
});

describe('cli/commands/template-katalog', () => {
  it('orders entries after what they depend on, ties by name, and never loops', () => {
    expect(startupOrder({ b: {}, a: {}, c: { dependsOn: { b: {} } as never } })).to.deep.equal(['a', 'b', 'c']);
    expect(startupOrder({ z: {}, y: { dependsOn: { z: {} } as never }, x: { dependsOn: { y: {} } as never } })).to.deep.equal(['z', 'y', 'x']);
    // A dependency on an entry not in the view (disabled) is ignored; a cycle (refused at load) still ends.
    expect(startupOrder({ a: { dependsOn: { gone: {} } as never } })).to.deep.equal(['a']);
    expect(startupOrder({ a: { dependsOn: { b: {} } as never }, b: { dependsOn: { a: {} } as never } })).to.deep.equal(['a', 'b']);
  });

  it('keeps only the metadata upstream prints, and no empty metadata', () => {
    const doc = { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: '', labels: { a: 'b' } }, spec: { crds: {} } } as never;
    expect(runtimeKatalog(doc, [])).to.deep.equal({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', spec: { crds: {} } });
    expect(dependencyGraphText(runtimeKatalog(doc, []))).to.equal('Katalog: 0 CRD entries, startup order\n\n');
  });
});
