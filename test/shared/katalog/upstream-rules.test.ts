// The Go runtime's keys on conditions, rules and status fields load into the one model with its
// meaning: several operators keep the one upstream tests (with a warning), status type spellings,
// or/clearOnFalse, rule valueType/or/fires, the range and type operators, and Katalog-wide finalizers.
import { expect } from 'chai';
import { parseKatalog, type KatalogDocument } from '../../../shared/katalog/index.js';

const head = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: orchard
spec:
  crds:
    tree:
      apiTypes: {group: orchard.example.org, version: v1, kind: Tree, plural: trees}
`;

function load(text: string): { document: KatalogDocument; warnings: string[] } {
  const { document, issues } = parseKatalog(text, 'k.yaml');
  const errors = issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
  expect(errors, 'errors').to.deep.equal([]);
  return { document: document!, warnings: issues.filter((i) => i.severity === 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`) };
}

const errorsOf = (text: string) => parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog upstream rule, condition and status keys', () => {
  it('keeps the operator upstream tests when a rule names several, and warns about the others', () => {
    const { document, warnings } = load(`${head}      validation:
        rules:
          - {field: spec.age, greaterThan: "0", lessThan: "10", message: m}
          - {field: spec.name, max: "3", prefix: x, equals: y, message: m}
`);
    expect(document.spec.crds.tree!.validation!.rules).to.deep.equal([
      { field: 'spec.age', gt: '0', message: 'm' },
      { field: 'spec.name', equals: 'y', message: 'm' },
    ]);
    expect(warnings).to.deep.equal([
      '11: spec.crds.tree.validation.rules[0]: several operators: only greaterThan: is tested, as in the Go runtime; lessThan: is ignored (write one condition per operator to test each)',
      '12: spec.crds.tree.validation.rules[1]: several operators: only equals: is tested, as in the Go runtime; prefix:, max: are ignored (write one condition per operator to test each)',
    ]);
  });

  it('keeps a shorthand over operator: + value: in a condition, dropping the long form\'s value', () => {
    const { document } = load(`${head}      operatorBox:
        onCreate:
          configMaps:
            - name: a
              when:
                - {field: spec.age, min: "1", operator: equals, value: "5"}
`);
    expect(document.spec.crds.tree!.operatorBox!.onCreate!.configMaps![0]!.when).to.deep.equal([{ field: 'spec.age', gte: '1' }]);
  });

  it('reads a condition without operator as upstream does: value: alone is equals, nothing is exists; a rule still needs one', () => {
    const { document, warnings } = load(`${head}      operatorBox:
        onCreate:
          configMaps:
            - name: a
              when:
                - {field: spec.tier, value: gold}
                - {field: spec.flag}
                - {field: spec.age, gte: 1, value: "9"}
                - {field: spec.endpoint, equals: ""}
                - {field: spec.owner, value: ""}
`);
    expect(document.spec.crds.tree!.operatorBox!.onCreate!.configMaps![0]!.when).to.deep.equal([
      { field: 'spec.tier', equals: 'gold' },
      { field: 'spec.flag', exists: true },
      { field: 'spec.age', gte: 1 },
      { field: 'spec.endpoint', equals: '' },
      { field: 'spec.owner', equals: '' },
    ]);
    expect(warnings).to.deep.equal([
      '16: spec.crds.tree.operatorBox.onCreate.configMaps[0].when[2].value: value: is ignored beside gte: (as in the Go runtime, where value: alone means equals); remove it',
      '17: spec.crds.tree.operatorBox.onCreate.configMaps[0].when[3].equals: an empty equals: is skipped by the Go runtime (the condition then tests the next operator, else exists: the field present and not empty); Orkestra tests equals "", an absent field counting as empty',
      '18: spec.crds.tree.operatorBox.onCreate.configMaps[0].when[4].value: an empty value: is skipped by the Go runtime (the condition then tests the next operator, else exists: the field present and not empty); Orkestra tests equals "", an absent field counting as empty',
    ]);
    expect(errorsOf(`${head}      validation:
        rules:
          - {field: spec.tier, message: m}
          - {field: spec.tier, value: gold, message: m}
`)).to.deep.equal([
      '11:13: spec.crds.tree.validation.rules[0]: no operator: give one of equals, notEquals, in, notIn, contains, prefix, suffix, regex, exists, notExists, gt, gte, lt, lte, between, notBetween, unique, typeOf, typeMap, typeList, typeString, typeNumber, typeBool, typeNull',
      '12:13: spec.crds.tree.validation.rules[1]: no operator: give one of equals, notEquals, in, notIn, contains, prefix, suffix, regex, exists, notExists, gt, gte, lt, lte, between, notBetween, unique, typeOf, typeMap, typeList, typeString, typeNumber, typeBool, typeNull',
      '12:32: spec.crds.tree.validation.rules[1].value: value needs an operator: give operator:, or use a shorthand such as equals: x',
    ]);
  });

  it('warns (does not refuse) a template that does not parse in a status field or a child\'s condition, which upstream loads and skips; elsewhere it is an error', () => {
    const text = `${head}      operatorBox:
        onCreate:
          configMaps:
            - name: a
              when: [{field: "{{ .children.deployments.my-service }}", equals: "true"}]
        status:
          fields:
            - {path: phase, value: "{{ .spec.x", when: [{field: spec.y, equals: "{{ bad"}]}
`;
    const { warnings } = load(text);
    expect(warnings).to.deep.equal([
      '13: spec.crds.tree.operatorBox.onCreate.configMaps[0].when[0].field: template error: unexpected character "-" after ".children.deployments.my" (column 28); the Go runtime loads it and reads the condition as false at every reconcile; so does Orkestra (fix the template)',
      '16: spec.crds.tree.operatorBox.status.fields[0].value: template error: unclosed action: "{{" has no matching "}}" (column 1); the Go runtime loads it and leaves this status field out at every reconcile; so does Orkestra (fix the template)',
      '16: spec.crds.tree.operatorBox.status.fields[0].when[0].equals: template error: unclosed action: "{{" has no matching "}}" (column 1); the Go runtime loads it and leaves this status field out at every reconcile; so does Orkestra (fix the template)',
    ]);
    expect(errorsOf(text.replace('- name: a', '- name: "{{ .metadata.name"'))).to.have.length(1);
  });

  it('reads the range and type operators in the long form as shorthands', () => {
    const { document } = load(`${head}      operatorBox:
        onCreate:
          configMaps:
            - name: a
              when:
                - {field: spec.age, between: "1,5"}
                - {field: spec.age, operator: notBetween, value: "6,9"}
                - {field: spec.tags, operator: typeList}
                - {field: spec.tags, operator: typeOf, value: slice}
`);
    expect(document.spec.crds.tree!.operatorBox!.onCreate!.configMaps![0]!.when).to.deep.equal([
      { field: 'spec.age', between: '1,5' },
      { field: 'spec.age', notBetween: '6,9' },
      { field: 'spec.tags', typeList: true },
      { field: 'spec.tags', typeOf: 'slice' },
    ]);
  });

  it('refuses a literal range or type name that can never match, at the operand', () => {
    const found = errorsOf(`${head}      validation:
        rules:
          - {field: spec.age, between: "5", message: m}
          - {field: spec.age, operator: notBetween, value: "9,1", message: m}
          - {field: spec.age, operator: typeOf, value: integer, message: m}
          - {field: spec.age, between: "{{ .spec.range }}", message: m}
`);
    expect(found).to.deep.equal([
      '11:40: spec.crds.tree.validation.rules[0].between: between: expected "min,max" such as "1,10", got "5"',
      '12:60: spec.crds.tree.validation.rules[1].value: notBetween: min 9 is greater than max 1 in "9,1", so nothing is in the range; swap them',
      '13:56: spec.crds.tree.validation.rules[2].value: typeOf takes one of map, slice, string, number, bool, null, got "integer"',
    ]);
  });

  it('loads unique without a word, and warns that a notify without a notification block is never sent', () => {
    const { warnings } = load(`${head}      validation:
        rules:
          - field: spec.domain
            operator: unique
            message: m
            notify: {teams: [web]}
`);
    expect(warnings).to.deep.equal([
      '14: spec.crds.tree.validation.rules[0].notify: no notification block declares teams, so this alert is never sent; add notification.teams (here or in the Komposer)',
    ]);
  });

  it('keeps rule valueType, or, fires and link, and mutation valueType, or, fires', () => {
    const { document, warnings } = load(`${head}      validation:
        rules:
          - {field: spec.age, min: "1", valueType: int, message: m, or: [{field: spec.kind, equals: apple}], fires: {reconcile: false}, link: age}
      mutation:
        rules:
          - {field: spec.age, default: "2", valueType: integer, or: [{field: spec.kind, equals: pear}], fires: {reconcile: true}}
`);
    const entry = document.spec.crds.tree!;
    expect(entry.validation!.rules[0]).to.deep.equal({ field: 'spec.age', gte: '1', valueType: 'int', message: 'm', or: [{ field: 'spec.kind', equals: 'apple' }], fires: { reconcile: false }, link: 'age' });
    expect(entry.mutation!.rules[0]).to.deep.equal({ field: 'spec.age', default: '2', valueType: 'integer', or: [{ field: 'spec.kind', equals: 'pear' }], fires: { reconcile: true } });
    expect(warnings).to.deep.equal([]);
  });

  it('reads status type spellings str, "", integer and boolean, and keeps or and clearOnFalse', () => {
    const { document } = load(`${head}      operatorBox:
        status:
          fields:
            - {path: a, value: x, type: str}
            - {path: b, value: x, type: ""}
            - {path: c, value: "1", type: integer}
            - {path: d, value: "true", type: boolean, or: [{field: spec.kind, equals: apple}], clearOnFalse: true}
            - {path: d, value: "false", type: bool}
`);
    expect(document.spec.crds.tree!.operatorBox!.status!.fields).to.deep.equal([
      { path: 'a', value: 'x', type: 'string' },
      { path: 'b', value: 'x', type: 'string' },
      { path: 'c', value: '1', type: 'int' },
      { path: 'd', value: 'true', type: 'bool', or: [{ field: 'spec.kind', equals: 'apple' }], clearOnFalse: true },
      { path: 'd', value: 'false', type: 'bool' },
    ]);
  });

  it('gives spec.finalizers to every entry without finalizers of its own', () => {
    const { document, warnings } = load(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: orchard
spec:
  finalizers: [orchard.example.org/harvest]
  crds:
    tree:
      apiTypes: {group: orchard.example.org, version: v1, kind: Tree, plural: trees}
    shed:
      apiTypes: {group: orchard.example.org, version: v1, kind: Shed, plural: sheds}
      operatorBox:
        finalizers: [orchard.example.org/lock]
    gate:
      apiTypes: {group: orchard.example.org, version: v1, kind: Gate, plural: gates}
      finalizers: []
`);
    expect(document.spec.finalizers).to.deep.equal(['orchard.example.org/harvest']);
    expect(document.spec.crds.tree!.finalizers).to.deep.equal(['orchard.example.org/harvest']);
    expect(document.spec.crds.shed!.finalizers).to.deep.equal(['orchard.example.org/lock']);
    expect(document.spec.crds.gate!.finalizers).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });
});
