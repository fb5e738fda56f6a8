import { expect } from 'chai';
import { toBoolean, toInteger, toNumber, scalarToText } from '../../../shared/render/typecheck.js';
import { issueLines, makeCr, only, reconcile, renderError } from './fixtures.js';

describe('shared/render typed substitution', () => {
  it('keeps the type of a single-action template', () => {
    const obj = only(reconcile({ deployments: [{ image: 'x:1', replicas: '{{ .spec.replicas }}', port: '{{ .spec.port }}' }] }), makeCr({ port: 8080 }));
    expect((obj.spec as any).replicas).to.equal(2);
    expect((obj.spec as any).template.spec.containers[0].ports[0].containerPort).to.equal(8080);
  });

  it('converts numeric text to a number', () => {
    const obj = only(reconcile({ deployments: [{ image: 'x:1', replicas: '{{ .spec.replicas }}' }] }), makeCr({ replicas: '3' }));
    expect((obj.spec as any).replicas).to.equal(3);
  });

  it('gives an optional field its default when its template renders empty (replicas 1, as upstream)', () => {
    const obj = only(reconcile({ deployments: [{ image: 'x:1', replicas: '{{ .spec.nope }}' }] }));
    expect((obj.spec as { replicas: number }).replicas).to.equal(1);
  });

  it('names the field and the CR for a value that is not a number', () => {
    const e = renderError(reconcile({ deployments: [{ image: 'x:1', replicas: '{{ .spec.replicas }}' }] }), makeCr({ replicas: 'abc' }, { name: 'blog', namespace: 'default' }));
    expect(e.code).to.equal('RENDER_INVALID');
    expect(issueLines(e)).to.deep.equal(['operatorBox.onReconcile.deployments[0].replicas: expected an integer, got "abc" (CR default/blog)']);
  });

  it('lists every problem of a render at once', () => {
    const e = renderError(reconcile({
      deployments: [{ image: 'x:1', replicas: '{{ .spec.replicas }}', port: 70000 }],
      services: [{ port: '{{ .spec.image }}' }],
      configMaps: [{ reconcile: 'sometimes' as never }],
    }), makeCr({ replicas: -1 }));
    expect(issueLines(e)).to.deep.equal([
      'operatorBox.onReconcile.configMaps[0].reconcile: expected true or false, got "sometimes" (CR default/blog)',
      'operatorBox.onReconcile.services[0].port: expected an integer, got "nginx:1.27" (CR default/blog)',
      'operatorBox.onReconcile.deployments[0].replicas: expected an integer from 0 to 1000000, got -1 (CR default/blog)',
      'operatorBox.onReconcile.deployments[0].port: expected an integer from 1 to 65535, got 70000 (CR default/blog)',
    ]);
  });

  it('reports a template error at the field', () => {
    const e = renderError(reconcile({ configMaps: [{ data: { a: '{{ .spec.replicas | noSuchFunction }}' } }] }));
    expect(e.issues).to.have.length(1);
    expect(e.issues[0]!.path).to.equal('operatorBox.onReconcile.configMaps[0].data.a');
    expect(e.issues[0]!.message).to.match(/^template error: .*\(CR default\/blog\)$/);
  });

  const conversions: [string, () => unknown, unknown][] = [
    ['integer from number', () => toInteger(3), { ok: true, value: 3 }],
    ['integer from text', () => toInteger(' 42 '), { ok: true, value: 42 }],
    ['integer refuses 1.5', () => toInteger(1.5).ok, false],
    ['integer refuses true', () => toInteger(true).ok, false],
    ['number from text', () => toNumber('2.5'), { ok: true, value: 2.5 }],
    ['number refuses blank', () => toNumber(' ').ok, false],
    ['boolean from text', () => toBoolean('false'), { ok: true, value: false }],
    ['boolean refuses 1', () => toBoolean(1).ok, false],
    ['text from number', () => scalarToText(8), { ok: true, value: '8' }],
    ['text refuses a list', () => scalarToText([1]).ok, false],
  ];
  for (const [name, run, want] of conversions) {
    it(name, () => expect(run()).to.deep.equal(want));
  }
});
