// "Did you mean" (shared/katalog/suggest.ts): the nearest allowed name when it is near enough to be
// a typo, else the allowed list.
import { expect } from 'chai';
import { closest, suggestion } from '../../../shared/katalog/suggest.js';

describe('shared/katalog suggest', () => {
  const names = ['tiny', 'small', 'medium', 'large', 'burst', 'compute-heavy'];
  const table: [string, string | undefined][] = [
    ['smal', 'small'],
    ['BURST', 'burst'],
    ['compute-hevy', 'compute-heavy'],
    ['enormous', undefined],
    ['', undefined],
  ];
  for (const [typo, expected] of table) {
    it(`${JSON.stringify(typo)} → ${expected ?? 'nothing'}`, () => expect(closest(typo, names)).to.equal(expected));
  }

  it('says "did you mean" for a near name, lists the allowed otherwise, and is empty when nothing is allowed', () => {
    expect(suggestion('medum', names)).to.equal(' (did you mean "medium"?)');
    expect(suggestion('xx-huge', ['a', 'b'])).to.equal(' (allowed: a, b)');
    expect(suggestion('x', [])).to.equal('');
  });
});
