// cli/args.ts: upstream's earlier spelling of -f, -k/--katalog, read as -f/--file by every command
// that takes -f (its docs and CI scripts run `ork validate -k katalog.yaml`), and nowhere else.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { katalogAsFile, parseFlags } from '../../cli/args.js';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE_SPEC = { file: { type: 'string', short: 'f', multiple: true }, out: { type: 'string' } } as const;

describe('cli/args', () => {
  it('reads -k, --katalog and --katalog= as -f, --file and --file=, up to --', () => {
    expect(katalogAsFile(['-k', 'a.yaml', '--katalog', 'b.yaml', '--katalog=c.yaml', '--', '-k'])).to.deep.equal(['-f', 'a.yaml', '--file', 'b.yaml', '--file=c.yaml', '--', '-k']);
    expect(katalogAsFile(['-f', 'a.yaml', '--kubeconfig', 'k'])).to.deep.equal(['-f', 'a.yaml', '--kubeconfig', 'k']);
  });

  it('gives a command that takes -f the files of -k and --katalog, with its own -f, in order', () => {
    const { values } = parseFlags('validate', ['-k', 'a.yaml', '-f', 'b.yaml', '--katalog=c.yaml'], FILE_SPEC);
    expect(values.file).to.deep.equal(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('leaves -k unknown to a command without -f, and says what -k is when its value is missing', () => {
    expect(() => parseFlags('keygen', ['-k', 'x'], { out: { type: 'string' } })).to.throw(/Unknown option '-k'.*ork keygen --help/);
    expect(() => parseFlags('validate', ['-k'], FILE_SPEC)).to.throw(/argument missing; -k\/--katalog is read as -f\/--file \(see 'ork validate --help'\)/);
  });

  it('ork validate -k answers as ork validate -f', async () => {
    const run = async (args: string[]) => {
      const io = captureIO({ cwd: ROOT });
      return { code: await runCommand(args, io), out: io.out, err: io.err };
    };
    const byK = await run(['validate', '-k', 'examples/website/katalog.yaml']);
    expect(byK).to.deep.equal(await run(['validate', '-f', 'examples/website/katalog.yaml']));
    expect(byK.code).to.equal(0);
    expect(byK.out).to.equal('examples/website/katalog.yaml: valid\n');
  });
});
