// A Motif checked on its own: its templates, the inputs they read (every one declared) and its
// input list (upstream's Motif validator: no required input with a default).
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
    { name: 'refuses a read of an input it does not declare (upstream: "no input named … is declared")', template: '{{ .inputs.tag }}', want: [`11: ${undeclared('tag')}`] },
    { name: 'refuses the undotted and index forms of such a read too', template: '{{ inputs.tag }}-{{ index .inputs \\"zone\\" }}', want: [`11: ${undeclared('tag')}`, `11: ${undeclared('zone')}`] },
    { name: 'leaves a CR field that merely contains the word inputs alone', template: '{{ .spec.inputs.tag }}', want: [] },
  ];
  for (const c of cases) it(c.name, () => expect(errors(motif(c.template))).to.deep.equal(c.want));

  it('refuses a required input that also has a default, as upstream\'s Motif validator does', () => {
    const text = motif('{{ .inputs.image }}').replace('    default: nginx', '    required: true\n    default: nginx');
    expect(errors(text)).to.deep.equal(['6: input "image" is required and has a default: with: must give a required input, so its default is never used (remove required: or the default)']);
  });
});

function undeclared(name: string): string {
  return `Motif "m" reads input "${name}", which it does not declare, so it is always empty (declared inputs: image); declare it under inputs: or remove the reference`;
}
