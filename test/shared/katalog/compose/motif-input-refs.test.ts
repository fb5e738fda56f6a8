// Which inputs a Motif's bound parts read, and which of those it does not declare.
import { expect } from 'chai';
import { undeclaredInputReads } from '../../../../shared/katalog/compose/motif-input-refs.js';

describe('shared/katalog/compose motif-input-refs', () => {
  const motif = {
    inputs: [{ name: 'image' }, { name: 'port', default: '80' }],
    resources: {
      deployments: [{ name: '{{ .metadata.name }}', image: '{{ .inputs.image }}', port: '{{ .inputs.prt }}' }],
      onCreate: { jobs: [{ name: 'seed', image: '{{ .inputs.seedImage | default .inputs.image }}' }] },
      services: [{ name: 'web', when: [{ field: 'inputs.expose', exists: true }, { field: 'spec.inputs.x', exists: true }] }],
    },
    status: { fields: [{ path: 'endpoint', value: '{{ .metadata.name }}:{{ index .inputs "listen" }}' }] },
    admission: { validation: { rules: [{ field: 'spec.image', prefix: '{{ inputs.registry }}', message: 'm' }] } },
    notes: { functions: [{ name: 'n', expression: '{{ .inputs.notBound }}' }] },
  };

  it('names each undeclared read with its path, in document order, outside notes', () => {
    expect(undeclaredInputReads(motif)).to.deep.equal([
      { path: ['resources', 'deployments', 0, 'port'], name: 'prt' },
      { path: ['resources', 'onCreate', 'jobs', 0, 'image'], name: 'seedImage' },
      { path: ['resources', 'services', 0, 'when', 0, 'field'], name: 'expose' },
      { path: ['status', 'fields', 0, 'value'], name: 'listen' },
      { path: ['admission', 'validation', 'rules', 0, 'prefix'], name: 'registry' },
    ]);
  });

  it('finds nothing in a Motif whose reads are all declared', () => {
    expect(undeclaredInputReads({ inputs: [{ name: 'image' }], resources: { pods: [{ image: '{{ inputs.image }}' }] } })).to.deep.equal([]);
  });
});
