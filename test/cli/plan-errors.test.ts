// `ork plan` refusals that need no cluster: the exit code follows the error's category like every
// command's (docs/cli.md: 2 bad input, 3 unreachable, 4 integrity), with the usual error lines;
// --help is 0.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { resolveToBundle } from '../controller/e2e/world.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: plan-errors
spec:
  crds:
    shop:
      apiTypes: {group: shop.example.com, version: v1, kind: Shop, plural: shops}
      operatorBox:
        onReconcile:
          configMaps:
            - data: {a: b}
`;

async function plan(...args: string[]) {
  const io = captureIO({ env: {} });
  const code = await runCommand(['plan', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('cli ork plan: errors and usage', function () {
  this.timeout(30_000);
  let dir: string;
  let unreachable: string;

  before(() => {
    dir = tempDir('plan-errors');
    writeFileSync(join(dir, 'katalog.yaml'), KATALOG);
    unreachable = join(dir, 'kubeconfig');
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    writeFileSync(unreachable, `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: not-a-real-token}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`);
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await plan('--help');
    expect(code).to.equal(0);
    expect(out).to.match(/^usage: ork plan \(\[-f KOMPOSER\] \| --bundle DIR \[--key PUBLIC\.pem\]\)/);
    expect(out).to.contain('0 nothing would change, 5 changes present, 2 bad input');
  });

  it('an unreachable API server: exit 3, saying what failed and what to check, no token in the output', async () => {
    const { code, out, err } = await plan('-f', join(dir, 'katalog.yaml'), '--kubeconfig', unreachable);
    expect(out).to.equal('');
    expect(err).to.match(/^the Kubernetes API failed \(ConnectionFailed\): .*check that the API server is reachable and the kubeconfig points at it\nork plan: KUBE_API_FAILED\n$/);
    expect(err).not.to.contain('not-a-real-token');
    expect(code).to.equal(3);
  });

  const usage: { name: string; args: string[]; message: RegExp }[] = [
    { name: 'neither -f nor --bundle, and no katalog.yaml here', args: [], message: /no -f given and no katalog\.yaml or komposer\.yaml in / },
    { name: 'both -f and --bundle', args: ['-f', 'k.yaml', '--bundle', 'b'], message: /give either -f KOMPOSER or --bundle DIR/ },
    { name: '--key without --bundle', args: ['-f', 'k.yaml', '--key', 'p.pem'], message: /--key verifies a --bundle/ },
    { name: '--publish without --namespace', args: ['-f', 'k.yaml', '--publish'], message: /need --namespace/ },
    { name: 'a service account without its namespace', args: ['-f', 'k.yaml', '--service-account', 'ork'], message: /--service-account must be NAMESPACE\/NAME/ },
    { name: 'a fractional --max-crs', args: ['-f', 'k.yaml', '--max-crs', '1.5'], message: /--max-crs must be a whole number/ },
    { name: 'an unknown flag', args: ['-f', 'k.yaml', '--frobnicate'], message: /Unknown option '--frobnicate'/ },
  ];
  for (const c of usage) {
    it(`${c.name}: exit 2 (USAGE)`, async () => {
      const { code, err } = await plan(...c.args);
      expect(err).to.match(c.message);
      expect(err).to.match(/ork plan: USAGE\n$/);
      expect(code).to.equal(2);
    });
  }

  it('a Komposer that does not exist: exit 2 before any cluster access', async () => {
    const { code, err } = await plan('-f', join(dir, 'missing.yaml'), '--kubeconfig', unreachable);
    expect(err).not.to.contain('KUBE_API_FAILED');
    expect(err).to.match(/ork plan: [A-Z_]+\n$/);
    expect(code).to.equal(2);
  });

  it('a bundle that fails verification with --key: exit 4, nothing planned', async () => {
    const bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
    const other = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
    const { code, out, err } = await plan('--bundle', bundle.bundleDir, '--key', other.publicKeyPath, '--kubeconfig', unreachable);
    expect(out).to.equal('');
    expect(err).to.match(/ork plan: SIGNATURE_INVALID\n$/);
    expect(code).to.equal(4);
  });
});
