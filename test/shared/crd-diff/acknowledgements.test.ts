import { expect } from 'chai';
import { isBreaking, summariseChanges, unacknowledged, unusedAcknowledgements, type CrdChange } from '../../../shared/crd-diff/index.js';

const change = (severity: CrdChange['severity'], id: string): CrdChange => ({ id, severity, kind: 'property-removed', message: `${id}.` });
const CHANGES = [
  change('breaking', 'v1:spec.a:property-removed'),
  change('breaking', 'v1::version-removed'),
  change('warning', 'v1::version-deprecated'),
  change('safe', 'v1:spec.b:property-added'),
  change('safe', 'v1:spec.c:property-added'),
];

describe('shared/crd-diff acknowledgements', () => {
  const summaries: Array<[string, CrdChange[], { breaking: number; warnings: number; safe: number }]> = [
    ['nothing', [], { breaking: 0, warnings: 0, safe: 0 }],
    ['a mix', CHANGES, { breaking: 2, warnings: 1, safe: 2 }],
    ['safe only', CHANGES.slice(3), { breaking: 0, warnings: 0, safe: 2 }],
  ];
  for (const [name, changes, expected] of summaries) {
    it(`summarises ${name}`, () => {
      expect(summariseChanges(changes)).to.deep.equal(expected);
      expect(isBreaking(changes)).to.equal(expected.breaking > 0);
    });
  }

  const acks: Array<[string, string[], string[]]> = [
    ['no acknowledgements', [], ['v1:spec.a:property-removed', 'v1::version-removed']],
    ['one acknowledged', ['v1::version-removed'], ['v1:spec.a:property-removed']],
    ['all acknowledged (surrounding spaces ignored)', [' v1:spec.a:property-removed', 'v1::version-removed '], []],
    ['a warning or safe id acknowledges nothing breaking', ['v1::version-deprecated', 'v1:spec.b:property-added'], ['v1:spec.a:property-removed', 'v1::version-removed']],
    ['no wildcards or prefixes', ['v1:*', 'v1:spec.a', 'v1:spec:property-removed'], ['v1:spec.a:property-removed', 'v1::version-removed']],
  ];
  for (const [name, allow, left] of acks) {
    it(`unacknowledged: ${name}`, () => {
      expect(unacknowledged(CHANGES, allow).map((c) => c.id)).to.deep.equal(left);
    });
  }

  it('lists acknowledgements that match no breaking change', () => {
    expect(unusedAcknowledgements(CHANGES, ['v1::version-removed', 'v1::version-deprecated', 'v2::typo'])).to.deep.equal(['v1::version-deprecated', 'v2::typo']);
    expect(unusedAcknowledgements(CHANGES)).to.deep.equal([]);
  });
});
