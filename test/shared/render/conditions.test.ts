import { expect } from 'chai';
import type { Condition } from '../../../shared/katalog/types.js';
import { conditionHolds, gatePasses, looseEqual } from '../../../shared/render/conditions.js';
import { Problems } from '../../../shared/render/problems.js';
import { FAILED, type TemplateScope } from '../../../shared/render/templating.js';

const data = {
  metadata: { name: 'blog', labels: { tier: 'prod' } },
  spec: { replicas: 3, count: '7', image: 'nginx:1.27', public: true, off: false, tags: ['a', 'b'], env: { A: '1' }, empty: '', none: null, zero: 0 },
};

function scope(): TemplateScope {
  return { data, problems: new Problems('default/blog') };
}

function holds(cond: Record<string, unknown>): boolean | typeof FAILED {
  return conditionHolds(cond as unknown as Condition, scope(), 'when[0]');
}

describe('shared/render/conditions', () => {
  const table: [string, Record<string, unknown>, boolean][] = [
    ['equals number', { field: 'spec.replicas', equals: 3 }, true],
    ['equals numeric text', { field: 'spec.replicas', equals: '3' }, true],
    ['equals boolean', { field: '.spec.public', equals: true }, true],
    ['equals mismatch', { field: 'spec.replicas', equals: 4 }, false],
    ['equals missing', { field: 'spec.nope', equals: 'x' }, false],
    ['equals list', { field: 'spec.tags', equals: ['a', 'b'] }, true],
    ['notEquals', { field: 'spec.replicas', notEquals: 4 }, true],
    ['notEquals same', { field: 'spec.replicas', notEquals: 3 }, false],
    ['in', { field: 'metadata.labels.tier', in: ['dev', 'prod'] }, true],
    ['in absent', { field: 'metadata.labels.tier', in: ['dev'] }, false],
    ['notIn', { field: 'metadata.labels.tier', notIn: ['dev'] }, true],
    ['notIn present', { field: 'metadata.labels.tier', notIn: ['prod'] }, false],
    ['contains substring', { field: 'spec.image', contains: 'nginx' }, true],
    ['contains list element', { field: 'spec.tags', contains: 'b' }, true],
    ['contains map key', { field: 'spec.env', contains: 'A' }, true],
    ['contains miss', { field: 'spec.tags', contains: 'z' }, false],
    ['contains on number', { field: 'spec.replicas', contains: '3' }, false],
    ['prefix', { field: 'spec.image', prefix: 'nginx:' }, true],
    ['prefix miss', { field: 'spec.image', prefix: 'redis' }, false],
    ['suffix', { field: 'spec.image', suffix: ':1.27' }, true],
    ['suffix on missing', { field: 'spec.nope', suffix: 'x' }, false],
    ['regex', { field: 'spec.image', regex: '^nginx:[0-9.]+$' }, true],
    ['regex miss', { field: 'spec.image', regex: 'latest$' }, false],
    ['exists', { field: 'spec.image', exists: true }, true],
    ['exists on null', { field: 'spec.none', exists: true }, false],
    ['exists false on missing', { field: 'spec.nope', exists: false }, true],
    ['exists on empty text (upstream: present and not empty)', { field: 'spec.empty', exists: true }, false],
    ['exists on false', { field: 'spec.off', exists: true }, true],
    ['notExists on empty text', { field: 'spec.empty', notExists: true }, true],
    ['equals "" on missing (absent reads as "")', { field: 'spec.nope', equals: '' }, true],
    ['equals "" on empty text', { field: 'spec.empty', equals: '' }, true],
    ['equals "" on text', { field: 'spec.image', equals: '' }, false],
    ['notEquals "" on missing', { field: 'spec.nope', notEquals: '' }, false],
    ['notEquals x on missing', { field: 'spec.nope', notEquals: 'x' }, true],
    ['long form equals "" on null', { field: 'spec.none', operator: 'equals', value: '' }, true],
    ['notExists', { field: 'spec.nope', notExists: true }, true],
    ['notExists present', { field: 'spec.image', notExists: true }, false],
    ['gt', { field: 'spec.replicas', gt: 2 }, true],
    ['gt equal', { field: 'spec.replicas', gt: 3 }, false],
    ['gte equal', { field: 'spec.replicas', gte: 3 }, true],
    ['lt', { field: 'spec.replicas', lt: 4 }, true],
    ['lt equal', { field: 'spec.replicas', lt: 3 }, false],
    ['lte equal', { field: 'spec.replicas', lte: 3 }, true],
    ['gt on numeric text field', { field: 'spec.count', gt: 6 }, true],
    ['gt with text bound', { field: 'spec.replicas', gt: '2' }, true],
    ['gt on non-numeric field', { field: 'spec.image', gt: 1 }, false],
    ['gt on missing field', { field: 'spec.nope', gt: 1 }, false],
    ['negate flips true', { field: 'spec.replicas', equals: 3, negate: true }, false],
    ['negate flips false', { field: 'spec.replicas', equals: 4, negate: true }, true],
    ['two operators, both hold', { field: 'spec.replicas', gte: 1, lte: 5 }, true],
    ['two operators, one fails', { field: 'spec.replicas', gte: 1, lte: 2 }, false],
    ['long form', { field: 'spec.replicas', operator: 'gte', value: 3 }, true],
    ['long form exists without value', { field: 'spec.image', operator: 'exists' }, true],
    // No operator, as the Go runtime reads it: exists (present and not empty; false and 0 are there).
    ['no operator on true', { field: 'spec.public' }, true],
    ['no operator on false', { field: 'spec.off' }, true],
    ['no operator on zero', { field: 'spec.zero' }, true],
    ['no operator on empty text', { field: 'spec.empty' }, false],
    ['no operator on missing', { field: 'spec.nope' }, false],
    ['no operator, negated, on missing', { field: 'spec.nope', negate: true }, true],
    // value: alone is equals.
    ['value alone', { field: 'spec.image', value: 'nginx:1.27' }, true],
    ['value alone, other text', { field: 'spec.image', value: 'redis' }, false],
    ['value beside a shorthand is ignored', { field: 'spec.replicas', gte: 1, value: 'never' }, true],
  ];
  for (const [name, cond, want] of table) {
    it(`${name}: ${JSON.stringify(cond)} → ${want}`, () => expect(holds(cond)).to.equal(want));
  }

  const broken: [string, Record<string, unknown>, RegExp][] = [
    ['unknown operator', { field: 'spec.x', startsWith: 'a' }, /when\[0\]\.startsWith: unknown operator/],
    ['bad regex', { field: 'spec.image', regex: '(' }, /when\[0\]\.regex: invalid RE2 regular expression/],
    ['lookahead (JavaScript, not RE2)', { field: 'spec.image', regex: '^(?!redis)' }, /when\[0\]\.regex: invalid RE2 regular expression "\^\(\?!redis\)": invalid or unsupported Perl syntax/],
    ['templated backreference', { field: 'spec.image', regex: '{{ "(n)\\\\1" }}' }, /when\[0\]\.regex: .*backreferences are not RE2/],
    ['non-numeric bound', { field: 'spec.replicas', gt: 'many' }, /when\[0\]\.gt: expected a number, got "many"/],
    ['in without a list', { field: 'spec.replicas', in: 3 }, /when\[0\]\.in: expected a list/],
    ['exists not boolean', { field: 'spec.replicas', exists: 'yes' }, /when\[0\]\.exists: expected true or false/],
    ['malformed path', { field: 'spec..x', equals: 1 }, /when\[0\]\.field: malformed path/],
    ['unknown long-form operator', { field: 'spec.x', operator: 'like', value: 1 }, /when\[0\]\.operator: unknown operator "like"/],
    ['negate not boolean', { field: 'spec.replicas', equals: 3, negate: 'yes' }, /when\[0\]\.negate: expected true or false/],
  ];
  for (const [name, cond, message] of broken) {
    it(`reports ${name}`, () => {
      const s = scope();
      expect(conditionHolds(cond as unknown as Condition, s, 'when[0]')).to.equal(FAILED);
      const lines = s.problems.issues.map((i) => `${i.path}: ${i.message}`);
      expect(lines.join('\n')).to.match(message);
      expect(lines[0]).to.contain('(CR default/blog)');
    });
  }

  const yes = { field: 'spec.replicas', equals: 3 };
  const no = { field: 'spec.replicas', equals: 9 };
  const gates: [string, unknown[] | undefined, unknown[] | undefined, boolean][] = [
    ['nothing given', undefined, undefined, true],
    ['when all true', [yes, yes], undefined, true],
    ['when one false', [yes, no], undefined, false],
    ['or one true', undefined, [no, yes], true],
    ['or all false', undefined, [no, no], false],
    ['both pass', [yes], [no, yes], true],
    ['when fails, or passes', [no], [yes], false],
    ['when passes, or fails', [yes], [no], false],
    ['empty when', [], undefined, true],
    ['empty or', undefined, [], true],
  ];
  for (const [name, when, or, want] of gates) {
    it(`gate: ${name} → ${want}`, () => {
      expect(gatePasses(when as Condition[], or as Condition[], scope(), 'e')).to.equal(want);
    });
  }

  it('compares loosely only between scalars', () => {
    expect(looseEqual(1, '1')).to.equal(true);
    expect(looseEqual(true, 'true')).to.equal(true);
    expect(looseEqual({ a: 1 }, { a: '1' })).to.equal(true);
    expect(looseEqual({ a: 1 }, { a: 1, b: 2 })).to.equal(false);
    expect(looseEqual([1], 1)).to.equal(false);
    expect(looseEqual(null, 'null')).to.equal(false);
  });

  it('matches a CR-chosen pattern against a CR-chosen value in linear time (ReDoS)', () => {
    // With JavaScript's backtracking RegExp this one condition ran for hours.
    const crData = { spec: { pattern: '^(a+)+$', name: `${'a'.repeat(100_000)}!` } };
    const s: TemplateScope = { data: crData, problems: new Problems('default/evil') };
    const started = performance.now();
    const result = conditionHolds({ field: 'spec.name', regex: '{{ .spec.pattern }}' } as unknown as Condition, s, 'when[0]');
    expect(performance.now() - started).to.be.below(1000);
    expect(result).to.equal(false);
  });
});
