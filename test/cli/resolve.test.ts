// `ork resolve` as a command, with local files only: flags and their errors, what stdout/stderr
// carry, the termination message, removal of an earlier bundle on failure, and --json. Remote
// sources and the acceptance cases are in test/resolver/e2e.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const katalog = (crd: string, kind: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: ${crd}s
spec:
  crds:
    ${crd}:
      apiTypes: {group: cli.example.org, version: v1, kind: ${kind}, plural: ${crd}s}
`;

const komposer = (files: string[], crds = '{}') => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata:
  name: cli
imports:
  files:
${files.map((f) => `    - ${f}`).join('\n')}
spec:
  crds: ${crds}
`;

describe('cli/commands/resolve', () => {
  const dir = tempDir('cli-resolve');
  const keys = generateSigningKeyPair();
  writeFileSync(join(dir, 'key.pem'), keys.privateKeyPem);
  writeFileSync(join(dir, 'pub.pem'), keys.publicKeyPem);
  writeFileSync(join(dir, 'a.yaml'), katalog('alpha', 'Alpha'));
  writeFileSync(join(dir, 'b.yaml'), katalog('beta', 'Beta'));
  writeFileSync(join(dir, 'komposer.yaml'), komposer(['./a.yaml', './b.yaml']));
  writeFileSync(join(dir, 'missing.yaml'), komposer(['./a.yaml', './nope.yaml']));

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCommand(['resolve', ...argv], io);
    return { code, out: io.out, err: io.err };
  }

  it('prints help with exit 0, listing every flag and the exit codes', async () => {
    const r = await ork('--help');
    expect(r.code).to.equal(0);
    for (const flag of ['--out', '--key', '--lock', '--json', '--termination-message-path', '--ca-file', '--concurrency', '--allow-http-loopback']) expect(r.out).to.contain(flag);
    expect(r.out).to.contain('Exit codes: 0 ok; 1 internal; 2 configuration or validation; 3 fetch or auth; 4 integrity.');
  });

  it('writes the bundle and prints only its digest (relative paths from the working directory)', async () => {
    const r = await ork('-f', 'komposer.yaml', '--out', 'out-ok', '--key', 'key.pem');
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.equal('');
    expect(r.out).to.match(/^sha256:[0-9a-f]{64}\n$/);
    const verified = captureIO({ cwd: dir });
    expect(await runCommand(['verify', '--bundle', 'out-ok', '--key', 'pub.pem'], verified)).to.equal(0);
    expect(verified.out).to.equal(`verified ${r.out}`);
  });

  it('--json prints a summary: imports by source with ref, digest, size, media type; the CRDs; the digest', async () => {
    const r = await ork('-f', 'komposer.yaml', '--out', 'out-json', '--key', 'key.pem', '--json');
    expect(r.code, r.err).to.equal(0);
    const s = JSON.parse(r.out);
    expect(s.out).to.equal(join(dir, 'out-json'));
    expect(s.imports.map((i: { source: string }) => i.source)).to.deep.equal(['file:./a.yaml', 'file:./b.yaml']);
    expect(s.imports[0]).to.have.keys(['source', 'ref', 'digest', 'size', 'mediaType']);
    expect(s.imports[0].size).to.equal(readFileSync(join(dir, 'a.yaml')).length);
    expect(s.warnings).to.equal(0);
    expect(s.digest).to.equal(`sha256:${createHash('sha256').update(readFileSync(join(dir, 'out-json', 'bundle.json'))).digest('hex')}`);
  });

  const usage: [string, string[], RegExp][] = [
    ['no --out', ['-f', 'komposer.yaml', '--key', 'key.pem'], /--out is required/],
    ['no --key', ['-f', 'komposer.yaml', '--out', 'o'], /--key is required/],
    ['an unknown flag', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--insecure'], /insecure/],
    ['--concurrency 0', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
    ['--concurrency 65', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--concurrency', '65'], /from 1 to 64/],
    ['--concurrency abc', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--concurrency', 'abc'], /from 1 to 64/],
    ['an unreadable --ca-file', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--ca-file', 'nope.pem'], /cannot read the CA file given by --ca-file nope\.pem: no such file/],
    ['an unreadable --lock', ['-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--lock', 'nope.lock'], /cannot read the lock file/],
  ];
  for (const [name, argv, says] of usage) {
    it(`refuses ${name}: exit 2, USAGE`, async () => {
      const r = await ork(...argv);
      expect(r.code).to.equal(2);
      expect(r.out).to.equal('');
      expect(r.err).to.match(says);
      expect(r.err).to.contain('ork resolve: USAGE\n');
    });
  }

  it('refuses a public key given as the signing key (KEY_INVALID, exit 2) before fetching anything', async () => {
    const r = await ork('-f', 'missing.yaml', '--out', 'o', '--key', 'pub.pem');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('ork resolve: KEY_INVALID');
  });

  it('refuses a malformed lock file (USAGE) naming it', async () => {
    writeFileSync(join(dir, 'bad.lock.json'), '{"lockVersion": 7}');
    const r = await ork('-f', 'komposer.yaml', '--out', 'o', '--key', 'key.pem', '--lock', 'bad.lock.json');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('bad.lock.json is not an Orkestra lock file: lockVersion must be 1');
  });

  it('on failure removes an earlier bundle from --out and writes one termination line', async () => {
    const first = await ork('-f', 'komposer.yaml', '--out', 'out-fail', '--key', 'key.pem');
    expect(first.code).to.equal(0);
    const r = await ork('-f', 'missing.yaml', '--out', 'out-fail', '--key', 'key.pem', '--termination-message-path', 'term.txt');
    expect(r.code).to.equal(3);
    expect(r.err).to.contain('file:./nope.yaml').and.to.contain('ork resolve: IMPORT_NOT_FOUND');
    expect(existsSync(join(dir, 'out-fail', 'bundle.json'))).to.equal(false);
    expect(existsSync(join(dir, 'out-fail', 'bundle.sig.json'))).to.equal(false);
    const term = readFileSync(join(dir, 'term.txt'), 'utf8');
    expect(term).to.match(/^IMPORT_NOT_FOUND: missing\.yaml: imports\.files\[1\]: file:\.\/nope\.yaml: [^\n]+\n$/);
  });

  it('writes the termination message for usage errors too, and not on success', async () => {
    const r = await ork('-f', 'komposer.yaml', '--out', 'o', '--termination-message-path', 'term-usage.txt');
    expect(r.code).to.equal(2);
    expect(readFileSync(join(dir, 'term-usage.txt'), 'utf8')).to.match(/^USAGE: --key is required[^\n]*\n$/);
    const ok = await ork('-f', 'komposer.yaml', '--out', 'o-ok', '--key', 'key.pem', '--termination-message-path', 'term-ok.txt');
    expect(ok.code).to.equal(0);
    expect(existsSync(join(dir, 'term-ok.txt'))).to.equal(false);
  });

  it('joins several issues into the one termination line', async () => {
    writeFileSync(join(dir, 'twice.yaml'), komposer(['./a.yaml', './a2.yaml']));
    writeFileSync(join(dir, 'a2.yaml'), katalog('alpha', 'AlphaTwo'));
    const r = await ork('-f', 'twice.yaml', '--out', 'o-twice', '--key', 'key.pem', '--termination-message-path', 'term-twice.txt');
    expect(r.code).to.equal(2);
    const term = readFileSync(join(dir, 'term-twice.txt'), 'utf8');
    expect(term.split('\n')).to.deep.equal([term.slice(0, -1), '']);
    expect(term).to.contain("twice.yaml: spec.crds.alpha: CRD 'alpha' is declared by both file:./a.yaml and file:./a2.yaml");
  });

  it('refuses an --out that is a file (the bundle cannot be written), leaving the file alone', async () => {
    writeFileSync(join(dir, 'not-a-dir'), 'keep me');
    const r = await ork('-f', 'komposer.yaml', '--out', 'not-a-dir', '--key', 'key.pem');
    expect(r.code).to.not.equal(0);
    expect(readFileSync(join(dir, 'not-a-dir'), 'utf8')).to.equal('keep me');
  });

  it('creates a missing --out directory (nested)', async () => {
    mkdirSync(join(dir, 'deep'), { recursive: true });
    const r = await ork('-f', 'komposer.yaml', '--out', 'deep/er/out', '--key', 'key.pem');
    expect(r.code, r.err).to.equal(0);
    expect(existsSync(join(dir, 'deep', 'er', 'out', 'bundle.json'))).to.equal(true);
  });
});

