import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tarPkg from 'tar';
import { readTarGz, DEFAULT_ARCHIVE_LIMITS, normalisePath, type ArchiveLimits } from '../../../resolver/archive/tar-gz.js';
import { LIMITS } from '../../../shared/limits.js';
import { tar, tgz, paxPath, tarHeader, type TarEntry } from '../../fixtures/oci/tarball.js';
import { rejection } from '../../support/errors.js';

describe('resolver/sources/archive', () => {
  it('uses the project-wide limits by default', () => {
    expect(DEFAULT_ARCHIVE_LIMITS).to.deep.equal({
      maxEntries: LIMITS.maxArchiveEntries,
      maxBytes: LIMITS.maxArchiveBytes,
      maxRatio: LIMITS.maxCompressionRatio,
    });
  });

  it('reads regular files into memory with normalised paths, skipping directories', async () => {
    const files = await readTarGz(
      tgz([
        { name: './chart/', type: '5' },
        { name: './chart/Chart.yaml', data: 'name: x\n' },
        { name: 'chart//crds/./a.yaml', data: 'kind: CustomResourceDefinition\n' },
        { name: 'empty', data: '' },
        { name: 'big', data: Buffer.alloc(1300, 'k') },
      ]),
      'test',
    );
    expect(files.map((f) => [f.path, f.data.toString()])).to.deep.equal([
      ['chart/Chart.yaml', 'name: x\n'],
      ['chart/crds/a.yaml', 'kind: CustomResourceDefinition\n'],
      ['empty', ''],
      ['big', 'k'.repeat(1300)],
    ]);
  });

  it('honours pax path records (long names)', async () => {
    const long = `chart/${'d'.repeat(120)}/katalog.yaml`;
    const files = await readTarGz(tgz([paxPath(long), { name: 'short-name', data: 'kind: Katalog\n' }]), 'test');
    expect(files.map((f) => f.path)).to.deep.equal([long]);
  });

  it('reads an archive written by the tar package (ustar prefix / pax long paths)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ork-archive-'));
    try {
      const deep = join('pkg', 'a'.repeat(60), 'b'.repeat(60));
      mkdirSync(join(dir, deep), { recursive: true });
      writeFileSync(join(dir, deep, 'katalog.yaml'), 'kind: Katalog\n');
      writeFileSync(join(dir, 'pkg', 'README.md'), '# hi\n');
      const stream = tarPkg.create({ gzip: true, cwd: dir, portable: true }, ['pkg']);
      const chunks: Buffer[] = [];
      for await (const c of stream as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
      const files = await readTarGz(Buffer.concat(chunks), 'test');
      expect(files.map((f) => f.path).sort()).to.deep.equal([`${deep}/katalog.yaml`, 'pkg/README.md'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const unsafe: Array<{ title: string; entries: TarEntry[]; names: string; says: RegExp }> = [
    { title: 'a parent-directory traversal', entries: [{ name: '../x', data: 'a' }], names: '../x', says: /\.\./ },
    { title: 'a traversal in the middle', entries: [{ name: 'chart/../../x', data: 'a' }], names: 'chart/../../x', says: /escape/ },
    { title: 'an absolute path', entries: [{ name: '/etc/x', data: 'a' }], names: '/etc/x', says: /absolute/ },
    { title: 'a traversal hidden in a pax path', entries: [paxPath('ok/../../evil'), { name: 'ok', data: 'a' }], names: 'ok/../../evil', says: /\.\./ },
    { title: 'a symlink', entries: [{ name: 'link', type: '2', linkname: '/etc/passwd' }], names: 'link', says: /symbolic link/ },
    { title: 'a hard link', entries: [{ name: 'hl', type: '1', linkname: 'other' }], names: 'hl', says: /hard link/ },
    { title: 'a character device', entries: [{ name: 'dev', type: '3' }], names: 'dev', says: /device/ },
    { title: 'a block device', entries: [{ name: 'blk', type: '4' }], names: 'blk', says: /device/ },
    { title: 'a FIFO', entries: [{ name: 'pipe', type: '6' }], names: 'pipe', says: /FIFO/ },
    { title: 'an unknown entry type (GNU sparse)', entries: [{ name: 'sparse', type: 'S' }], names: 'sparse', says: /type/ },
    {
      title: 'a duplicated file',
      entries: [{ name: 'a.yaml', data: '1' }, { name: './a.yaml', data: '2' }],
      names: './a.yaml',
      says: /twice/,
    },
    { title: 'a backslash path', entries: [{ name: '..\\x', data: 'a' }], names: '..\\x', says: /backslash/ },
  ];
  for (const c of unsafe) {
    it(`refuses ${c.title} with ARCHIVE_UNSAFE naming the entry`, async () => {
      const e = await rejection(readTarGz(tgz([{ name: 'fine.yaml', data: 'x' }, ...c.entries]), 'src'));
      expect(e.code).to.equal('ARCHIVE_UNSAFE');
      expect(e.message).to.contain(JSON.stringify(c.names));
      expect(e.message).to.match(c.says);
      expect(e.source).to.equal('src');
    });
  }

  it('refuses more entries than LIMITS.maxArchiveEntries', async () => {
    const entries: TarEntry[] = [];
    for (let i = 0; i <= LIMITS.maxArchiveEntries; i++) entries.push({ name: `f${i}`, type: '5' });
    const e = await rejection(readTarGz(tgz(entries), 'src'));
    expect(e.code).to.equal('ARCHIVE_UNSAFE');
    expect(e.message).to.contain(`"f${LIMITS.maxArchiveEntries}"`);
    expect(e.message).to.contain(`more than ${LIMITS.maxArchiveEntries} entries`);
  });

  it('accepts exactly the entry limit', async () => {
    const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 };
    const ok = await readTarGz(tgz([{ name: 'a' }, { name: 'b' }, { name: 'c' }]), 'src', limits);
    expect(ok).to.have.length(3);
    const e = await rejection(readTarGz(tgz([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]), 'src', limits));
    expect(e.code).to.equal('ARCHIVE_UNSAFE');
    expect(e.message).to.contain('"d"');
  });

  it('refuses an archive that unpacks to more than the byte limit, naming the entry', async () => {
    const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxBytes: 256 * 1024 };
    const random = randomBytes(200 * 1024).toString('hex'); // ≈ 2:1, far below the ratio bound
    const e = await rejection(readTarGz(tgz([{ name: 'small', data: 'x' }, { name: 'huge.yaml', data: random }]), 'src', limits));
    expect(e.code).to.equal('ARCHIVE_UNSAFE');
    expect(e.message).to.contain('"huge.yaml"');
    expect(e.message).to.contain(`more than ${256 * 1024} bytes`);
  });

  it('refuses a gzip bomb (ratio above LIMITS.maxCompressionRatio) before inflating it all', async () => {
    const bomb = tgz([{ name: 'bomb.yaml', data: Buffer.alloc(50 * 1024 * 1024) }]);
    expect(bomb.length).to.be.below(100 * 1024);
    const started = Date.now();
    const e = await rejection(readTarGz(bomb, 'src'));
    expect(e.code).to.equal('ARCHIVE_UNSAFE');
    expect(e.message).to.contain('"bomb.yaml"');
    expect(e.message).to.contain(`${LIMITS.maxCompressionRatio}×`);
    expect(Date.now() - started).to.be.below(2000);
  });

  it('does not apply the ratio to small archives (tar padding compresses well)', async () => {
    const packed = tgz([{ name: 'zeros', data: Buffer.alloc(200 * 1024) }]);
    expect(200 * 1024 / packed.length).to.be.above(LIMITS.maxCompressionRatio);
    const files = await readTarGz(packed, 'src');
    expect(files[0]!.data.length).to.equal(200 * 1024);
  });

  it('reports bytes that are not gzip, a truncated archive and a corrupt header as IMPORT_INVALID', async () => {
    expect((await rejection(readTarGz(Buffer.from('<html>not found</html>'), 'src'))).code).to.equal('IMPORT_INVALID');
    const whole = tar([{ name: 'a.yaml', data: 'x'.repeat(2000) }]);
    const truncated = gzipSync(whole.subarray(0, 1024));
    const t = await rejection(readTarGz(truncated, 'src'));
    expect(t.code).to.equal('IMPORT_INVALID');
    expect(t.message).to.contain('truncated');
    const corrupt = Buffer.from(whole);
    corrupt[0] = 'b'.charCodeAt(0); // name changes, checksum no longer matches
    expect((await rejection(readTarGz(gzipSync(corrupt), 'src'))).message).to.contain('checksum');
    const garbage = Buffer.concat([gzipSync(whole).subarray(0, 20), Buffer.alloc(50, 7)]);
    expect((await rejection(readTarGz(garbage, 'src'))).code).to.equal('IMPORT_INVALID');
  });

  it('stops at the end-of-archive block and ignores trailing bytes', async () => {
    const body = Buffer.concat([tar([{ name: 'a', data: 'one' }]), tarHeader({ name: '../after-end', data: '' })]);
    const files = await readTarGz(gzipSync(body), 'src');
    expect(files.map((f) => f.path)).to.deep.equal(['a']);
  });

  const paths: Array<[string, string | RegExp]> = [
    ['a/b', 'a/b'],
    ['./a//b/', 'a/b'],
    ['a/./b', 'a/b'],
    ['..', /\.\./],
    ['a/..', /\.\./],
    ['/a', /absolute/],
    ['C:/x', /drive/],
    ['./', /empty/],
  ];
  for (const [input, want] of paths) {
    it(`normalisePath(${JSON.stringify(input)})`, () => {
      const got = normalisePath(input);
      if (typeof want === 'string') expect(got).to.equal(want);
      else expect((got as { why: string }).why).to.match(want);
    });
  }
});
