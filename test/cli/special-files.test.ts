// Every command that reads a file named on its command line, and the file import source, refuses
// a FIFO at once (reading one waits for a writer forever), like /dev/zero and directories.
import { expect } from 'chai';
import { inputFilesDir, orkIn } from './input-files.js';

describe('cli: FIFOs and devices as input', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = inputFilesDir('special-files');
  });

  const ork = (argv: string[], env: Record<string, string> = {}) => orkIn(dir, argv, env);

  const inputs: [string, string[], RegExp][] = [
    ['validate -f FIFO', ['validate', '-f', 'fifo.yaml'], /fifo\.yaml: cannot read the file: is not a regular file/],
    ['template -f FIFO', ['template', '-f', 'fifo.yaml', '--cr', 'fifo.yaml'], /not a regular file/],
    ['resolve -f FIFO', ['resolve', '-f', 'fifo.yaml', '--out', 'out', '--key', 'key.pem'], /not a regular file/],
    ['lock -f FIFO', ['lock', '-f', 'fifo.yaml'], /not a regular file/],
    ['resolve --lock FIFO', ['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'key.pem', '--lock', 'fifo.yaml'], /not a regular file/],
    ['resolve --key FIFO', ['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'fifo.yaml'], /not a regular file/],
    ['a FIFO as a file import', ['resolve', '-f', 'fifo-import.komposer.yaml', '--out', 'out', '--key', 'key.pem'], /file:\.\/fifo\.yaml: \.\/fifo\.yaml is not a regular file/],
    ['validate -f /dev/zero', ['validate', '-f', '/dev/zero'], /not a regular file/],
  ];
  for (const [name, argv, says] of inputs) {
    it(`refuses ${name} at once with exit 2`, async () => {
      const r = await ork(argv);
      expect(r.code, r.err).to.equal(2);
      expect(r.err).to.match(says);
      expect(r.ms).to.be.below(5000);
    });
  }
});
