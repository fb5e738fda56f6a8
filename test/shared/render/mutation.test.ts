import { expect } from 'chai';
import type { MutationRule } from '../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, renderError } from './fixtures.js';

// The ConfigMap echoes the CR fields the mutations touch, so the test reads what rendering saw.
const echo = reconcile({ configMaps: [{ data: { replicas: '{{ .spec.replicas }}', tier: '{{ .spec.tier }}', port: '{{ .spec.port }}' } }] });
const withRules = (rules: MutationRule[]) => ({ ...echo, mutation: { rules } });

describe('shared/render mutation', () => {
  const table: [string, MutationRule[], Record<string, unknown>, Record<string, string>][] = [
    ['default fills an absent field', [{ field: 'spec.port', default: 8080 }], {}, { replicas: '2', tier: '', port: '8080' }],
    ['default keeps a present field', [{ field: 'spec.replicas', default: 9 }], {}, { replicas: '2', tier: '', port: '' }],
    ['default fills a null field', [{ field: 'spec.tier', default: 'basic' }], { tier: null }, { replicas: '2', tier: 'basic', port: '' }],
    ['override replaces', [{ field: '.spec.replicas', override: 1 }], {}, { replicas: '1', tier: '', port: '' }],
    ['override gated by when (true)', [{ field: 'spec.replicas', override: 5, when: [{ field: 'spec.tier', equals: 'prod' }] }], { tier: 'prod' }, { replicas: '5', tier: 'prod', port: '' }],
    ['override gated by when (false)', [{ field: 'spec.replicas', override: 5, when: [{ field: 'spec.tier', equals: 'prod' }] }], { tier: 'dev' }, { replicas: '2', tier: 'dev', port: '' }],
    ['templated value', [{ field: 'spec.tier', default: '{{ .metadata.name }}-tier' }], {}, { replicas: '2', tier: 'blog-tier', port: '' }],
    ['or: one condition holds', [{ field: 'spec.tier', override: 'gold', or: [{ field: 'spec.replicas', equals: 9 }, { field: 'spec.replicas', equals: 2 }] }], {}, { replicas: '2', tier: 'gold', port: '' }],
    ['or: none holds', [{ field: 'spec.tier', override: 'gold', or: [{ field: 'spec.replicas', equals: 9 }] }], {}, { replicas: '2', tier: '', port: '' }],
    ['fires.reconcile false is admission-only: skipped', [{ field: 'spec.tier', override: 'gold', fires: { reconcile: false } }], {}, { replicas: '2', tier: '', port: '' }],
    ['fires.reconcile true applies', [{ field: 'spec.tier', override: 'gold', fires: { reconcile: true } }], {}, { replicas: '2', tier: 'gold', port: '' }],
    ['later rules see earlier ones', [{ field: 'spec.tier', default: 'prod' }, { field: 'spec.port', override: 443, when: [{ field: 'spec.tier', equals: 'prod' }] }], {}, { replicas: '2', tier: 'prod', port: '443' }],
  ];
  for (const [name, rules, spec, want] of table) {
    it(name, () => expect(only(withRules(rules), makeCr(spec)).data).to.deep.equal(want));
  }

  const typed: [string, MutationRule, unknown][] = [
    ['int', { field: 'spec.port', default: '8080', valueType: 'int' }, 8080],
    ['integer', { field: 'spec.port', default: '{{ add 1 2 }}', valueType: 'integer' }, 3],
    ['float', { field: 'spec.port', default: '2.5', valueType: 'float' }, 2.5],
    ['number', { field: 'spec.port', default: 7, valueType: 'number' }, 7],
    ['bool', { field: 'spec.port', default: 'true', valueType: 'bool' }, true],
    ['boolean', { field: 'spec.port', default: 'false', valueType: 'boolean' }, false],
    ['string', { field: 'spec.port', default: 8080, valueType: 'string' }, '8080'],
  ];
  for (const [name, rule, want] of typed) {
    it(`valueType ${name} converts the value before it is set`, () => expect(typedPort(rule)).to.deep.equal(want));
  }

  it('refuses a value that does not convert to its valueType, naming the rule', () => {
    const e = renderError(withRules([{ field: 'spec.port', default: 'eighty', valueType: 'int' }]));
    expect(issueLines(e)).to.deep.equal(['mutation.rules[0].default: valueType int: expected an integer, got "eighty" (CR default/blog)']);
  });

  it('never changes the CR it was given', () => {
    const cr = makeCr();
    only(withRules([{ field: 'spec.replicas', override: 7 }, { field: 'spec.new.deep', default: 1 }]), cr);
    expect(cr.spec).to.deep.equal({ image: 'nginx:1.27', replicas: 2 });
  });

  const refused: [string, MutationRule, RegExp][] = [
    ['both default and override', { field: 'spec.x', default: 1, override: 2 }, /mutation\.rules\[0\]: give exactly one of default or override/],
    ['neither', { field: 'spec.x' }, /mutation\.rules\[0\]: give exactly one of default or override/],
    ['the CR identity', { field: 'metadata.name', override: 'x' }, /mutation\.rules\[0\]\.field: metadata\.name identifies the CR/],
    ['a path through a scalar', { field: 'spec.replicas.x', default: 1 }, /mutation\.rules\[0\]\.field: cannot set spec\.replicas\.x: spec\.replicas is not an object/],
    ['a malformed path', { field: 'spec..x', default: 1 }, /mutation\.rules\[0\]\.field: expected a dot path/],
  ];
  for (const [name, rule, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(withRules([rule]));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }
});

/** The value a single mutation rule leaves at spec.port, read through the render's own copy. */
function typedPort(rule: MutationRule): unknown {
  const probe = reconcile({ configMaps: [{ data: { port: '{{ toJson .spec.port }}' } }] });
  return JSON.parse(String((only({ ...probe, mutation: { rules: [rule] } }, makeCr()).data as Record<string, unknown>).port));
}
