// `-f -` (cli/input-file.ts): the Katalog, Komposer or CR read from stdin, bounded like a file, named
// `<stdin>` in messages, its relative paths resolved against the working directory. In-process with
// a fake stdin, and through the built `ork` with a real pipe.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { runCommand } from '../../cli/dispatch.js';
import { readStreamBounded } from '../../platform/index.js';
import { captureIO } from '../support/io.js';

const ORK = join(dirname(fileURLToPath(import.meta.url)), '../../cli/main.js');

const katalog = (extra = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: piped}
spec:
  crds:
    shop:
      crdFile: ./crds/shop.yaml${extra}
      operatorBox:
        onCreate:
          deployments:
            - {name: "{{ .metadata.name }}-web", image: "web:{{ .spec.tag }}"}
`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: shops.k.example.com}
spec:
  group: k.example.com
  names: {kind: Shop, plural: shops, singular: shop, listKind: ShopList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
const cr = 'apiVersion: k.example.com/v1\nkind: Shop\nmetadata: {name: one, namespace: ns}\nspec: {tag: "7"}\n';

describe('cli -f - (stdin)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ork-stdin-'));
    mkdirSync(join(dir, 'crds'));
    mkdirSync(join(dir, 'katalogs'));
    writeFileSync(join(dir, 'crds', 'shop.yaml'), crd);
    writeFileSync(join(dir, 'katalogs', 'shop.yaml'), katalog().replace('./crds/', '../crds/'));
    writeFileSync(join(dir, 'shop.cr.yaml'), cr);
    writeFileSync(join(dir, 'katalog.yaml'), katalog());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const ork = async (args: string[], stdin: string | Buffer | undefined, extra: { stdinIsTTY?: boolean } = {}) => {
    let reads = 0;
    const io = captureIO({
      cwd: dir,
      ...(stdin === undefined
        ? {}
        : {
            readStdin: (max: number) => {
              reads += 1;
              return readStreamBounded(Readable.from([Buffer.from(stdin)]), max);
            },
          }),
      ...extra,
    });
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err, reads };
  };

  it('validates a Katalog from stdin, reading its crdFile relative to the working directory', async () => {
    const r = await ork(['validate', '-f', '-'], katalog());
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal('<stdin>: valid\n');
    expect(r.reads).to.equal(1);
  });

  it('names <stdin> with line and column in a problem', async () => {
    const r = await ork(['validate', '-f', '-'], katalog('\n      replicaz: 2'));
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/^<stdin>:8:7: spec\.crds\.shop\.replicaz: .*/m);
  });

  it('validates stdin beside files, and refuses stdin twice before reading it', async () => {
    const both = await ork(['validate', '-f', 'katalog.yaml', '-f', '-'], katalog());
    expect(both.code, both.err).to.equal(0);
    expect(both.out).to.equal('katalog.yaml: valid\n<stdin>: valid\n');
    const twice = await ork(['validate', '-f', '-', '-f', '-'], katalog());
    expect(twice.code).to.equal(2);
    expect(twice.err).to.contain('-f - (stdin) can be given once');
    expect(twice.reads).to.equal(0);
  });

  it('renders from a Katalog on stdin, or from a CR on stdin, but not both', async () => {
    const katalogIn = await ork(['template', '-f', '-', '--cr', 'shop.cr.yaml'], katalog());
    expect(katalogIn.code, katalogIn.err).to.equal(0);
    expect(katalogIn.out).to.contain('name: one-web').and.to.contain('image: web:7');
    const crIn = await ork(['template', '-f', 'katalog.yaml', '--cr', '-'], cr);
    expect(crIn.out).to.equal(katalogIn.out);
    const both = await ork(['template', '-f', '-', '--cr', '-'], katalog());
    expect(both.code).to.equal(2);
    expect(both.err).to.contain('-f - (stdin) can be given once');
  });

  it('resolves a Komposer from stdin with its file imports relative to the working directory', async () => {
    const komposer = 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: k}\nimports:\n  files:\n    - ./katalogs/shop.yaml\n';
    const r = await ork(['template', '-f', '-', '--cr', 'shop.cr.yaml'], komposer);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('image: web:7');
    const locked = await ork(['lock', '-f', '-'], komposer);
    expect(locked.code, locked.err).to.equal(0);
    expect(JSON.parse(readFileSync(join(dir, 'orkestra.lock.json'), 'utf8')).bundleDigest, 'the lock lands in the working directory').to.equal(locked.out.trim());
    const missing = await ork(['validate', '-f', '-'], komposer.replace('shop.yaml', 'nope.yaml'));
    expect(missing.code).to.equal(2);
    expect(missing.err).to.match(/^<stdin>: imports\.files\[0\]: file:\.\/katalogs\/nope\.yaml: .*does not exist/m);
  });

  const refusals: [string, string | Buffer, RegExp][] = [
    ['empty input', '  \n', /<stdin>: empty; pipe in a Katalog or Komposer \(for example: cat katalog\.yaml \| ork validate -f -\)/],
    ['bytes that are not UTF-8', Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0xff, 0xfe]), /<stdin>: not UTF-8 text/],
    ['more than the YAML size limit', 'x'.repeat(4 * 1024 * 1024 + 1), /<stdin>: it is larger than 4194304 bytes/],
  ];
  for (const [what, input, message] of refusals) {
    it(`refuses ${what} with a line naming <stdin>`, async () => {
      const r = await ork(['validate', '-f', '-'], input);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(message);
    });
  }

  it('says it waits when stdin is a terminal, and explains where a command has no stdin', async () => {
    const tty = await ork(['validate', '-f', '-'], katalog(), { stdinIsTTY: true });
    expect(tty.err).to.contain('reading the Katalog or Komposer from stdin; end it with Ctrl-D');
    const none = await ork(['validate', '-f', '-'], undefined);
    expect(none.code).to.equal(2);
    expect(none.err).to.contain('has no stdin to read here; pass the file by path instead of -f -');
  });

  it('reads a real pipe through the built ork, and stops at the bound on /dev/zero', () => {
    const piped = spawnSync(process.execPath, [ORK, 'validate', '-f', '-'], { cwd: dir, input: katalog(), encoding: 'utf8', timeout: 20_000 });
    expect(piped.status, piped.stderr).to.equal(0);
    expect(piped.stdout).to.equal('<stdin>: valid\n');
    const zero = openSync('/dev/zero', 'r');
    try {
      const endless = spawnSync(process.execPath, [ORK, 'validate', '-f', '-'], { cwd: dir, stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 20_000 });
      expect(endless.status).to.equal(2);
      expect(endless.stderr).to.contain('<stdin>: it is larger than 4194304 bytes');
    } finally {
      closeSync(zero);
    }
  });
});
