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
    ['later rules see earlier ones', [{ field: 'spec.tier', default: 'prod' }, { field: 'spec.port', override: 443, when: [{ field: 'spec.tier', equals: 'prod' }] }], {}, { replicas: '2', tier: 'prod', port: '443' }],
  ];
  for (const [name, rules, spec, want] of table) {
    it(name, () => expect(only(withRules(rules), makeCr(spec)).data).to.deep.equal(want));
  }

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
