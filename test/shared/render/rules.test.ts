import { expect } from 'chai';
import type { ValidationRule } from '../../../shared/katalog/types.js';
import { issueLines, makeCr, reconcile, render, renderError } from './fixtures.js';

const entry = (rules: ValidationRule[], mutation: { field: string; default: unknown }[] = []) => reconcile({ configMaps: [{}] }, { validation: { rules }, mutation: { rules: mutation } });

describe('shared/render validation rules', () => {
  it('passes when every rule holds', () => {
    const result = render(entry([{ field: 'spec.replicas', lte: 5, message: 'at most 5' }, { field: 'spec.image', operator: 'prefix', value: 'nginx', message: 'nginx only' }]));
    expect(result.children).to.have.length(1);
    expect(result.warnings).to.deep.equal([]);
  });

  it('denies listing every failed deny rule, and no passing one', () => {
    const e = renderError(entry([
      { field: 'spec.replicas', lte: 1, message: 'at most 1 replica' },
      { field: 'spec.image', prefix: 'nginx', message: 'never shown' },
      { field: 'spec.image', suffix: ':2', message: 'tag 2 required' },
      { field: 'spec.size', exists: true, message: 'spec.size is required', action: 'deny' },
    ]));
    expect(e.code).to.equal('VALIDATION_DENIED');
    expect(e.message).to.equal('CR default/blog is denied by 3 validation rules; change the CR so the rules pass');
    expect(issueLines(e)).to.deep.equal([
      'spec.replicas: at most 1 replica (CR default/blog)',
      'spec.image: tag 2 required (CR default/blog)',
      'spec.size: spec.size is required (CR default/blog)',
    ]);
  });

  it('turns failed warn rules into warnings and renders anyway', () => {
    const result = render(entry([{ field: 'spec.replicas', gte: 3, action: 'warn', message: 'fewer than 3 replicas: no quorum' }]));
    expect(result.children).to.have.length(1);
    expect(result.warnings).to.deep.equal([{ path: 'spec.replicas', message: 'fewer than 3 replicas: no quorum (CR default/blog)', severity: 'warning' }]);
  });

  it('skips rules whose when is false and sees mutated values', () => {
    const rules: ValidationRule[] = [
      { field: 'spec.replicas', lte: 1, message: 'dev is small', when: [{ field: 'spec.tier', equals: 'dev' }] },
      { field: 'spec.port', equals: 8080, message: 'port must be 8080' },
    ];
    expect(render(entry(rules, [{ field: 'spec.port', default: 8080 }]), makeCr({ tier: 'prod' })).children).to.have.length(1);
    expect(issueLines(renderError(entry(rules, [{ field: 'spec.port', default: 8080 }]), makeCr({ tier: 'dev' })))).to.deep.equal(['spec.replicas: dev is small (CR default/blog)']);
  });

  it('renders templated messages', () => {
    const e = renderError(entry([{ field: 'spec.replicas', lte: 1, message: '{{ .spec.replicas }} replicas is too many' }]));
    expect(issueLines(e)).to.deep.equal(['spec.replicas: 2 replicas is too many (CR default/blog)']);
  });

  it('reports a broken rule as a Katalog problem, not a denial', () => {
    const e = renderError(entry([{ field: 'spec.image', regex: '([', message: 'x' }, { field: 'spec.image', message: 'no operator' }]));
    expect(e.code).to.equal('RENDER_INVALID');
    const text = issueLines(e).join('\n');
    expect(text).to.match(/validation\.rules\[0\]\.regex: invalid RE2 regular expression/);
    expect(text).to.match(/validation\.rules\[1\]: a rule needs an operator/);
  });

  it('tests a rule only when one of its or: conditions holds, and skips admission-only rules (fires.reconcile: false)', () => {
    const tooMany = { field: 'spec.replicas', lte: 1, message: 'at most 1 replica' };
    const e = renderError(entry([{ ...tooMany, or: [{ field: 'spec.image', prefix: 'redis' }, { field: 'spec.image', prefix: 'nginx' }] }]));
    expect(issueLines(e)).to.deep.equal(['spec.replicas: at most 1 replica (CR default/blog)']);
    expect(render(entry([{ ...tooMany, or: [{ field: 'spec.image', prefix: 'redis' }] }])).children).to.have.length(1);
    expect(render(entry([{ ...tooMany, fires: { reconcile: false } }])).children).to.have.length(1);
    expect(renderError(entry([{ ...tooMany, fires: { reconcile: true }, valueType: 'int', link: 'replicas' }])).code).to.equal('VALIDATION_DENIED');
  });
});
