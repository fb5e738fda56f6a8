import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWriterFs, writeBundleAtomically, type WriterFs } from '../../resolver/bundle-writer.js';
import { signBundle } from '../../shared/bundle/sign.js';
import { verifyBundle } from '../../shared/bundle/verify.js';
import { OrkError } from '../../shared/errors.js';
import { p256, samplePayload, tempDir } from '../shared/bundle/fixtures.js';

type Op = keyof WriterFs;

/** Wraps the real fs; `decide(op, index)` may throw before the real call runs. */
function scriptedFs(decide: (op: Op, index: number) => void): WriterFs & { calls: Op[] } {
  const calls: Op[] = [];
  const wrap = <K extends Op>(op: K): WriterFs[K] =>
    (async (...args: unknown[]) => {
      calls.push(op);
      decide(op, calls.length - 1);
      return (nodeWriterFs[op] as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as WriterFs[K];
  return { calls, mkdirp: wrap('mkdirp'), list: wrap('list'), writeNewFileDurably: wrap('writeNewFileDurably'), rename: wrap('rename'), remove: wrap('remove'), syncDir: wrap('syncDir') };
}

describe('resolver/bundle-writer', () => {
  const { privateKey, publicKey } = p256();
  const signed = signBundle(samplePayload(), privateKey);
  const older = signBundle({ ...samplePayload(), imports: [] }, privateKey);
  const dirs: (() => void)[] = [];
  after(() => dirs.forEach((cleanup) => cleanup()));
  function freshDir(withOldBundle = false): string {
    const d = tempDir('writer');
    dirs.push(d.cleanup);
    if (withOldBundle) {
      writeFileSync(join(d.path, 'bundle.json'), older.bundleBytes);
      writeFileSync(join(d.path, 'bundle.sig.json'), older.envelopeBytes);
    }
    return d.path;
  }

  it('writes bundle.json and bundle.sig.json, mode 0644, and nothing else', async () => {
    const dir = freshDir();
    await writeBundleAtomically(dir, signed);
    expect(readdirSync(dir).sort()).to.deep.equal(['bundle.json', 'bundle.sig.json']);
    expect(readFileSync(join(dir, 'bundle.json')).equals(signed.bundleBytes)).to.equal(true);
    expect(readFileSync(join(dir, 'bundle.sig.json')).equals(signed.envelopeBytes)).to.equal(true);
    for (const name of ['bundle.json', 'bundle.sig.json']) expect(statSync(join(dir, name)).mode & 0o777).to.equal(0o644);
    const read = (n: string) => readFileSync(join(dir, n));
    expect(verifyBundle({ bundleBytes: read('bundle.json'), envelopeBytes: read('bundle.sig.json'), publicKey }).digest).to.equal(signed.digest);
  });

  it('creates the directory if needed', async () => {
    const dir = join(freshDir(), 'nested', 'out');
    await writeBundleAtomically(dir, signed);
    expect(existsSync(join(dir, 'bundle.json'))).to.equal(true);
  });

  it('replaces an earlier bundle and removes temp files a killed run left behind, but nothing else', async () => {
    const dir = freshDir(true);
    writeFileSync(join(dir, '.bundle.json.0123abcd.tmp'), 'stale');
    writeFileSync(join(dir, '.bundle.sig.json.0123abcd.tmp'), 'stale');
    writeFileSync(join(dir, 'README'), 'not ours');
    await writeBundleAtomically(dir, signed);
    expect(readdirSync(dir).sort()).to.deep.equal(['README', 'bundle.json', 'bundle.sig.json']);
    expect(readFileSync(join(dir, 'bundle.json')).equals(signed.bundleBytes)).to.equal(true);
  });

  it('renames the envelope into place before bundle.json, the commit marker', async () => {
    const dir = freshDir();
    const order: string[] = [];
    const fs = { ...nodeWriterFs, rename: async (from: string, to: string) => { order.push(to.slice(dir.length + 1)); await nodeWriterFs.rename(from, to); } };
    await writeBundleAtomically(dir, signed, fs);
    expect(order).to.deep.equal(['bundle.sig.json', 'bundle.json']);
  });

  // Count the operations of one successful run, then fail each one in turn.
  const probe = scriptedFs(() => undefined);
  before(async () => {
    await writeBundleAtomically(freshDir(true), signed, probe);
    expect(probe.calls).to.include.members(['rename', 'writeNewFileDurably', 'syncDir']);
  });

  it('fails cleanly at every step: FILE_WRITE_FAILED and no bundle file or temp file left', async () => {
    for (let failAt = 0; failAt < probe.calls.length; failAt++) {
      const dir = freshDir(true);
      const fs = scriptedFs((op, i) => {
        if (i === failAt) throw Object.assign(new Error(`injected ${op} failure`), { code: 'EIO' });
      });
      let caught: unknown;
      try {
        await writeBundleAtomically(dir, signed, fs);
      } catch (e) {
        caught = e;
      }
      expect(caught, `failure at step ${failAt} (${probe.calls[failAt]})`).to.be.instanceOf(OrkError);
      expect((caught as OrkError).code).to.equal('FILE_WRITE_FAILED');
      expect((caught as OrkError).message).to.contain('EIO');
      expect(readdirSync(dir), `after failing step ${failAt} (${probe.calls[failAt]})`).to.deep.equal([]);
    }
  });

  it('survives a crash at any step: either no bundle.json, or a pair that verifies — never old and new mixed', async () => {
    for (let crashAt = 0; crashAt <= probe.calls.length; crashAt++) {
      const dir = freshDir(true);
      let crashed = false;
      // After the crash point every operation fails, cleanup included: the process is gone.
      const fs = scriptedFs((_op, i) => {
        if (i >= crashAt && crashAt < probe.calls.length) {
          crashed = true;
          throw new Error('process killed');
        }
      });
      await writeBundleAtomically(dir, signed, fs).catch(() => undefined);
      const names = readdirSync(dir);
      if (names.includes('bundle.json')) {
        expect(names, `crash at ${crashAt}`).to.include('bundle.sig.json');
        const read = (n: string) => readFileSync(join(dir, n));
        const digest = verifyBundle({ bundleBytes: read('bundle.json'), envelopeBytes: read('bundle.sig.json'), publicKey }).digest;
        // A mixed pair would not verify; a complete old one (crash before its removal) or the new one may remain.
        expect([older.digest, signed.digest], `crash at ${crashAt}`).to.include(digest);
        if (crashAt === probe.calls.length) expect(digest).to.equal(signed.digest);
      } else {
        expect(crashed).to.equal(true);
      }
      // The next run cleans up whatever the crash left.
      await writeBundleAtomically(dir, signed);
      expect(readdirSync(dir).sort()).to.deep.equal(['bundle.json', 'bundle.sig.json']);
    }
  });
});
