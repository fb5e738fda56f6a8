import { expect } from 'chai';
import { LineSplitter, parseWatchEvent, WatchLineTooLong } from '../../../cli/kube/watch-stream.js';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('cli/kube/watch-stream', () => {
  describe('LineSplitter', () => {
    const table: [string, string[], string[], string | undefined][] = [
      ['one chunk, two lines', ['a\nb\n'], ['a', 'b'], undefined],
      ['a line split across chunks', ['{"ty', 'pe":1}\n'], ['{"type":1}'], undefined],
      ['a line split across three chunks', ['ab', 'cd', 'ef\ng'], ['abcdef'], 'g'],
      ['empty lines are kept for the caller to skip', ['\n\na\n'], ['', '', 'a'], undefined],
      ['partial last line is returned by end()', ['a\nbc'], ['a'], 'bc'],
      ['newline alone in a chunk', ['abc', '\n'], ['abc'], undefined],
    ];
    for (const [what, chunks, lines, rest] of table) {
      it(what, () => {
        const s = new LineSplitter(1024);
        const got = chunks.flatMap((c) => s.push(enc(c)));
        expect(got).to.deep.equal(lines);
        expect(s.end()).to.equal(rest);
      });
    }

    it('never splits a multi-byte character across chunks', () => {
      const bytes = enc('{"v":"héllo ✓"}\n');
      const s = new LineSplitter(1024);
      const got: string[] = [];
      for (let i = 0; i < bytes.length; i++) got.push(...s.push(bytes.subarray(i, i + 1)));
      expect(got).to.deep.equal(['{"v":"héllo ✓"}']);
    });

    it('copies partial lines, so a reused chunk buffer cannot corrupt them', () => {
      const s = new LineSplitter(1024);
      const chunk = enc('abc');
      s.push(chunk);
      chunk.fill(0x78);
      expect(s.push(enc('\n'))).to.deep.equal(['abc']);
    });

    it('throws on a line longer than the limit, whether it arrives whole or in pieces', () => {
      expect(() => new LineSplitter(8).push(enc('123456789\n'))).to.throw(WatchLineTooLong);
      const s = new LineSplitter(8);
      s.push(enc('12345'));
      expect(() => s.push(enc('6789'))).to.throw(WatchLineTooLong, /longer than 8 bytes/);
      // Lines before the long one in the same chunk are still handed out.
      const mixed = new LineSplitter(8);
      expect(mixed.push(enc('ok\n123456789'))).to.deep.equal(['ok']);
      expect(mixed.error).to.be.instanceOf(WatchLineTooLong);
      expect(() => mixed.push(enc('\n'))).to.throw(WatchLineTooLong);
      const atEnd = new LineSplitter(8);
      expect(atEnd.push(enc('ok\n123456789\n'))).to.deep.equal(['ok']);
      expect(() => atEnd.end()).to.throw(WatchLineTooLong);
      // Exactly the limit is fine.
      expect(new LineSplitter(8).push(enc('12345678\n'))).to.deep.equal(['12345678']);
    });
  });

  describe('parseWatchEvent', () => {
    it('parses object events', () => {
      for (const type of ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']) {
        const e = parseWatchEvent(JSON.stringify({ type, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '5' } } }));
        expect(e.type).to.equal(type);
        expect(e.type !== 'ERROR' && e.object.metadata.resourceVersion).to.equal('5');
      }
    });

    it('parses ERROR events into a status', () => {
      const e = parseWatchEvent('{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1 (100)"}}');
      expect(e).to.deep.equal({ type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'too old resource version: 1 (100)' } });
    });

    const bad: [string, string, RegExp][] = [
      ['not JSON', '{"type":', /not valid JSON/],
      ['no type', '{"object":{}}', /has no type/],
      ['unknown type', '{"type":"EXPLODED","object":{"metadata":{}}}', /unknown type "EXPLODED"/],
      ['object without metadata', '{"type":"ADDED","object":{"kind":"X"}}', /no object with metadata/],
      ['array', '[1,2]', /has no type/],
    ];
    for (const [what, line, err] of bad) it(`rejects ${what}`, () => expect(() => parseWatchEvent(line)).to.throw(err));

    it('does not echo the line in its error (it may hold a Secret)', () => {
      expect(() => parseWatchEvent('{"type":"ADDED","object":{"data":{"password":"hunter2"}')).to.throw(Error).that.satisfies((e: Error) => !e.message.includes('hunter2'));
    });
  });
});
