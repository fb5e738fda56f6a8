import { expect } from 'chai';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

describe('cli/dispatch', () => {
  it('prints usage and exits 2 without a command', async () => {
    const io = captureIO();
    expect(await runCommand([], io)).to.equal(2);
    expect(io.out).to.contain('usage: ork <command>');
  });

  it('names an unknown command', async () => {
    const io = captureIO();
    expect(await runCommand(['frobnicate'], io)).to.equal(2);
    expect(io.err).to.contain("unknown command 'frobnicate'");
  });

  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`names '${name}' an unknown command too (not an internal error from Object's own keys)`, async () => {
      const io = captureIO();
      expect(await runCommand([name], io)).to.equal(2);
      expect(io.err).to.match(new RegExp(`^ork: unknown command '${name}'\\nusage: ork <command>`));
    });
  }
});
