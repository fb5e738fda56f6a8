// Several -f files: every message names the listed file it is about, as the user wrote it (merge-level
// problems at file:line:col, a file too deeply nested, a file outside the working directory), and a
// -f value is split at every comma, a URL's too, as upstream's parseFilePaths splits it. The URL
// cases run against a real HTTPS server on 127.0.0.1.
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { fileList } from '../../cli/several-files.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../support/https-server.js';
import { tempDir } from '../support/tools.js';

const entry = (name: string, kind: string, plural: string, extra = '') =>
  `    ${name}:\n      apiTypes: {group: naming.example.org, version: v1, kind: ${kind}, plural: ${plural}}\n${extra}`;
const katalog = (name: string, ...entries: string[]) => `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: ${name}}\nspec:\n  crds:\n${entries.join('')}`;
const COMMANDS = ['validate', 'template', 'resolve', 'lock', 'run'] as const;

describe('cli several -f files: messages name the files', function () {
  this.timeout(60_000);
  const root = tempDir('cli-several-naming');
  const dir = join(root, 'work');
  mkdirSync(join(dir, 'team'), { recursive: true });
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(dir, 'gate.yaml'), katalog('gate', entry('gate', 'Gate', 'gates')));
  // Line 7, column 7: `apiTypes` of the entry `door`, which declares Gate again.
  writeFileSync(join(dir, 'door.yaml'), katalog('door', entry('door', 'Gate', 'gates')));
  // Line 8, column 19: the dependsOn target `moat`, which no file declares.
  writeFileSync(join(dir, 'wall.yaml'), katalog('wall', entry('wall', 'Wall', 'walls', '      dependsOn: {moat: started}\n')));
  writeFileSync(join(dir, 'team/gate-again.yaml'), katalog('again', entry('gate', 'Portal', 'portals')));
  writeFileSync(join(dir, 'team/komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: team}\nimports:\n  files: [../gate.yaml]\n');
  writeFileSync(join(dir, 'team/deep.yaml'), '['.repeat(100));
  writeFileSync(join(root, 'shared/tower.yaml'), katalog('tower', entry('tower', 'Tower', 'towers')));
  writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }
  const extra = (command: string) => (command === 'resolve' ? ['--out', 'never', '--key', 'key.pem'] : []);

  it('names a merge-level problem at the file and line it is written in, for every command that takes -f', async () => {
    const cases: [string, string][] = [
      ['gate.yaml,door.yaml', "door.yaml:7:7: spec.crds.door.apiTypes: CRDs 'gate' (gate.yaml) and 'door' (door.yaml) both declare naming.example.org/v1, Kind=Gate; each kind may be reconciled by one entry only\n"],
      ['gate.yaml,wall.yaml', "wall.yaml:8:19: spec.crds.wall.dependsOn.moat: 'wall' (wall.yaml) depends on 'moat', which no source declares (or it is disabled)\n"],
      // A Komposer among the files: its own import is named from the working directory, not from its directory.
      ['team/komposer.yaml,team/gate-again.yaml', "team/gate-again.yaml:6:5: spec.crds.gate: CRD 'gate' is declared by both gate.yaml and team/gate-again.yaml; remove it from one of them, or disable one with 'enabled: false' in the Komposer\n"],
    ];
    for (const [list, expected] of cases) {
      for (const command of COMMANDS) {
        const r = await ork(command, '-f', list, ...extra(command));
        expect(r.code, `${command} ${list}: ${r.err}`).to.equal(2);
        expect(r.err, `${command} ${list}`).to.equal(`${expected}ork ${command}: KATALOG_INVALID\n`);
      }
    }
  });

  it('reads a file a listed Komposer imports itself once, as upstream takes one path twice', async () => {
    const r = await ork('validate', '-f', 'team/komposer.yaml,gate.yaml');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal('team/komposer.yaml,gate.yaml: valid\n');
  });

  it('names a file nested too deeply by its path from the working directory, not by an import label', async () => {
    for (const command of COMMANDS) {
      const alone = await ork(command, '-f', 'gate.yaml,team/deep.yaml', ...extra(command));
      expect(alone.err, command).to.equal(`team/deep.yaml:1:65: document is nested more than 64 levels deep\nork ${command}: KATALOG_INVALID\n`);
      // Beside a Komposer in team/, the resolver's label was relative to team/ (file:./deep.yaml).
      const beside = await ork(command, '-f', 'team/komposer.yaml,team/deep.yaml', ...extra(command));
      expect(beside.err, command).to.equal(`team/deep.yaml:1:65: document is nested more than 64 levels deep\nork ${command}: KATALOG_INVALID\n`);
    }
  });

  it('says a file outside the working directory lies outside it, naming the file as given', async () => {
    const said = `lies outside the working directory (${dir}), which the -f files are read from; read as upstream does (its content is packed into the bundle)`;
    for (const given of ['../shared/tower.yaml', join(root, 'shared/tower.yaml')]) {
      const r = await ork('validate', '-f', `gate.yaml,${given}`);
      expect(r.code, r.err).to.equal(0);
      expect(r.err).to.equal(`warning: ${given}: ${said}\n`);
      const t = await ork('template', '-f', `gate.yaml,${given}`, '--graph');
      expect(t.code, t.err).to.equal(0);
      expect(t.err).to.equal(`warning: ${given}: ${said}\n`);
    }
    // A written Komposer's own import through .. is still said to be outside the Komposer's directory.
    const komposer = await ork('validate', '-f', 'team/komposer.yaml', '-f', 'gate.yaml');
    expect(komposer.err).to.contain("warning: team/komposer.yaml: imports.files[0]: ../gate.yaml lies outside the Komposer's directory");
    // Beside a written Komposer the files are read from its directory: said so, naming the -f file.
    const beside = await ork('validate', '-f', 'team/komposer.yaml,../shared/tower.yaml');
    expect(beside.code, beside.err).to.equal(0);
    expect(beside.err).to.contain("warning: ../shared/tower.yaml: lies outside the Komposer's directory; read as upstream does");
  });

  describe('a URL in a -f list', () => {
    let ca: TestCa;
    let server: TestServer;
    before(async () => {
      ca = await makeTestCa();
      writeFileSync(join(dir, 'ca.pem'), ca.caCert);
      server = await startHttpsServer(ca, (req, res) => {
        // The query is the server's own (a version pin, say); the path names the file.
        if ((req.url ?? '').split('?')[0] === '/remote/tower.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(katalog('tower', entry('tower', 'Tower', 'towers')));
        else res.writeHead(404).end();
      });
    });
    after(async () => {
      await server.close();
      await ca.remove();
    });

    it('splits every comma, as upstream: a URL followed by a file, in one -f or two', async () => {
      const url = `${server.origin}/remote/tower.yaml`;
      const graph = 'Katalog tower: 2 CRD entries, startup order\n  1. gate  naming.example.org/v1, Kind=Gate\n  2. tower  naming.example.org/v1, Kind=Tower\n';
      for (const argv of [['-f', `${url},gate.yaml`], ['-f', url, '-f', 'gate.yaml']]) {
        const r = await ork('template', ...argv, '--ca-file', 'ca.pem', '--graph');
        expect(r.code, r.err).to.equal(0);
        expect(r.out).to.equal(graph);
      }
    });

    it('keeps a URL whole when its comma is written %2C, and points at %2C when a comma cut it', async () => {
      const whole = await ork('template', '-f', `${server.origin}/remote/tower.yaml?v=1%2C2`, '--ca-file', 'ca.pem', '--graph');
      expect(whole.code, whole.err).to.equal(0);
      expect(whole.out).to.equal('Katalog tower: 1 CRD entry, startup order\n  1. tower  naming.example.org/v1, Kind=Tower\n');
      const cut = `${server.origin}/remote/tower.yaml?v=1,2`;
      const r = await ork('template', '-f', cut, '--ca-file', 'ca.pem');
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(`2: no such file (listed in -f ${cut}); -f splits at every comma, as upstream: if this is the rest of ${server.origin}/remote/tower.yaml?v=1, write its comma as %2C\nork template: KATALOG_INVALID\n`);
    });

    it('splits as documented (pure)', () => {
      expect(fileList('https://h/a.yaml,b.yaml', 'run')).to.deep.equal(['https://h/a.yaml', 'b.yaml']);
      expect(fileList('https://h/k.yaml?x=1,2', 'run')).to.deep.equal(['https://h/k.yaml?x=1', '2']);
      expect(fileList('https://h/k.yaml?x=1%2C2', 'run')).to.deep.equal(['https://h/k.yaml?x=1%2C2']);
      expect(fileList('a.yaml, https://h/b.yaml', 'run')).to.deep.equal(['a.yaml', 'https://h/b.yaml']);
    });
  });
});
