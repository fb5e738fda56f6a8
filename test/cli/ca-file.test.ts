// A --ca-file (or $ORKESTRA_CA_FILE) that holds no certificate, or a block that does not parse, is
// refused up front naming the flag, before anything is fetched.
import { expect } from 'chai';
import { inputFilesDir, orkIn } from './input-files.js';

describe('cli: --ca-file is checked up front', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = inputFilesDir('ca-file');
  });

  const ork = (argv: string[], env: Record<string, string> = {}) => orkIn(dir, argv, env);

  const cas: [string, string, RegExp][] = [
    ['an empty file', 'empty.pem', /--ca-file empty\.pem holds no certificate/],
    ['text that is no PEM', 'garbage.pem', /--ca-file garbage\.pem holds no certificate/],
    ['a certificate block that does not parse', 'broken.pem', /--ca-file broken\.pem holds a certificate block \(number 1\) that does not parse/],
    ['a FIFO', 'fifo.yaml', /--ca-file fifo\.yaml: is not a regular file/],
  ];
  for (const [name, file, says] of cas) {
    it(`refuses a --ca-file holding ${name} before fetching anything, naming the flag`, async () => {
      const r = await ork(['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'key.pem', '--ca-file', file]);
      expect(r.code, r.err).to.equal(2);
      expect(r.err).to.match(says);
      expect(r.err).not.to.contain('caCertificates');
    });
  }

  it('names $ORKESTRA_CA_FILE when the CA file came from the environment', async () => {
    const r = await ork(['lock', '-f', 'good.komposer.yaml', '--out', 'lock.json'], { ORKESTRA_CA_FILE: 'empty.pem' });
    expect(r.code, r.err).to.equal(2);
    expect(r.err).to.contain('$ORKESTRA_CA_FILE (empty.pem) holds no certificate');
  });
});
