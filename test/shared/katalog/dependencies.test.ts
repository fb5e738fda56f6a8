import { expect } from 'chai';
import { findCycles } from '../../../shared/katalog/dependencies.js';
import { parseDuration } from '../../../shared/katalog/durations.js';
import { crdKeyProblem, dnsLabelProblem } from '../../../shared/katalog/names.js';

describe('shared/katalog findCycles', () => {
  const cases: Array<[string, Record<string, string[]>, string[][]]> = [
    ['no edges', { a: [], b: [] }, []],
    ['a chain', { a: ['b'], b: ['c'], c: [] }, []],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, []],
    ['self loop', { a: ['a'] }, [['a']]],
    ['two-cycle, started from its first-declared member', { b: ['a'], a: ['b'] }, [['b', 'a']]],
    ['two separate cycles', { a: ['b'], b: ['a'], c: ['d'], d: ['c'] }, [['a', 'b'], ['c', 'd']]],
    ['edges to unknown nodes are ignored', { a: ['zzz'] }, []],
  ];
  for (const [name, graph, expected] of cases) {
    it(name, () => {
      expect(findCycles(new Map(Object.entries(graph)))).to.deep.equal(expected);
    });
  }
});

describe('shared/katalog parseDuration', () => {
  const cases: Array<[string, number | undefined]> = [
    ['30s', 30_000], ['10m', 600_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['250ms', 250],
    ['10', undefined], ['10 m', undefined], ['', undefined], ['1d', undefined], ['-5s', undefined],
  ];
  for (const [text, ms] of cases) it(JSON.stringify(text), () => expect(parseDuration(text)).to.equal(ms));
});

describe('shared/katalog dnsLabelProblem', () => {
  for (const ok of ['web', 'a', 'team-space', 'x1']) it(`accepts ${ok}`, () => expect(dnsLabelProblem(ok)).to.equal(undefined));
  for (const bad of ['Web', '-a', 'a-', 'a.b', 'a_b', '', 'x'.repeat(64)]) it(`rejects ${JSON.stringify(bad)}`, () => expect(dnsLabelProblem(bad)).to.be.a('string'));
});

describe('shared/katalog crdKeyProblem (a CRD entry key is a label value)', () => {
  for (const ok of ['web', 'platformResource', 'Web.Site', 'a_b', 'x'.repeat(63)]) it(`accepts ${ok}`, () => expect(crdKeyProblem(ok)).to.equal(undefined));
  for (const bad of ['web site', '-a', 'a-', '_a', '', 'x'.repeat(64)]) it(`rejects ${JSON.stringify(bad)}`, () => expect(crdKeyProblem(bad)).to.be.a('string'));
});
