import { expect } from 'chai';
import { getPath, parsePath, setPath } from '../../../shared/render/paths.js';

describe('shared/render/paths', () => {
  const parses: [string, unknown][] = [
    ['.spec.replicas', ['spec', 'replicas']],
    ['spec.replicas', ['spec', 'replicas']],
    ['.spec.members[1].name', ['spec', 'members', 1, 'name']],
    ['spec.members.0', ['spec', 'members', 0]],
    ['.', []],
    ['spec..x', undefined],
    ['spec.[x]', undefined],
    ['__proto__.polluted', undefined],
    ['spec.constructor', undefined],
  ];
  for (const [text, want] of parses) {
    it(`parses ${JSON.stringify(text)}`, () => expect(parsePath(text)).to.deep.equal(want));
  }

  it('reads present, missing and through-scalar paths', () => {
    const doc = { spec: { a: [{ b: 1 }], n: null, s: 'x' } };
    expect(getPath(doc, ['spec', 'a', 0, 'b'])).to.equal(1);
    expect(getPath(doc, ['spec', 'a', 5, 'b'])).to.equal(undefined);
    expect(getPath(doc, ['spec', 's', 'length'])).to.equal(undefined);
    expect(getPath(doc, ['spec', 'toString'])).to.equal(undefined);
  });

  it('writes, creating objects but never arrays', () => {
    const doc: Record<string, unknown> = { spec: { list: [1] , s: 'x' } };
    expect(setPath(doc, ['spec', 'deep', 'x'], 3)).to.equal(undefined);
    expect(doc).to.deep.equal({ spec: { list: [1], s: 'x', deep: { x: 3 } } });
    expect(setPath(doc, ['spec', 'list', 3], 1)).to.match(/index 3 does not exist/);
    expect(setPath(doc, ['spec', 's', 'y'], 1)).to.match(/not an object/);
    expect(setPath(doc, [], 1)).to.match(/whole object/);
  });
});
