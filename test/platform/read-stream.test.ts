import { expect } from 'chai';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readStreamBounded } from '../../platform/read-stream.js';

describe('platform/read-stream', () => {
  it('joins every chunk up to and including the bound', async () => {
    expect(await readStreamBounded(Readable.from([Buffer.from('01234'), '56789']), 10)).to.deep.equal({ bytes: Buffer.from('0123456789') });
    expect(await readStreamBounded(Readable.from([]), 10)).to.deep.equal({ bytes: Buffer.alloc(0) });
  });

  it('refuses a stream one byte over the bound', async () => {
    expect(await readStreamBounded(Readable.from([Buffer.from('0123456789')]), 9)).to.deep.equal({ failure: { reason: 'too-large', max: 9 } });
  });

  it('stops at the bound on a stream that never ends, and releases it', async () => {
    const zero = createReadStream('/dev/zero');
    const started = performance.now();
    expect(await readStreamBounded(zero, 1024 * 1024)).to.deep.equal({ failure: { reason: 'too-large', max: 1024 * 1024 } });
    expect(performance.now() - started).to.be.below(2000);
    expect(zero.destroyed).to.equal(true);
  });

  it('turns a failing stream into a reason instead of a throw', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('boom'), { code: 'EPIPE' }));
      },
    });
    expect(await readStreamBounded(failing, 10)).to.deep.equal({ failure: { reason: 'other', errno: 'EPIPE' } });
  });
});
