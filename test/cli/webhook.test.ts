// `ork webhook` in-process: a bundle that fails verification stops it before any cluster access
// (exit 4, the reason in the termination message and the log), and bad flags exit 2.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { resolveToBundle, type SignedBundleDir } from '../controller/e2e/world.js';
import { captureIO } from '../support/io.js';
import { repoRoot, tempDir } from '../support/tools.js';

describe('cli ork webhook', function () {
  this.timeout(20_000);
  let bundle: SignedBundleDir;
  let dir: string;

  before(async () => {
    dir = tempDir('cli-webhook');
    for (const f of ['katalog.yaml', 'gadget-crd.yaml']) writeFileSync(join(dir, f), readFileSync(join(repoRoot, 'test/fixtures/webhook', f)));
    bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
  });

  it('refuses a bundle signed by another key before touching the cluster: exit 4, termination message, log', async () => {
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateSigningKeyPair().publicKeyPem);
    const termination = join(dir, 'termination-log');
    const io = captureIO();
    // The kubeconfig does not exist: had the command reached for the cluster, the error would say so.
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', other, '--name', 'x', '--service', 'ns/svc', '--tls-secret', 's', '--tls-secret-namespace', 'ns',
      '--kubeconfig', join(dir, 'no-such-kubeconfig'), '--http-address', '127.0.0.1:0', '--termination-message-path', termination, '--log-format', 'json'], io);
    expect(code).to.equal(4);
    expect(readFileSync(termination, 'utf8')).to.match(/^SIGNATURE_INVALID: /);
    expect(io.err).to.not.contain('KUBECONFIG');
  });

  it('refuses a bundle not resolved for the configuration it is given (--config-checksum), as the controller does', async () => {
    const termination = join(dir, 'termination-config');
    const io = captureIO();
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--no-register', '--host', 'x', '--http-address', '127.0.0.1:0',
      '--config-checksum', `sha256:${'a'.repeat(64)}`, '--termination-message-path', termination, '--log-format', 'json'], io);
    expect(code).to.equal(4);
    expect(readFileSync(termination, 'utf8')).to.match(/^CONFIG_CHECKSUM_MISMATCH: /);
  });

  it('refuses bad flags with exit 2 naming the flag', async () => {
    const io = captureIO();
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', 'x', '--service', 'bad', '--http-address', '127.0.0.1:0'], io);
    expect(code).to.equal(2);
    expect(io.err).to.match(/--service must be NAMESPACE\/NAME/);
  });

  it('--help lists the container flags', async () => {
    const io = captureIO();
    expect(await runCommand(['webhook', '--help'], io)).to.equal(0);
    for (const flag of ['--bundle', '--key', '--service', '--tls-secret', '--termination-message-path', '--failure-policy']) expect(io.out).to.contain(flag);
  });
});
