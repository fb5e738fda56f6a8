// Both upstream layouts load into one model: the same operator written in the older layout
// (operatorBox.reconciler/onCreate/…/status, validation/mutation) and in the current one
// (operatorBox.reconcile/emit, admission) gives deep-equal documents.
import { expect } from 'chai';
import { parseKatalog, type KatalogDocument } from '../../../shared/katalog/index.js';

const head = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: bakery
spec:
  crds:
    oven:
      apiTypes: {group: bakery.example.org, version: v1, kind: Oven, plural: ovens}
`;

const older = `${head}      validation:
        rules:
          - {field: spec.temperature, operator: lte, value: 300, message: too hot}
      mutation:
        rules:
          - {field: spec.mode, default: bake}
      operatorBox:
        reconciler:
          workers: 3
          resync: 20s
          queue: {maxDepth: 200, failureThreshold: 4}
        onCreate:
          configMaps:
            - name: "{{ .metadata.name }}-recipe"
              data: {flour: "{{ .spec.flour }}"}
        onReconcile:
          deployments:
            - image: "{{ .spec.image }}"
              replicas: "{{ .spec.trays }}"
              when:
                - {field: spec.mode, operator: equals, value: bake}
        onDelete:
          jobs:
            - name: "{{ .metadata.name }}-cool"
              image: busybox
        status:
          fields:
            - {path: phase, value: Baking}
`;

const current = `${head}      admission:
        validation:
          rules:
            - {field: spec.temperature, operator: lte, value: 300, message: too hot}
        mutation:
          rules:
            - {field: spec.mode, default: bake}
      operatorBox:
        reconcile:
          workers: 3
          resync: 20s
          queue: {maxDepth: 200, failureThreshold: 4}
          onCreate:
            configMaps:
              - name: "{{ .metadata.name }}-recipe"
                data: {flour: "{{ .spec.flour }}"}
          onReconcile:
            deployments:
              - image: "{{ .spec.image }}"
                replicas: "{{ .spec.trays }}"
                when:
                  - {field: spec.mode, equals: bake}
          onDelete:
            jobs:
              - name: "{{ .metadata.name }}-cool"
                image: busybox
        emit:
          status:
            fields:
              - {path: phase, value: Baking}
`;

function load(text: string): KatalogDocument {
  const { document, issues } = parseKatalog(text, 'k.yaml');
  expect(issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`)).to.deep.equal([]);
  return document!;
}

const problems = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog both upstream layouts', () => {
  it('the same operator in the older and the current layout loads into deep-equal models', () => {
    const a = load(older);
    const b = load(current);
    expect(b).to.deep.equal(a);
    const box = a.spec.crds.oven!.operatorBox!;
    expect(box.reconciler).to.deep.equal({ workers: 3, resync: '20s', queue: { maxDepth: 200, failureThreshold: 4 } });
    expect(box.onReconcile!.deployments![0]!.when).to.deep.equal([{ field: 'spec.mode', equals: 'bake' }]);
    expect(a.spec.crds.oven!.validation!.rules).to.have.length(1);
    expect(box.status!.fields).to.deep.equal([{ path: 'phase', value: 'Baking' }]);
  });

  it('leaves no trace of the layout in the model', () => {
    const json = JSON.stringify(load(current));
    for (const key of ['"reconcile":{', '"emit"', '"admission"']) expect(json).to.not.contain(key);
  });

  it('reports a part written in both layouts at the current spelling', () => {
    const text = older.replace('        reconciler:\n', '        reconcile:\n          workers: 2\n        reconciler:\n');
    expect(problems(text)).to.deep.equal(['17:11: spec.crds.oven.operatorBox.reconcile.workers: also given as spec.crds.oven.operatorBox.reconciler.workers; write it once (spec.crds.oven.operatorBox.reconcile.workers is the current layout\'s spelling)']);
  });

  const twice: Array<[string, string, string]> = [
    ['status and emit.status', current.replace('        emit:\n', '        status: {conditions: true}\n        emit:\n'), 'spec.crds.oven.operatorBox.emit.status: also given as spec.crds.oven.operatorBox.status'],
    ['validation and admission.validation', current.replace('      admission:\n', '      validation: {rules: []}\n      admission:\n'), 'spec.crds.oven.admission.validation: also given as spec.crds.oven.validation'],
    ['onCreate in both places', current.replace('        emit:\n', '        onCreate: {}\n        emit:\n'), 'spec.crds.oven.operatorBox.reconcile.onCreate: also given as spec.crds.oven.operatorBox.onCreate'],
    ['entry-level workers and reconcile.workers', current.replace('      admission:\n', '      workers: 5\n      admission:\n'), 'spec.crds.oven.workers: also given as spec.crds.oven.operatorBox.reconcile.workers'],
  ];
  for (const [name, text, expected] of twice) {
    it(`refuses ${name}`, () => {
      const found = problems(text);
      expect(found.some((p) => p.includes(expected)), found.join('\n')).to.equal(true);
    });
  }

  it('checks conditions, templates and durations at the current layout\'s paths', () => {
    const text = current.replace('resync: 20s', 'resync: often').replace('{field: spec.mode, equals: bake}', '{field: spec.mode, operator: gte}').replace('"{{ .spec.image }}"', '"{{ .spec.image "');
    const found = problems(text);
    expect(found).to.have.length(3);
    expect(found[0]).to.equal('19:19: spec.crds.oven.operatorBox.reconcile.resync: "often" is not a duration; write it like 30s, 10m or 1h');
    expect(found[1]).to.match(/^27:24: spec\.crds\.oven\.operatorBox\.reconcile\.onReconcile\.deployments\[0\]\.image: template error: unclosed action/);
    expect(found[2]).to.match(/^30:\d+: spec\.crds\.oven\.operatorBox\.reconcile\.onReconcile\.deployments\[0\]\.when\[0\]\.operator: operator gte needs a value: give value:/);
  });

  it('asks for rules when admission.validation has neither rules nor include', () => {
    const text = current.replace(/ {8}validation:\n {10}rules:\n.*\n/, '        validation: {}\n');
    expect(problems(text)).to.deep.equal(['10:9: spec.crds.oven.admission.validation: give rules: (or include: a file of rules)']);
  });

  it('keeps Motif imports and include paths in the model (the loader composes them; resolver/compose/)', () => {
    const text = current.replace('          workers: 3\n', '          workers: 3\n          imports:\n            - {motif: ./motifs/oven.yaml, with: {size: large}}\n').replace('            fields:\n', '            include: ./status.yaml\n            fields:\n');
    const { document, issues } = parseKatalog(text, 'k.yaml');
    expect(document!.spec.crds.oven!.imports).to.deep.equal([{ motif: './motifs/oven.yaml', with: { size: 'large' } }]);
    expect(document!.spec.crds.oven!.operatorBox!.status).to.have.property('include', './status.yaml');
    expect(issues.map((i) => `${i.severity}: ${i.path}`)).to.deep.equal([]);
  });
});
