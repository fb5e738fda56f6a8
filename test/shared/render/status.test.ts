import { expect } from 'chai';
import type { StatusField } from '../../../shared/katalog/types.js';
import { issueLines, makeCr, render, renderError } from './fixtures.js';

const entry = (fields: StatusField[]) => ({ operatorBox: { status: { fields } } });

describe('shared/render status fields', () => {
  const table: [string, StatusField, Record<string, unknown>][] = [
    ['string', { path: 'url', value: 'http://{{ .metadata.name }}', type: 'string' }, { url: 'http://blog' }],
    ['string from a number', { path: 'count', value: '{{ .spec.replicas }}', type: 'string' }, { count: '2' }],
    ['int from a typed value', { path: 'replicas', value: '{{ .spec.replicas }}', type: 'int' }, { replicas: 2 }],
    ['int from numeric text', { path: 'replicas', value: '{{ .spec.replicas }}0', type: 'int' }, { replicas: 20 }],
    ['float', { path: 'ratio', value: '{{ .spec.ratio }}', type: 'float' }, { ratio: 0.5 }],
    ['bool from text', { path: 'ready', value: 'true', type: 'bool' }, { ready: true }],
    ['bool from a comparison', { path: 'big', value: '{{ gt .spec.replicas 1 }}', type: 'bool' }, { big: true }],
    ['auto keeps a typed value', { path: 'image', value: '{{ .spec.image }}' }, { image: 'nginx:1.27' }],
    ['auto infers from mixed text', { path: 'n', value: '{{ .spec.replicas }}{{ .spec.replicas }}', type: 'auto' }, { n: 22 }],
    ['a literal number', { path: 'n', value: 3 as unknown as string, type: 'int' }, { n: 3 }],
    ['status. prefix is dropped', { path: 'status.phase', value: 'Ready' }, { phase: 'Ready' }],
    ['nested path', { path: '.endpoints.http', value: 'x' }, { 'endpoints.http': 'x' }],
    ['when false leaves it out', { path: 'url', value: 'x', when: [{ field: 'spec.public', equals: true }] }, {}],
    ['an empty render leaves it out', { path: 'missing', value: '{{ .spec.nope }}', type: 'int' }, {}],
  ];
  for (const [name, field, want] of table) {
    it(name, () => expect(render(entry([field]), makeCr({ ratio: 0.5 })).status).to.deep.equal(want));
  }

  // As upstream's ResolveStatusFields: a field that cannot be evaluated is left out, the others written.
  const skipped: [string, StatusField, RegExp][] = [
    ['text as int', { path: 'n', value: '{{ .spec.image }}', type: 'int' }, /^operatorBox\.status\.fields\[1\]\.value: expected an integer, got "nginx:1\.27" \(CR default\/blog\); the status field is not written this time \(the others are\), as in the Go runtime$/],
    ['a float as int', { path: 'n', value: '2.5', type: 'int' }, /expected an integer, got "2\.5"/],
    ['text as float', { path: 'n', value: 'abc', type: 'float' }, /expected a number, got "abc"/],
    ['text as bool', { path: 'n', value: 'yes', type: 'bool' }, /expected true or false, got "yes"/],
    ['a template that fails', { path: 'n', value: '{{ .spec.image.first }}' }, /fields\[1\]\.value: template error/],
    ['a condition whose template fails', { path: 'n', value: 'x', when: [{ field: '{{ index .spec 3 }}', equals: 'y' }] }, /fields\[1\]\.when\[0\]\.field: template error/],
  ];
  for (const [name, field, message] of skipped) {
    it(`leaves out ${name} with a warning, and writes the other fields`, () => {
      const r = render(entry([{ path: 'phase', value: 'Ready' }, field, { path: 'url', value: 'u' }]));
      expect(r.status).to.deep.equal({ phase: 'Ready', url: 'u' });
      expect(r.skipped.map((w) => `${w.path}: ${w.message}`)).to.have.length(1);
      expect(`${r.skipped[0]!.path}: ${r.skipped[0]!.message}`).to.match(message);
      expect(r.warnings).to.deep.include(r.skipped[0]);
    });
  }

  const refused: [string, StatusField, RegExp][] = [
    ['an unknown type', { path: 'n', value: '1', type: 'decimal' as never }, /fields\[0\]\.type: expected one of string, int, float, bool, auto/],
  ];
  for (const [name, field, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(entry([field]));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }

  it('lets a later field for the same path win, as upstream', () => {
    const fields: StatusField[] = [{ path: 'url', value: 'a' }, { path: 'status.url', value: 'b' }, { path: 'url', value: 'c', when: [{ field: 'spec.image', equals: 'other' }] }];
    expect(render(entry(fields)).status).to.deep.equal({ url: 'b' });
  });

  it('tests or: on a field, and with when: both must pass', () => {
    const tier = (or: StatusField['or'], when?: StatusField['when']): StatusField => ({ path: 'tier', value: 'pro', or, ...(when ? { when } : {}) });
    const any = [{ field: 'spec.image', prefix: 'busybox' }, { field: 'spec.image', prefix: 'nginx' }];
    expect(render(entry([tier(any)])).status).to.deep.equal({ tier: 'pro' });
    expect(render(entry([tier([{ field: 'spec.image', prefix: 'busybox' }])])).status).to.deep.equal({});
    expect(render(entry([tier(any, [{ field: 'spec.image', suffix: 'x' }])])).status).to.deep.equal({});
  });

  it('leaves out a field whose conditions fail, with or without clearOnFalse (the controller decides whether it is removed)', () => {
    const warn = (prefix: string, clearOnFalse: boolean): StatusField => ({ path: 'warning', value: 'too big', clearOnFalse, when: [{ field: 'spec.image', prefix }] });
    expect(render(entry([warn('busybox', true)])).status).to.deep.equal({});
    expect(render(entry([warn('nginx', true)])).status).to.deep.equal({ warning: 'too big' });
    expect(render(entry([warn('busybox', false)])).status).to.deep.equal({});
  });
});
