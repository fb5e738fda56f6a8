// normalize.spec rewrites spec fields of the render's copy of the CR before mutation, validation and
// the children, each template seeing the CR as it arrived; the text is read as YAML or converted to
// normalize.types; audit: true gives status templates ._normalizeChanges; bad input names its field.
import { expect } from 'chai';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { renderDesired, seededRandom } from '../../../shared/render/index.js';
import { issueLines, makeCr, only, reconcile, renderError } from './fixtures.js';

type Rec = Record<string, any>;
/** The ConfigMap data `{v: <template>}` renders to after the entry's normalize block. */
const seen = (normalize: Rec, template: string, crSpec: Rec = {}): unknown =>
  (only(reconcile({ configMaps: [{ name: 'c', data: { v: template } }] }, { normalize } as Partial<CrdEntry>), makeCr(crSpec)) as Rec).data.v;
const typed = (normalize: Rec, crSpec: Rec = {}): unknown =>
  (only(reconcile({ configMaps: [{ name: 'c', data: { v: '{{ typeOf .spec.out }}={{ .spec.out }}' } }] }, { normalize } as Partial<CrdEntry>), makeCr(crSpec)) as Rec).data.v;

describe('shared/render normalize', () => {
  const values: [string, Rec, Rec, string][] = [
    ['a schedule from a map', { spec: { out: '{{ if typeMap .spec.schedule }}{{ .spec.schedule.minute }} * * * *{{ else }}{{ .spec.schedule }}{{ end }}' } }, { schedule: { minute: 5 } }, 'string=5 * * * *'],
    ['text "3" read as an integer', { spec: { out: '{{ .spec.replicas }}' } }, { replicas: '3' }, 'number=3'],
    ['"true" read as a boolean', { spec: { out: '{{ .spec.flag }}' } }, { flag: 'true' }, 'bool=true'],
    ['"yes" stays text (YAML 1.2)', { spec: { out: '{{ .spec.flag }}' } }, { flag: 'yes' }, 'string=yes'],
    ['"a: b" read as a map', { spec: { out: 'a: {{ .spec.flag }}' } }, { flag: 'b' }, 'map=map[a:b]'],
    ['a missing field sets ""', { spec: { out: '{{ .spec.nope }}' } }, {}, 'string='],
    ['types.out int', { spec: { out: '{{ .spec.n }}' }, types: { out: 'int' } }, { n: '042' }, 'number=42'],
    ['types.out string keeps "3" text', { spec: { out: '{{ .spec.n }}' }, types: { out: 'string' } }, { n: 3 }, 'string=3'],
    ['types.out bool, Go spellings', { spec: { out: '{{ .spec.n }}' }, types: { out: 'bool' } }, { n: 'T' }, 'bool=true'],
    ['types with an empty result leaves the field', { spec: { out: '{{ .spec.nope }}' }, types: { out: 'int' } }, { out: 7 }, 'number=7'],
  ];
  for (const [name, normalize, crSpec, want] of values) it(name, () => expect(typed(normalize, crSpec)).to.equal(want));

  it('every template sees the CR as it arrived, and mutation and children see the result', () => {
    const normalize = { spec: { image: '{{ .spec.image }}:{{ .spec.tag }}', tag: 'v{{ .spec.tag }}', 'resources.cpu': '{{ .spec.cpu | default "100m" }}' } };
    const entry = reconcile({ configMaps: [{ name: 'c', data: { v: '{{ .spec.image }} {{ .spec.tag }} {{ .spec.resources.cpu }} {{ .spec.mutated }}' } }] }, {
      normalize, mutation: { rules: [{ field: 'spec.mutated', override: '{{ .spec.tag }}' }] },
    } as Partial<CrdEntry>);
    expect((only(entry, makeCr({ image: 'nginx', tag: '1' })) as Rec).data.v).to.equal('nginx:1 v1 100m v1');
  });

  it('writes into a list by index', () => {
    expect(seen({ spec: { 'containers.0.image': 'busybox' } }, '{{ (index .spec.containers 0).image }}', { containers: [{ image: 'x' }] })).to.equal('busybox');
  });

  it('gives status templates the audited changes, and only with audit: true', () => {
    const status = (audit: boolean) => renderDesired({
      crdName: 'website', katalogName: 'demo', cr: makeCr({ tag: '1' }), options: { random: seededRandom(1) },
      entry: { normalize: { audit, spec: { tag: 'v{{ .spec.tag }}', image: '{{ .spec.image }}' } }, operatorBox: { status: { fields: [{ path: 'changes', value: '{{ toJson ._normalizeChanges }}' }] } } } as CrdEntry,
    }).status;
    expect(status(true)).to.deep.equal({ changes: '[{"field":"tag","from":"1","to":"v1"}]' });
    expect(status(false)).to.deep.equal({ changes: 'null' });
  });

  const refused: [string, Rec, RegExp][] = [
    ['a spec that is not a map', { spec: ['x'] }, /normalize\.spec: expected a map of field path to template/],
    ['a template that is not text', { spec: { out: 3 } }, /normalize\.spec\.out: expected a template \(text\), got 3/],
    ['a broken template', { spec: { out: '{{ .spec.image.x }}' } }, /normalize\.spec\.out: template error: .*cannot read field "x"/],
    ['a value that does not fit its type', { spec: { out: '{{ .spec.image }}' }, types: { out: 'int' } }, /normalize\.spec\.out: normalize\.types\.out: cannot convert "nginx:1\.27" to int/],
    ['an unknown type', { spec: { out: '1' }, types: { out: 'date' } }, /normalize\.types\.out: unknown type "date": use int, bool, float or string/],
    ['a path through a value that is not a map', { spec: { 'image.tag': '1' } }, /normalize\.spec\.image\.tag: cannot set spec\.image\.tag: spec\.image is not an object/],
  ];
  for (const [name, normalize, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(reconcile({ configMaps: [{ name: 'c' }] }, { normalize } as Partial<CrdEntry>));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(e.message).to.contain('cannot normalize spec fields');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }
});
