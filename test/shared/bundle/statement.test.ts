import { expect } from 'chai';
import { BUNDLE_PREDICATE_TYPE, IN_TOTO_STATEMENT_TYPE, buildStatement, parseStatement } from '../../../shared/bundle/statement.js';
import { OrkError } from '../../../shared/errors.js';

const hex = 'c'.repeat(64);
const predicate = { schemaVersion: 1, resolver: { name: 'orkestra', version: '0.1.0' }, importCount: 2 };

describe('shared/bundle/statement', () => {
  it('builds an in-toto Statement v1 with one subject, bundle.json', () => {
    const s = buildStatement(hex, predicate);
    expect(s).to.deep.equal({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'bundle.json', digest: { sha256: hex } }],
      predicateType: 'https://orkestra.orkspace.io/bundle/v1',
      predicate,
    });
    expect(parseStatement(Buffer.from(JSON.stringify(s)), 'env').subjectSha256).to.equal(hex);
  });

  it('refuses to build with a digest that is not 64 lowercase hex', () => {
    expect(() => buildStatement(`sha256:${hex}`, predicate)).to.throw(OrkError);
    expect(() => buildStatement(hex.toUpperCase(), predicate)).to.throw(OrkError);
  });

  const base = buildStatement(hex, predicate);
  const cases: [string, unknown, RegExp][] = [
    ['an array', [base], /not a JSON object/],
    ['a Statement v0.1 _type', { ...base, _type: 'https://in-toto.io/Statement/v0.1' }, /_type must be/],
    ['another predicateType', { ...base, predicateType: 'https://slsa.dev/provenance/v1' }, /predicateType must be/],
    ['no subject', { ...base, subject: undefined }, /exactly one subject/],
    ['an empty subject list', { ...base, subject: [] }, /exactly one subject/],
    ['two subjects', { ...base, subject: [base.subject[0], base.subject[0]] }, /exactly one subject/],
    ['a subject with another name', { ...base, subject: [{ name: 'other.json', digest: { sha256: hex } }] }, /subject\[0\]\.name/],
    ['a subject without sha256', { ...base, subject: [{ name: 'bundle.json', digest: { sha512: hex + hex } }] }, /digest\.sha256/],
    ['a subject with an OCI-form digest', { ...base, subject: [{ name: 'bundle.json', digest: { sha256: `sha256:${hex}` } }] }, /digest\.sha256/],
  ];
  for (const [name, doc, message] of cases) {
    it(`rejects ${name} as MALFORMED_BUNDLE`, () => {
      try {
        parseStatement(Buffer.from(JSON.stringify(doc)), 'bundle.sig.json');
        expect.fail('should throw');
      } catch (e) {
        expect((e as OrkError).code).to.equal('MALFORMED_BUNDLE');
        expect((e as OrkError).message).to.match(message);
      }
    });
  }

  it('uses the documented constants', () => {
    expect(IN_TOTO_STATEMENT_TYPE).to.equal('https://in-toto.io/Statement/v1');
    expect(BUNDLE_PREDICATE_TYPE).to.equal('https://orkestra.orkspace.io/bundle/v1');
  });
});
