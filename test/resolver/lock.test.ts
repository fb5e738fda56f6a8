// The lock file, pure: text round trip, strict parsing, and every kind of difference between a lock
// and a fresh resolution worded with the source and both digests.
import { expect } from 'chai';
import { assertMatchesLock, lockDifferences, lockText, parseLock, type LockFile } from '../../resolver/lock.js';
import { OrkError } from '../../shared/errors.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

function lock(imports: [string, string][], bundle = d('f')): LockFile {
  return { lockVersion: 1, komposer: 'platform', imports: imports.map(([source, digest]) => ({ source, ref: source, digest })), bundleDigest: bundle };
}

const base = lock([['file:./a.yaml', d('a')], ['url:https://h/b.yaml', d('b')], ['oci:127.0.0.1:5000/k:1', d('c')]]);

describe('resolver/lock', () => {
  describe('lockText / parseLock', () => {
    it('round-trips, ending with one newline, two-space indented', () => {
      const text = lockText(base);
      expect(text.endsWith('}\n')).to.equal(true);
      expect(text).to.contain('\n  "lockVersion": 1,');
      expect(parseLock(text, 'orkestra.lock.json')).to.deep.equal(base);
    });

    const bad: [string, string, RegExp][] = [
      ['not JSON', '{lockVersion: 1', /not JSON/],
      ['a JSON array', '[]', /lockVersion must be 1/],
      ['JSON null', 'null', /expected a JSON object/],
      ['another version', JSON.stringify({ ...base, lockVersion: 2 }), /lockVersion must be 1/],
      ['no bundle digest', JSON.stringify({ ...base, bundleDigest: undefined }), /bundleDigest is missing/],
      ['imports not a list', JSON.stringify({ ...base, imports: {} }), /imports must be a list/],
      ['an import without a digest', JSON.stringify({ ...base, imports: [{ source: 's', ref: 'r' }] }), /imports must be a list of \{source, ref, digest\}/],
      ['an import without a ref', JSON.stringify({ ...base, imports: [{ source: 's', digest: d('a') }] }), /imports must be a list/],
      ['a null import', JSON.stringify({ ...base, imports: [null] }), /imports must be a list/],
    ];
    for (const [name, text, says] of bad) {
      it(`refuses ${name} as USAGE naming the file and 'ork lock'`, () => {
        let caught: unknown;
        try {
          parseLock(text, 'my.lock.json');
        } catch (e) {
          caught = e;
        }
        expect(caught).to.be.instanceOf(OrkError);
        const e = caught as OrkError;
        expect(e.code).to.equal('USAGE');
        expect(e.message).to.match(says);
        expect(e.message).to.contain('my.lock.json is not an Orkestra lock file');
        expect(e.message).to.contain("'ork lock'");
        expect(e.source).to.equal('my.lock.json');
      });
    }
  });

  describe('lockDifferences', () => {
    it('finds none for an identical resolution', () => {
      expect(lockDifferences(base, structuredClone(base))).to.deep.equal([]);
    });

    it('names a changed source with the locked and the resolved digest', () => {
      const now = lock([['file:./a.yaml', d('a')], ['url:https://h/b.yaml', d('9')], ['oci:127.0.0.1:5000/k:1', d('c')]]);
      const issues = lockDifferences(base, now);
      expect(issues).to.have.length(1);
      expect(issues[0]!.path).to.equal('url:https://h/b.yaml');
      expect(issues[0]!.message).to.contain(`locked ${d('b')}, resolved ${d('9')}`);
      expect(issues[0]!.message).to.contain("'ork lock'");
    });

    it('names a new source (not in the lock) with its digest', () => {
      const now = lock([...base.imports.map((i): [string, string] => [i.source, i.digest]), ['helm:https://r/c@1.0.0', d('e')]]);
      const issues = lockDifferences(base, now);
      expect(issues).to.deep.equal([{ path: 'helm:https://r/c@1.0.0', message: `not in the lock file (resolved ${d('e')}); run 'ork lock' to accept it` }]);
    });

    it('names a removed source with its locked digest', () => {
      const now = lock([['file:./a.yaml', d('a')], ['oci:127.0.0.1:5000/k:1', d('c')]]);
      const issues = lockDifferences(base, now);
      expect(issues).to.have.length(1);
      expect(issues[0]!.path).to.equal('url:https://h/b.yaml');
      expect(issues[0]!.message).to.contain(`locked (${d('b')}) but no longer imported`);
    });

    it('reports every difference at once: changed and added in declaration order, then removed', () => {
      const now = lock([['file:./a.yaml', d('1')], ['new:x', d('2')], ['oci:127.0.0.1:5000/k:1', d('3')]]);
      expect(lockDifferences(base, now).map((i) => i.path)).to.deep.equal(['file:./a.yaml', 'new:x', 'oci:127.0.0.1:5000/k:1', 'url:https://h/b.yaml']);
    });

    it('names the bundle with both digests when only the bundle changed', () => {
      const issues = lockDifferences(base, { ...base, bundleDigest: d('0') });
      expect(issues).to.have.length(1);
      expect(issues[0]!.path).to.equal('bundle');
      expect(issues[0]!.message).to.contain(`locked ${d('f')}, resolved ${d('0')}`);
    });

    it('does not add the bundle difference on top of import differences (it follows from them)', () => {
      const now = { ...lock([['file:./a.yaml', d('1')], ['url:https://h/b.yaml', d('b')], ['oci:127.0.0.1:5000/k:1', d('c')]]), bundleDigest: d('0') };
      expect(lockDifferences(base, now).map((i) => i.path)).to.deep.equal(['file:./a.yaml']);
    });

    it('matches imports by source, not by ref: a changed ref with the same digest is no difference', () => {
      const now = structuredClone(base);
      now.imports[2]!.ref = `oci:127.0.0.1:5000/k@${d('c')}`;
      expect(lockDifferences(base, now)).to.deep.equal([]);
    });
  });

  describe('assertMatchesLock', () => {
    it('passes silently when nothing differs', () => {
      expect(() => assertMatchesLock(base, structuredClone(base), 'x.lock.json')).not.to.throw();
    });

    it('throws LOCK_MISMATCH naming the lock file, carrying every difference as an issue', () => {
      const now = lock([['file:./a.yaml', d('1')], ['url:https://h/b.yaml', d('2')], ['oci:127.0.0.1:5000/k:1', d('c')]]);
      let caught: unknown;
      try {
        assertMatchesLock(base, now, 'x.lock.json');
      } catch (e) {
        caught = e;
      }
      expect(caught).to.be.instanceOf(OrkError);
      const e = caught as OrkError;
      expect(e.code).to.equal('LOCK_MISMATCH');
      expect(e.category).to.equal('integrity');
      expect(e.message).to.contain('x.lock.json');
      expect(e.issues.map((i) => i.path)).to.deep.equal(['file:./a.yaml', 'url:https://h/b.yaml']);
      expect(e.issues[1]!.message).to.contain(d('b')).and.to.contain(d('2'));
    });
  });
});
