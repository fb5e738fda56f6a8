import { expect } from 'chai';
import { parseKatalog } from '../../../../shared/katalog/index.js';

const motif = (template: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata:
  name: m
inputs:
  - name: image
    default: nginx
resources:
  deployments:
    - name: "{{ .metadata.name }}"
      image: "${template}"
`;

const errors = (text: string) => parseKatalog(text, 'motif.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.message}`);

describe('shared/katalog/compose motifIssues (a Motif checked on its own)', () => {
  const cases: { name: string; template: string; want: string[] }[] = [
    { name: 'reads .inputs.x', template: '{{ .inputs.image }}', want: [] },
    { name: 'reads inputs.x written without the dot, as binding does', template: '{{ inputs.image }}', want: [] },
    { name: 'reads inputs.x as an argument and in a pipeline', template: '{{ default \\"x\\" inputs.image | upper }}', want: [] },
    { name: 'still refuses a function that does not exist (bad input)', template: '{{ nosuch inputs.image }}', want: ['11: template error: function "nosuch" is not defined (column 4)'] },
  ];
  for (const c of cases) it(c.name, () => expect(errors(motif(c.template))).to.deep.equal(c.want));
});
