import { expect } from 'chai';
import { expandVars, lookupIn } from './expand.js';

describe('support/pod-runner/expand: the kubelet\'s $(VAR) expansion', function () {
  const vars = lookupIn(new Map([['A', 'alpha'], ['B', 'b$(A)'], ['EMPTY', '']]), new Map([['A', 'shadowed'], ['SVC', 'svc']]));
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['$(A)', 'alpha'],
    ['x$(A)y$(A)', 'xalphayalpha'],
    ['$(B)', 'b$(A)'], // a value is not expanded twice
    ['$(SVC)', 'svc'], // later maps fill in
    ['$(EMPTY)|', '|'],
    ['$(UNKNOWN)', '$(UNKNOWN)'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$alpha'],
    ['$$', '$'],
    ['a$', 'a$'],
    ['$A', '$A'],
    ['$(A', '$(A'],
    ['$(id -u)', '$(id -u)'],
    ['$((n+1))', '$((n+1))'],
    ['$()', '$()'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(want)}`, function () {
      expect(expandVars(input, vars)).to.equal(want);
    });
  }
});
