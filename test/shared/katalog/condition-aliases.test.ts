// Operator spellings the Go runtime does not know but its examples and reference pages write:
// `eq`, `ne` and `neq` load as equals / notEquals, each with one warning naming the word to write,
// in conditions and in validation rules alike.
import { expect } from 'chai';
import { canonicalOperators, FOREIGN_OPERATORS } from '../../../shared/katalog/condition-aliases.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (gate: string, rule: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: kiln
spec:
  crds:
    pot:
      apiTypes: {group: kiln.example.org, version: v1, kind: Pot, plural: pots}
      validation:
        rules:
          - {field: spec.glaze, operator: ${rule}, value: lead, message: no lead glaze}
      operatorBox:
        onCreate:
          configMaps:
            - name: "{{ .metadata.name }}-firing"
              data: {cone: "6"}
              when:
                - {field: spec.clay, operator: ${gate}, value: paper}
`;

describe('shared/katalog condition-aliases', () => {
  it('maps each foreign spelling to the operator it means', () => {
    expect(FOREIGN_OPERATORS).to.deep.equal({ eq: 'equals', ne: 'notEquals', neq: 'notEquals' });
    expect(canonicalOperators({ field: 'spec.a', operator: 'neq', value: 'x' })).to.deep.equal({ field: 'spec.a', operator: 'notEquals', value: 'x' });
    expect(canonicalOperators({ field: 'spec.a', operator: 'eq', value: 'x' })).to.deep.equal({ field: 'spec.a', operator: 'equals', value: 'x' });
  });

  for (const word of ['eq', 'ne', 'neq']) {
    it(`loads operator: ${word} in a gate and a rule, with one warning each`, () => {
      const { document, issues } = parseKatalog(katalog(word, word), 'k.yaml');
      expect(issues.filter((i) => i.severity !== 'warning').map((i) => i.message)).to.deep.equal([]);
      const meant = FOREIGN_OPERATORS[word]!;
      expect(issues.map((i) => `${i.line}: ${i.message}`)).to.deep.equal([
        `11: operator ${word} is read as ${meant}; the Go runtime has no operator ${word} and lets such a condition pass, so write ${meant}`,
        `18: operator ${word} is read as ${meant}; the Go runtime has no operator ${word} and lets such a condition pass, so write ${meant}`,
      ]);
      const entry = document!.spec.crds.pot!;
      expect(entry.validation!.rules[0]).to.include({ field: 'spec.glaze', operator: meant });
    });
  }

  it('still refuses an operator word nobody writes', () => {
    const { issues } = parseKatalog(katalog('nequals', 'equals'), 'k.yaml');
    expect(issues.filter((i) => i.severity !== 'warning').map((i) => i.message).join('\n')).to.contain('must be one of:');
  });
});
