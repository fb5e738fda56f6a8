// Verify before start, as the container runs it: `node dist/cli/main.js controller …` in a child
// process, its kubeconfig pointing at a local HTTPS server that records every request. A tampered
// bundle, the wrong key, a pinned digest that does not match or a bundle resolved for another
// configuration (a replay): exit 4, the reason code in one error log line and in the termination
// message — and not one request at the "API server".
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPair } from '../../../shared/bundle/keys.js';
import { BUNDLE_FILE } from '../../../shared/bundle/layout.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { repoRoot, tempDir } from '../../support/tools.js';
import { fixtureCopy, poll, resolveToBundle, type SignedBundleDir } from './world.js';

interface Exit {
  code: number | null;
  stderr: string;
}

describe('ork controller refuses a bundle it cannot prove, before any API call', function () {
  this.timeout(60_000);
  let ca: TestCa;
  let server: TestServer;
  let bundle: SignedBundleDir;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    ca = await makeTestCa();
    server = await startHttpsServer(ca, (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
    });
    const fixture = fixtureCopy('fleet');
    bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });
    dir = tempDir('e2e-refuse');
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'recorder', cluster: { server: server.origin, 'certificate-authority-data': Buffer.from(ca.caCert).toString('base64') } }],
      users: [{ name: 'tester', user: { token: 'not-a-secret' } }],
      contexts: [{ name: 'recorder', context: { cluster: 'recorder', user: 'tester' } }],
      'current-context': 'recorder',
    }));
  });
  after(async () => {
    await server?.close();
    await ca?.remove();
  });
  beforeEach(() => server.reset((_req, res) => res.writeHead(404).end()));

  /** Runs the controller; when `untilRequest`, stops it (SIGTERM, by its pid) once the server saw a request. */
  function runController(args: string[], untilRequest = false): Promise<Exit> {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'controller', '--kubeconfig', kubeconfig, '--http-address', '127.0.0.1:0', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    if (untilRequest) {
      void poll('a request at the server', 20_000, async () => (server.requests.length > 0 ? true : undefined))
        .catch(() => undefined)
        .finally(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    return exited.finally(() => clearTimeout(timer));
  }

  function errorLines(stderr: string): { code?: string; message: string; level: string }[] {
    return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((l) => l.level === 'error');
  }

  async function expectRefused(args: string[], code: string): Promise<void> {
    const termination = join(dir, `termination-${code}`);
    const exit = await runController([...args, '--termination-message-path', termination]);
    expect(exit.code, exit.stderr).to.equal(4);
    expect(errorLines(exit.stderr)).to.have.length(1);
    expect(errorLines(exit.stderr)[0]).to.include({ code, message: 'controller refused to start' });
    expect(exit.stderr).to.not.contain('bundle verified');
    expect(readFileSync(termination, 'utf8')).to.match(new RegExp(`^${code}: .+\\n$`));
    expect(server.requests, 'requests at the API server').to.deep.equal([]);
  }

  it('a good bundle does reach the API server (the recorder works)', async () => {
    const exit = await runController(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--expected-digest', bundle.digest], true);
    expect(exit.stderr).to.contain('bundle verified');
    expect(server.requests.length).to.be.greaterThan(0);
    expect(server.requests[0]!.headers.authorization).to.equal('Bearer not-a-secret');
  });

  it('--memory-settle other than auto or off: USAGE naming the flag and the value, exit 2, no request', async () => {
    const exit = await runController(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--memory-settle', 'always']);
    expect(exit.code, exit.stderr).to.equal(2);
    expect(errorLines(exit.stderr)[0]).to.include({ code: 'USAGE' });
    expect(exit.stderr).to.contain('--memory-settle must be auto or off, got \\"always\\"');
    expect(exit.stderr).to.not.contain('bundle verified');
    expect(server.requests).to.deep.equal([]);
  });

  it('tampered bundle.json: DIGEST_MISMATCH, exit 4, no request', async () => {
    const tampered = join(dir, 'tampered');
    cpSync(bundle.bundleDir, tampered, { recursive: true });
    const text = readFileSync(join(tampered, BUNDLE_FILE), 'utf8');
    expect(text).to.contain('"e2e-fleet"');
    writeFileSync(join(tampered, BUNDLE_FILE), text.replace('"e2e-fleet"', '"e2e-fleex"'));
    await expectRefused(['--bundle', tampered, '--key', bundle.publicKeyPath], 'DIGEST_MISMATCH');
  });

  it('the wrong public key: SIGNATURE_INVALID, exit 4, no request', async () => {
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateSigningKeyPair().publicKeyPem);
    await expectRefused(['--bundle', bundle.bundleDir, '--key', other], 'SIGNATURE_INVALID');
  });

  it('an expected digest that does not match: EXPECTED_DIGEST_MISMATCH, exit 4, no request', async () => {
    await expectRefused(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--expected-digest', `sha256:${'0'.repeat(64)}`], 'EXPECTED_DIGEST_MISMATCH');
  });

  describe('replay: a validly signed bundle resolved for another configuration', () => {
    const OLD_CONFIG = '1'.repeat(64);
    const NEW_CONFIG = '2'.repeat(64);
    let older: SignedBundleDir;
    before(async () => {
      const fixture = fixtureCopy('fleet');
      older = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir, configChecksum: OLD_CONFIG });
    });

    it('in a pod whose --config-checksum differs: CONFIG_CHECKSUM_MISMATCH naming both, exit 4, no request', async () => {
      await expectRefused(['--bundle', older.bundleDir, '--key', older.publicKeyPath, '--config-checksum', NEW_CONFIG], 'CONFIG_CHECKSUM_MISMATCH');
      expect(readFileSync(join(dir, 'termination-CONFIG_CHECKSUM_MISMATCH'), 'utf8')).to.contain(`resolved for configuration ${OLD_CONFIG}, but this pod runs configuration ${NEW_CONFIG}`);
    });

    it('a bundle bound to no configuration, where the pod has one: CONFIG_CHECKSUM_MISMATCH, exit 4, no request', async () => {
      await expectRefused(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--config-checksum', NEW_CONFIG], 'CONFIG_CHECKSUM_MISMATCH');
    });

    it('in the pod of its own configuration it is verified and the controller goes on to the API server', async () => {
      const exit = await runController(['--bundle', older.bundleDir, '--key', older.publicKeyPath, '--config-checksum', OLD_CONFIG], true);
      const verified = exit.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'bundle verified' || l.message === 'bundle verified');
      expect(verified, exit.stderr).to.include({ configChecksum: OLD_CONFIG, digest: older.digest });
      expect(verified.issuedAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(server.requests.length).to.be.greaterThan(0);
    });

    it('an empty --config-checksum: CONFIG_CHECKSUM_INVALID, exit 2, no request', async () => {
      const exit = await runController(['--bundle', older.bundleDir, '--key', older.publicKeyPath, '--config-checksum', '']);
      expect(exit.code, exit.stderr).to.equal(2);
      expect(errorLines(exit.stderr)[0]).to.include({ code: 'CONFIG_CHECKSUM_INVALID' });
      expect(server.requests).to.deep.equal([]);
    });
  });
});
