// `ork audit` without a cluster: help, flag errors and a missing kubeconfig. Its behaviour against
// real Pods, ReplicaSets and Leases is in test/controller/startup/publish-digest.test.ts.
import { expect } from 'chai';
import { join } from 'node:path';
import { runCommand, usage } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

describe('cli/commands/audit', () => {
  it('is listed in the usage', () => {
    expect(usage()).to.match(/\n {2}audit +list the controller replicas/);
  });

  it('prints its help with the exit codes', async () => {
    const io = captureIO();
    expect(await runCommand(['audit', '--help'], io)).to.equal(0);
    expect(io.out).to.contain('usage: ork audit [-n NAMESPACE]');
    expect(io.out).to.contain('4 split brain');
  });

  const usageErrors: { argv: string[]; message: string }[] = [
    { argv: ['--bogus'], message: "Unknown option '--bogus'" },
    { argv: ['-n'], message: "Option '-n, --namespace <value>' argument missing" },
  ];
  for (const c of usageErrors) {
    it(`refuses ${c.argv.join(' ')} with exit 2`, async () => {
      const io = captureIO();
      expect(await runCommand(['audit', ...c.argv], io)).to.equal(2);
      expect(io.err).to.contain(c.message);
      expect(io.err).to.contain('USAGE');
    });
  }

  it('exits 2 naming the file when the kubeconfig does not exist', async () => {
    const io = captureIO({ env: {} });
    const path = join(tempDir('audit-cli'), 'missing');
    expect(await runCommand(['audit', '--kubeconfig', path], io)).to.equal(2);
    expect(io.err).to.contain(`cannot read kubeconfig ${path}`);
    expect(io.err).to.contain('FILE_UNREADABLE');
  });
});
