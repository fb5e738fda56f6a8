// The pure half of composing: input binding (upstream's text substitution, defaults, typed inputs,
// static conditions), fragment shapes, Katalog-wide merging and moving issues back to their file.
import { expect } from 'chai';
import { bindInputs, settleConditions, substituteInputs } from '../../../../shared/katalog/compose/motif-bind.js';
import { fragmentProblem, mergeKatalogWide, localNames, bindMotif, relocate } from '../../../../shared/katalog/index.js';

const values = new Map([['image', '{{ .spec.image }}'], ['expose', 'true'], ['port', '8080']]);

describe('katalog/compose: Motif inputs', () => {
  for (const [text, want] of [
    ['{{ .inputs.image }}', '{{ .spec.image }}'],
    ['port-{{ inputs.port }}', 'port-8080'],
    ['{{ .inputs.missing | default "x" }}', 'x'],
    ['{{ .inputs.port | add 1 }}', '8081'],
    ['{{ .spec.other }}', '{{ .spec.other }}'],
  ] as const) {
    it(`binds ${text} to ${want}`, () => expect(substituteInputs(text, values)).to.equal(want));
  }

  it('takes defaults, and refuses a missing required input or an unknown one', () => {
    const inputs = [{ name: 'image', required: true }, { name: 'port', default: '80' }];
    expect([...bindInputs('web', inputs, { image: 'a' }).values!]).to.deep.equal([['image', 'a'], ['port', '80']]);
    expect(bindInputs('web', inputs, { colour: 'red' }).problems).to.deep.equal([
      'Motif "web" requires input "image", which with: does not give (required inputs: image)',
      'Motif "web" has no input "colour" (declared inputs: image, port)',
    ]);
    expect(bindInputs('web', inputs, { image: { nested: 1 } }).problems).to.deep.equal(['with.image must be a string, number or boolean (a Motif input is text)']);
  });

  it('decides a condition on an input now, and keeps one on the CR for reconcile time', () => {
    expect(settleConditions([{ field: 'inputs.expose', equals: 'true' }], values)).to.deep.equal([]);
    expect(settleConditions([{ field: '{{ .inputs.port }}', operator: 'equals', value: '9090' }], values)).to.equal(false);
    expect(settleConditions([{ field: 'inputs.image', exists: true }], values)).to.deep.equal([{ field: '{{ .spec.image }}', exists: true }]);
    expect(settleConditions([{ field: 'spec.tier', equals: 'gold' }], values)).to.deep.equal([{ field: 'spec.tier', equals: 'gold' }]);
  });

  it('drops a child whose static condition fails and types an integer input', () => {
    const motif = {
      metadata: { name: 'web' },
      inputs: [{ name: 'expose', default: 'false' }, { name: 'copies', default: '2', type: 'integer' }],
      resources: { services: [{ name: 'pub', when: [{ field: 'inputs.expose', equals: 'true' }] }], deployments: [{ name: 'd', replicas: '{{ .inputs.copies }}' }] },
    };
    expect(bindMotif(motif, {}).bound?.resources).to.deep.equal({ services: [], deployments: [{ name: 'd', replicas: 2 }] });
  });
});

describe('katalog/compose: fragments, Katalog-wide merge, provenance', () => {
  it('accepts only a mapping whose one key is the block list', () => {
    expect(fragmentProblem({ rules: [] }, 'rules')).to.equal(undefined);
    expect(fragmentProblem({ rules: [], extra: 1 }, 'rules')).to.match(/unexpected key "extra"/);
    expect(fragmentProblem({ rules: [], include: 'x' }, 'rules')).to.match(/nested includes are not supported/);
    expect(fragmentProblem([1], 'fields')).to.match(/one key, fields:/);
  });

  it('lets the Katalog win over a Motif note, and refuses the same note from two Motifs', () => {
    const doc: Record<string, unknown> = { notes: { functions: [{ name: 'own', expression: 'k' }] } };
    const local = localNames(doc);
    const seen = new Map<string, string>();
    expect(mergeKatalogWide(doc, { notes: { functions: [{ name: 'own', expression: 'm' }, { name: 'shared', expression: 'a' }] } }, 'A', local, seen)).to.deep.equal([]);
    expect(mergeKatalogWide(doc, { notes: { functions: [{ name: 'shared', expression: 'b' }] } }, 'B', local, seen)).to.deep.equal([
      'note "shared" comes from both A and B; rename one, or declare it in the Katalog to choose',
    ]);
    expect(doc.notes).to.deep.equal({ functions: [{ name: 'own', expression: 'k' }, { name: 'shared', expression: 'a' }] });
  });

  it('moves an issue on a merged entry back to the file and index it was written at', () => {
    const locate = (path: readonly unknown[]) => ({ line: path.length, col: 1 });
    const origins = [
      { within: 'k.yaml', at: ['spec', 'rules'], from: 0, count: 2, file: 'frag.yaml', locate, sourceAt: ['rules'] },
      { within: 'k.yaml', at: ['spec', 'rules'], from: 2, count: 1, file: 'k.yaml', locate, sourceAt: ['spec', 'rules'] },
    ];
    expect(relocate({ file: 'k.yaml', path: 'spec.rules[1].field', message: 'm' }, origins)).to.deep.equal({ file: 'frag.yaml', path: 'rules[1].field', message: 'm', line: 3, col: 1 });
    expect(relocate({ file: 'k.yaml', path: 'spec.rules[2]', message: 'm' }, origins)).to.deep.include({ file: 'k.yaml', path: 'spec.rules[0]' });
    expect(relocate({ file: 'k.yaml', path: 'metadata.name', message: 'm' }, origins)).to.deep.equal({ file: 'k.yaml', path: 'metadata.name', message: 'm' });
  });
});
