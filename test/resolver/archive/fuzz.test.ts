// Fuzzing the tar reader (bounded, seeded; test/support/fuzz.ts): random bytes, random gzip'd
// bytes, and well-formed archives with bytes flipped before compression either unpack to files
// with safe relative paths or are refused with an OrkError naming the source — never a TypeError
// or an unbounded read.
import { expect } from 'chai';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { readTarGz } from '../../../resolver/archive/tar-gz.js';
import { tarBytes, type TarEntry } from '../../corpus/tar-writer.js';
import { fuzzParams, onlyOrkErrorsAsync } from '../../support/fuzz.js';

const LIMITS = { maxEntries: 50, maxBytes: 256 * 1024, maxRatio: 100 };

const entry: fc.Arbitrary<TarEntry> = fc.record({
  path: fc.oneof(fc.constantFrom('c/Chart.yaml', 'c/katalog.yaml', 'a/../b', '/abs', './x', 'c//d', 'c/./e', '..', ''), fc.string({ maxLength: 12 })),
  type: fc.constantFrom('file', 'file', 'dir', 'symlink', 'hardlink', 'fifo', 'pax', 'gnulong', 'x', 'g', 'L', '7', 'Z'),
  body: fc.string({ maxLength: 40 }),
});

/** A tar written from random entries, then up to three bytes overwritten (headers included). */
const flippedTar = fc
  .tuple(fc.array(entry, { maxLength: 5 }), fc.array(fc.tuple(fc.nat(4096), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.boolean())
  .map(([entries, flips, noEnd]) => {
    const bytes = Buffer.from(tarBytes({ entries, noEnd }));
    for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
    return gzipSync(bytes);
  });

async function checkUnpack(packed: Uint8Array): Promise<void> {
  const files = await onlyOrkErrorsAsync(() => readTarGz(packed, 'fuzz.tgz', LIMITS));
  for (const file of files ?? []) {
    expect(file.path.startsWith('/') || file.path.split('/').includes('..') || file.path === '', file.path).to.equal(false);
    expect(Buffer.isBuffer(file.data)).to.equal(true);
  }
}

describe('archive: fuzzing the tar reader (seeded, bounded)', function () {
  this.timeout(120_000);

  it('unpacks or refuses any gzip-compressed tar, with only OrkErrors', async () => {
    await fc.assert(fc.asyncProperty(flippedTar, checkUnpack), fuzzParams('tar entries', 1500));
  });

  it('refuses random bytes and random gzip streams with only OrkErrors', async () => {
    const bytes = fc.uint8Array({ maxLength: 2048 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, bytes.map((b) => gzipSync(b)), bytes.map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b]))), checkUnpack),
      fuzzParams('tar bytes', 1500),
    );
  });
});
