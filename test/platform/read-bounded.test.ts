import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeReadFailure, readBounded, readBoundedSync } from '../../platform/read-bounded.js';
import { tempDir } from '../support/tools.js';

describe('platform/read-bounded', function () {
  this.timeout(10_000);
  let dir: string;

  before(() => {
    dir = tempDir('read-bounded');
    writeFileSync(join(dir, 'ten'), '0123456789');
    writeFileSync(join(dir, 'empty'), '');
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'ten'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
  });

  it('reads a regular file up to and including the bound', async () => {
    expect(await readBounded(join(dir, 'ten'), 10)).to.deep.equal({ bytes: Buffer.from('0123456789') });
    expect(await readBounded(join(dir, 'empty'), 10)).to.deep.equal({ bytes: Buffer.alloc(0) });
  });

  const refusals: [string, () => string, number, object][] = [
    ['a file one byte over the bound', () => join(dir, 'ten'), 9, { reason: 'too-large', max: 9 }],
    ['a missing file', () => join(dir, 'nope'), 10, { reason: 'missing', errno: 'ENOENT' }],
    ['a directory', () => join(dir, 'sub'), 10, { reason: 'directory' }],
    // Opening a FIFO for reading blocks until a writer comes: it must be refused at once instead.
    ['a FIFO with no writer', () => join(dir, 'fifo'), 10, { reason: 'not-regular' }],
    ['a device that never ends', () => '/dev/zero', 10, { reason: 'not-regular' }],
  ];
  for (const [name, path, max, failure] of refusals) {
    it(`refuses ${name}`, async () => {
      const started = performance.now();
      expect(await readBounded(path(), max)).to.deep.equal({ failure });
      expect(performance.now() - started).to.be.below(2000);
    });
    it(`refuses ${name}, synchronously too`, () => {
      const started = performance.now();
      expect(readBoundedSync(path(), max)).to.deep.equal({ failure });
      expect(performance.now() - started).to.be.below(2000);
    });
  }

  it('reads the same bytes synchronously, up to and including the bound', () => {
    expect(readBoundedSync(join(dir, 'ten'), 10)).to.deep.equal({ bytes: Buffer.from('0123456789') });
    expect(readBoundedSync(join(dir, 'empty'), 10)).to.deep.equal({ bytes: Buffer.alloc(0) });
  });

  it('follows a symbolic link unless told not to', async () => {
    expect(await readBounded(join(dir, 'link'), 10)).to.deep.equal({ bytes: Buffer.from('0123456789') });
    expect(await readBounded(join(dir, 'link'), 10, { noFollow: true })).to.deep.equal({ failure: { reason: 'loop', errno: 'ELOOP' } });
  });

  it('describes each failure in plain words', () => {
    expect(describeReadFailure({ reason: 'not-regular' })).to.match(/not a regular file \(a pipe, socket or device\)/);
    expect(describeReadFailure({ reason: 'too-large', max: 5 })).to.equal('is larger than 5 bytes');
  });
});
