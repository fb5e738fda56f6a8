import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource, normalisePath } from '../../../resolver/sources/file.js';
import type { SourceContext } from '../../../resolver/sources/source.js';
import { LIMITS } from '../../../shared/limits.js';
import { rejection } from './expect-error.js';

const KATALOG = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: site}\n';
const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n';
const OUTSIDE = 'kind: Katalog # outside the Komposer tree\n';
const sha = (s: string | Buffer): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('resolver/sources/file', () => {
  let root: string;
  let base: string;
  const ctx = (allowOutsidePaths = false): SourceContext => ({ env: {}, baseDir: base, allowOutsidePaths });

  before(async () => {
    // root/outside.yaml, root/k/{katalog.yaml, nested/deep/crd.yaml, links}; the Komposer lives in root/k.
    root = await realpath(await mkdtemp(join(tmpdir(), 'ork-file-source-')));
    base = join(root, 'k');
    await mkdir(join(base, 'nested', 'deep'), { recursive: true });
    await writeFile(join(root, 'outside.yaml'), OUTSIDE);
    await writeFile(join(base, 'katalog.yaml'), KATALOG);
    await writeFile(join(base, 'nested', 'deep', 'crd.yaml'), CRD);
    await writeFile(join(base, 'binary.yaml'), Buffer.from([0xc3, 0x28, 0xff]));
    await symlink('../outside.yaml', join(base, 'escape.yaml'));
    await symlink('..', join(base, 'up'));
    await symlink('nested/deep/crd.yaml', join(base, 'alias.yaml'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a path relative to the Komposer directory, with ref, digest, size and media type', async () => {
    const got = await fileSource({ path: 'katalog.yaml' }).fetch(ctx());
    expect(got).to.deep.equal({
      ref: 'file:./katalog.yaml',
      digest: sha(KATALOG),
      size: Buffer.byteLength(KATALOG),
      mediaType: 'application/yaml',
      documents: [{ path: './katalog.yaml', text: KATALOG }],
      localPath: join(base, 'katalog.yaml'),
    });
  });

  it('reads nested directories and normalises the reference', async () => {
    const source = fileSource({ path: 'nested/./deep/../deep//crd.yaml' });
    expect(source.label).to.equal('file:./nested/deep/crd.yaml');
    const got = await source.fetch(ctx());
    expect(got.ref).to.equal('file:./nested/deep/crd.yaml');
    expect(got.documents[0]?.text).to.equal(CRD);
  });

  it('follows a symlink that stays inside the tree', async () => {
    const got = await fileSource({ path: './alias.yaml' }).fetch(ctx());
    expect(got.documents[0]?.text).to.equal(CRD);
    expect(got.ref).to.equal('file:./alias.yaml');
  });

  it('works when the Komposer directory itself is reached through a symlink', async () => {
    await symlink('k', join(root, 'klink'));
    const got = await fileSource({ path: 'alias.yaml' }).fetch({ env: {}, baseDir: join(root, 'klink'), allowOutsidePaths: false });
    expect(got.documents[0]?.text).to.equal(CRD);
    await rejection(fileSource({ path: 'escape.yaml' }).fetch({ env: {}, baseDir: join(root, 'klink'), allowOutsidePaths: false }), 'IMPORT_INVALID');
  });

  it('reads a `..` path to a YAML file as upstream does, with a note; a missing one is IMPORT_NOT_FOUND', async () => {
    for (const path of ['../outside.yaml', 'nested/../../outside.yaml']) {
      const got = await fileSource({ path }).fetch(ctx());
      expect(got.documents[0]?.text, path).to.equal(OUTSIDE);
      expect(got.notes?.[0], path).to.contain('lies outside the Komposer\'s directory');
    }
    await rejection(fileSource({ path: '../absent.yaml' }).fetch(ctx()), 'IMPORT_NOT_FOUND');
  });

  const escapes: Array<[string, string, () => string]> = [
    ['a `..` path to a file that is not YAML', 'not .yaml or .yml', () => '../../../../etc/hostname'],
    ['an absolute path, even one inside the tree', 'absolute path', () => join(base, 'katalog.yaml')],
    ['a symlinked file that leads outside', 'symbolic link', () => 'escape.yaml'],
    ['a symlinked directory that leads outside', 'symbolic link', () => 'up/outside.yaml'],
  ];
  for (const [name, words, path] of escapes) {
    it(`refuses ${name} with IMPORT_INVALID`, async () => {
      const err = await rejection(fileSource({ path: path() }).fetch(ctx()), 'IMPORT_INVALID');
      expect(err.message).to.contain(words);
      expect(err.source).to.equal(`file:${normalisePath(path())}`);
    });
  }

  it('allows every such path when outside paths are allowed', async () => {
    for (const path of ['../outside.yaml', 'escape.yaml', 'up/outside.yaml', join(root, 'outside.yaml')]) {
      const got = await fileSource({ path }).fetch(ctx(true));
      expect(got.documents[0]?.text, path).to.equal(OUTSIDE);
    }
    expect((await fileSource({ path: join(root, 'outside.yaml') }).fetch(ctx(true))).ref).to.equal(`file:${root}/outside.yaml`);
  });

  it('reports a missing file as IMPORT_NOT_FOUND naming the relative path', async () => {
    const err = await rejection(fileSource({ path: 'nested/nope.yaml' }).fetch(ctx()), 'IMPORT_NOT_FOUND');
    expect(err.message).to.contain('./nested/nope.yaml');
    expect(err.message).not.to.contain(root);
    expect(err.source).to.equal('file:./nested/nope.yaml');
  });

  it('refuses a file over LIMITS.maxYamlBytes and accepts one at the limit', async () => {
    await writeFile(join(base, 'big.yaml'), Buffer.alloc(LIMITS.maxYamlBytes + 1, 0x20));
    await writeFile(join(base, 'edge.yaml'), Buffer.alloc(LIMITS.maxYamlBytes, 0x20));
    const err = await rejection(fileSource({ path: 'big.yaml' }).fetch(ctx()), 'IMPORT_TOO_LARGE');
    expect(err.message).to.contain(String(LIMITS.maxYamlBytes));
    expect((await fileSource({ path: 'edge.yaml' }).fetch(ctx())).size).to.equal(LIMITS.maxYamlBytes);
  });

  it('refuses a directory, an empty path and bytes that are not UTF-8', async () => {
    await rejection(fileSource({ path: 'nested' }).fetch(ctx()), 'IMPORT_INVALID');
    await rejection(fileSource({ path: '' }).fetch(ctx()), 'IMPORT_INVALID');
    await rejection(fileSource({ path: 'binary.yaml' }).fetch(ctx()), 'IMPORT_INVALID');
  });

  it('checks a digest pin: match passes, mismatch names both digests', async () => {
    const ok = await fileSource({ path: 'katalog.yaml', digest: sha(KATALOG) }).fetch(ctx());
    expect(ok.digest).to.equal(sha(KATALOG));
    const err = await rejection(fileSource({ path: 'katalog.yaml', digest: sha('other') }).fetch(ctx()), 'PIN_MISMATCH');
    expect(err.message).to.contain(sha('other')).and.to.contain(sha(KATALOG));
  });

  const normal: Array<[string, string]> = [
    ['katalog.yaml', './katalog.yaml'],
    ['./a/../b.yaml', './b.yaml'],
    ['a//b/./c.yaml', './a/b/c.yaml'],
    ['../x.yaml', '../x.yaml'],
    ['/etc/x.yaml', '/etc/x.yaml'],
    ['..', '..'],
  ];
  for (const [input, expected] of normal) {
    it(`normalisePath(${JSON.stringify(input)}) = ${expected}`, () => expect(normalisePath(input)).to.equal(expected));
  }

  describe('a relative path the Komposer directory does not hold (upstream reads it from the working directory)', () => {
    // The working directory is root: root/outside.yaml exists there, not beside the Komposer (root/k).
    const withCwd = (cwd: string, allowOutsidePaths = false): SourceContext => ({ env: {}, baseDir: base, cwd, allowOutsidePaths });

    it('is read from the working directory, with a note saying so', async () => {
      const got = await fileSource({ path: 'outside.yaml' }).fetch(withCwd(root));
      expect(got.documents[0]?.text).to.equal(OUTSIDE);
      expect(got.ref).to.equal('file:./outside.yaml');
      expect(got.notes).to.have.length(1);
      expect(got.notes![0]).to.contain(`./outside.yaml is not beside the Komposer; read from the working directory ${root}`);
    });

    it('the Komposer directory still wins, without a note', async () => {
      await writeFile(join(root, 'katalog.yaml'), OUTSIDE);
      const got = await fileSource({ path: 'katalog.yaml' }).fetch(withCwd(root));
      expect(got.documents[0]?.text).to.equal(KATALOG);
      expect(got.notes).to.equal(undefined);
    });

    it('stays confined to the working directory: .. and symbolic links out of it are refused', async () => {
      // Inside the Komposer's directory (root/k/zzz.yaml, missing), outside the working directory root/k/nested/deep.
      const up = await rejection(fileSource({ path: 'nested/../../k/zzz.yaml' }).fetch(withCwd(join(base, 'nested', 'deep'))), 'IMPORT_INVALID');
      expect(up.message).to.contain('leads outside the working directory');
      const cwd = join(root, 'k', 'nested');
      await symlink('../../outside.yaml', join(base, 'nested', 'out.yaml'));
      const link = await rejection(fileSource({ path: 'out.yaml' }).fetch({ ...withCwd(cwd), baseDir: join(base, 'nested', 'deep') }), 'IMPORT_INVALID');
      expect(link.message).to.contain('is a symbolic link that leads outside the working directory');
    });

    it('is not tried for an absolute path, and a path in neither place names both', async () => {
      const missing = await rejection(fileSource({ path: 'nowhere.yaml' }).fetch(withCwd(root)), 'IMPORT_NOT_FOUND');
      expect(missing.message).to.equal("./nowhere.yaml does not exist beside the Komposer nor in the working directory (paths are relative to the Komposer's directory)");
      const absolute = await rejection(fileSource({ path: join(root, 'outside.yaml') }).fetch(withCwd(root)), 'IMPORT_INVALID');
      expect(absolute.message).to.contain('is an absolute path');
    });
  });
});
