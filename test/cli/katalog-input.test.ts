// `ork validate` and `ork template` of a Komposer (cli/katalog-input.ts): its imports are read
// relative to the Komposer, fetched from a real HTTP server on 127.0.0.1 as `ork resolve` fetches
// them, merged and overridden by its spec.crds; --offline reads local imports only; a failed import
// is named with the Komposer and its place in it.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { startHttpServer, type TestServer } from '../support/https-server.js';

const katalog = (name: string, kind: string, image: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: ${name}-katalog}
spec:
  crds:
    ${name}:
      apiTypes: {group: k.example.com, version: v1, kind: ${kind}, plural: ${name}s}
      operatorBox:
        onCreate:
          deployments:
            - {name: "{{ .metadata.name }}", image: ${image}}
`;
const komposer = (files: string, spec = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: {name: platform}
imports:
  files:
${files}${spec}`;
const cr = (kind: string) => `apiVersion: k.example.com/v1\nkind: ${kind}\nmetadata: {name: one, namespace: ns}\nspec: {}\n`;

describe('cli ork validate / ork template of a Komposer', () => {
  let dir: string;
  let server: TestServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-komposer-input-'));
    mkdirSync(join(dir, 'katalogs'));
    writeFileSync(join(dir, 'katalogs', 'shop.yaml'), katalog('shop', 'Shop', 'shop:1'));
    writeFileSync(join(dir, 'shop.cr.yaml'), cr('Shop'));
    writeFileSync(join(dir, 'cache.cr.yaml'), cr('Cache'));
    server = await startHttpServer((req, res) => {
      if (req.url === '/cache.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(katalog('cache', 'Cache', 'redis:7'));
      else res.writeHead(404).end();
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ork = async (args: string[], env: Record<string, string> = {}) => {
    const io = captureIO({ cwd: dir, env });
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err };
  };
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

  it('follows local imports relative to the Komposer and applies its spec.crds override', async () => {
    write('local.yaml', komposer('    - ./katalogs/shop.yaml\n    - url: ./katalogs/../katalogs/shop.yaml\n', ''));
    const dup = await ork(['validate', '-f', 'local.yaml']);
    expect(dup.code).to.equal(2);
    expect(dup.err).to.contain("local.yaml: spec.crds.shop: CRD 'shop' is declared by both file:./katalogs/shop.yaml and file:./katalogs/shop.yaml");

    write('override.yaml', komposer('    - ./katalogs/shop.yaml\n', '\nspec:\n  crds:\n    shop:\n      operatorBox:\n        onCreate:\n          deployments:\n            - {name: "{{ .metadata.name }}-override", image: shop:2}\n'));
    const valid = await ork(['validate', '-f', 'override.yaml']);
    expect(valid.err).to.equal('');
    expect(valid.out).to.equal('override.yaml: valid\n');
    const rendered = await ork(['template', '-f', 'override.yaml', '--cr', 'shop.cr.yaml']);
    expect(rendered.code, rendered.err).to.equal(0);
    expect(rendered.out).to.contain('name: one-override').and.to.contain('image: shop:2').and.not.to.contain('shop:1');
  });

  it('keeps the imported Katalogs\' user notes, which their templates call', async () => {
    writeFileSync(join(dir, 'katalogs', 'noted.yaml'), katalog('noted', 'Noted', '"{{ tag }}"').replace('spec:\n', "notes:\n  functions:\n    - {name: tag, expression: '{{ printf \"noted:%s\" .metadata.name }}'}\nspec:\n"));
    write('noted.cr.yaml', cr('Noted'));
    write('noted.yaml', komposer('    - ./katalogs/noted.yaml\n'));
    const r = await ork(['template', '-f', 'noted.yaml', '--cr', 'noted.cr.yaml']);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('image: noted:one');
  });

  it('names the Komposer and the import that failed', async () => {
    write('missing.yaml', komposer('    - ./katalogs/shop.yaml\n    - ./katalogs/nope.yaml\n'));
    for (const command of [['validate'], ['template', '--cr', 'shop.cr.yaml']]) {
      const r = await ork([command[0]!, '-f', 'missing.yaml', ...command.slice(1)]);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(/^missing\.yaml: imports\.files\[1\]: file:\.\/katalogs\/nope\.yaml: \.\/katalogs\/nope\.yaml does not exist/m);
    }
  });

  it('fetches a remote import as ork resolve does (same flags), and --offline leaves it out with a warning', async () => {
    write('remote.yaml', komposer(`    - ./katalogs/shop.yaml\n    - ${server.origin}/cache.yaml\n`));
    const fetched = await ork(['template', '-f', 'remote.yaml', '--cr', 'cache.cr.yaml', '--allow-http-loopback']);
    expect(fetched.code, fetched.err).to.equal(0);
    expect(fetched.out).to.contain('image: redis:7');
    expect(server.requests.map((r) => r.path)).to.deep.equal(['/cache.yaml']);

    const refused = await ork(['validate', '-f', 'remote.yaml']);
    expect(refused.code).to.equal(2);
    expect(refused.err).to.contain('remote.yaml: imports.files[1]: url:');

    server.reset((_req, res) => res.writeHead(500).end());
    const offline = await ork(['validate', '-f', 'remote.yaml', '--offline']);
    expect(offline.code, offline.err).to.equal(0);
    expect(offline.err).to.contain(`warning: remote.yaml: imports.files[1]: url:${server.origin}/cache.yaml is not fetched (--offline`);
    expect(server.requests).to.deep.equal([]);
    const missing = await ork(['template', '-f', 'remote.yaml', '--cr', 'cache.cr.yaml', '--offline']);
    expect(missing.code).to.equal(2);
    expect(missing.err).to.contain('which no CRD entry of remote.yaml serves (it declares: shop');
  });

  it('takes a $NAME import from the environment, and skips it with a warning when unset', async () => {
    write('env.yaml', komposer('    - $SHOP_KATALOG\n'));
    const set = await ork(['template', '-f', 'env.yaml', '--cr', 'shop.cr.yaml'], { SHOP_KATALOG: './katalogs/shop.yaml' });
    expect(set.code, set.err).to.equal(0);
    expect(set.out).to.contain('image: shop:1');
    const unset = await ork(['validate', '-f', 'env.yaml']);
    expect(unset.code).to.equal(0);
    expect(unset.err).to.contain('warning: env.yaml: imports.files[0]: $SHOP_KATALOG is not set, so this import is skipped');
  });
});
