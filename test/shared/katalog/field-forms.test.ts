// The Go runtime's other forms of fields load into the one model: dependsOn as a list or with
// {condition}, operator spellings, comma-separated in:, mutateFirst, upstream's custom shape,
// phase-block settings, and the runtime keys kept with a warning.
import { expect } from 'chai';
import { parseKatalog, type CrdEntry } from '../../../shared/katalog/index.js';

const head = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: garden
spec:
  crds:
    bed:
      apiTypes: {group: garden.example.org, version: v1, kind: Bed, plural: beds}
`;
const other = '    shed:\n      apiTypes: {group: garden.example.org, version: v1, kind: Shed, plural: sheds}\n';

function load(entry: string, extra = ''): { entry: CrdEntry; warnings: string[] } {
  const { document, issues } = parseKatalog(`${head}${entry}${extra}`, 'k.yaml');
  const errors = issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
  expect(errors, 'errors').to.deep.equal([]);
  return { entry: document!.spec.crds.bed!, warnings: issues.filter((i) => i.severity === 'warning').map((i) => `${i.line}: ${i.path}`) };
}

const problems = (entry: string, extra = '') => parseKatalog(`${head}${entry}${extra}`, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog field forms of the Go runtime', () => {
  const dependsOn: Array<[string, string, Record<string, string>]> = [
    ['a list (condition started)', '      dependsOn: [shed]\n', { shed: 'started' }],
    ['a mapping to a state', '      dependsOn: {shed: healthy}\n', { shed: 'healthy' }],
    ['a mapping to {condition}', '      dependsOn:\n        shed:\n          condition: healthy\n', { shed: 'healthy' }],
  ];
  for (const [name, text, expected] of dependsOn) {
    it(`reads dependsOn as ${name}`, () => {
      expect(load(text, other).entry.dependsOn).to.deep.equal(expected);
    });
  }

  it('warns at a dependsOn list item that is no CRD of the Katalog, and loads it (a Komposer may import the one declaring it)', () => {
    const parsed = parseKatalog(`${head}      dependsOn: [shed, barn]\n${other}`, 'k.yaml');
    expect(parsed.document, 'loads').to.not.equal(undefined);
    expect(parsed.issues.map((i) => `${i.severity}: ${i.line}:${i.col}: ${i.path}: ${i.message}`)).to.deep.equal([
      'warning: 9:25: spec.crds.bed.dependsOn[1]: depends on "barn", which is not a CRD of this Katalog (known: bed, shed); alone, its workers wait for it (Ready=False WaitingForDependency): import this Katalog through a Komposer with the one declaring "barn"',
    ]);
  });

  it('refuses a dependsOn condition that is neither started nor healthy', () => {
    const found = problems('      dependsOn:\n        shed: {condition: ready}\n', other);
    expect(found).to.have.length(1);
    expect(found[0]).to.equal('10:27: spec.crds.bed.dependsOn.shed.condition: must be one of: started, healthy (got "ready")');
  });

  it('rewrites the operator spellings to the model\'s (greaterThan → gt, notContains → contains + negate, min → gte)', () => {
    const { entry } = load(`      operatorBox:
        onCreate:
          configMaps:
            - name: a
              when:
                - {field: spec.size, greaterThan: "3"}
                - {field: spec.name, notContains: tmp}
                - {field: spec.size, min: 1}
                - {field: spec.name, operator: notPrefix, value: x}
`);
    expect(entry.operatorBox!.onCreate!.configMaps![0]!.when).to.deep.equal([
      { field: 'spec.size', gt: '3' },
      { field: 'spec.name', contains: 'tmp', negate: true },
      { field: 'spec.size', gte: 1 },
      { field: 'spec.name', prefix: 'x', negate: true },
    ]);
  });

  it('splits in: given as upstream\'s comma-separated string, keeping an empty item', () => {
    const { entry } = load('      validation:\n        rules:\n          - {field: status.phase, operator: in, value: "Pending,", message: m}\n          - {field: spec.tier, in: "gold, silver", message: m}\n');
    expect(entry.validation!.rules.map((r) => r.value ?? r.in)).to.deep.equal([['Pending', ''], ['gold', 'silver']]);
  });

  it('accepts mutateFirst, warning only when it asks to validate first', () => {
    expect(load('      mutation:\n        mutateFirst: true\n        rules: [{field: spec.a, default: x}]\n').warnings).to.deep.equal([]);
    expect(load('      mutation:\n        mutateFirst: false\n        rules: [{field: spec.a, default: x}]\n').warnings).to.deep.equal(['10: spec.crds.bed.mutation.mutateFirst']);
  });

  it('reads upstream\'s custom shape: metadata{name, namespace, labels}, status and hasStatus', () => {
    const { entry, warnings } = load(`      operatorBox:
        onCreate:
          custom:
            - apiVersion: cert-manager.io/v1
              kind: Certificate
              metadata:
                name: "{{ .metadata.name }}-tls"
                namespace: certs
                labels: {app: garden}
              spec: {secretName: tls}
              hasStatus: false
              status: {ready: "false"}
`);
    expect(entry.operatorBox!.onCreate!.custom![0]).to.deep.equal({
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: '{{ .metadata.name }}-tls', namespace: 'certs', labels: { app: 'garden' },
      spec: { secretName: 'tls' }, hasStatus: false, status: { ready: 'false' },
    });
    expect(warnings, 'the initial status is written by the controller now').to.deep.equal([]);
  });

  it('refuses a custom child that gives its name both ways', () => {
    const found = problems('      operatorBox:\n        onCreate:\n          custom:\n            - {apiVersion: v1, kind: ConfigMap, name: a, metadata: {name: b}}\n');
    expect(found).to.deep.equal(['12:49: spec.crds.bed.operatorBox.onCreate.custom[0].name: also given as metadata.name; write it once']);
  });

  it('reads onDelete with ordered groups and a timeout, and folds a block when: into each child', () => {
    const { entry, warnings } = load(`      operatorBox:
        onDelete:
          ordered: true
          timeout: 2m
          groups:
            - name: workers
              deployments: [{name: "{{ .metadata.name }}-worker", image: busybox}]
          when:
            - {field: spec.cleanup, equals: "true"}
          jobs:
            - name: "{{ .metadata.name }}-drain"
              image: busybox
`);
    const box = entry.operatorBox!;
    expect(box.phaseSettings!.onDelete).to.deep.equal({ ordered: true, timeout: '2m', groups: [{ name: 'workers', deployments: [{ name: '{{ .metadata.name }}-worker', image: 'busybox' }] }] });
    expect(box.onDelete!.jobs![0]!.when).to.deep.equal([{ field: 'spec.cleanup', equals: 'true' }]);
    expect(Object.keys(box.onDelete!)).to.deep.equal(['jobs']);
    // The runtime acts on them (ordered deletion): no warning.
    expect(warnings).to.deep.equal([]);
  });

  it('refuses a block or: together with a child\'s own or:', () => {
    const found = problems('      operatorBox:\n        onCreate:\n          or: [{field: spec.a, exists: true}]\n          configMaps:\n            - {name: a, or: [{field: spec.b, exists: true}]}\n');
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('spec.crds.bed.operatorBox.onCreate.configMaps[0].or: the block\'s or: and this child\'s or: cannot both apply');
  });

  const kept: Array<[string, string, string[]]> = [
    ['watch', '      operatorBox:\n        watch:\n          - {apiVersion: apps/v1, kind: Deployment, on: [update]}\n', []],
    ['observe.watch', '      operatorBox:\n        observe:\n          watch:\n            - {apiVersion: v1, kind: Node}\n', []],
    ['observe.events', '      operatorBox:\n        observe:\n          events:\n            dbReady: {reason: DatabaseReady}\n', []],
    ['preReconcile gates', '      operatorBox:\n        preReconcile:\n          sentinels: [generationChanged]\n          reconcileGate:\n            when: [{field: spec.enabled, equals: "true"}]\n', []],
    ['cross', '      operatorBox:\n        cross:\n          - {crd: shed, as: shed}\n', []],
    ['autoscale under runtime', '      operatorBox:\n        runtime:\n          autoscale: {do: {workers: 8}}\n', []],
    ['autoscale profile', '      operatorBox:\n        autoscale: {profile: burst}\n', []],
  ];
  for (const [name, text, expected] of kept) {
    it(`keeps ${name} in the model${expected.length > 0 ? ' with a warning (not acted on yet)' : ' without a warning (acted on)'}`, () => {
      const { entry, warnings } = load(text);
      expect(warnings).to.deep.equal(expected);
      const key = name.split(/[ .]/)[0] === 'autoscale' ? 'autoscale' : name.split(/[ .]/)[0]!;
      expect(entry.operatorBox).to.have.property(key);
    });
  }

  it('moves operatorBox.finalizers to the entry, keeping the entry\'s own first', () => {
    const { entry } = load('      finalizers: [garden.example.org/a]\n      operatorBox:\n        finalizers: [garden.example.org/b, garden.example.org/a]\n');
    expect(entry.finalizers).to.deep.equal(['garden.example.org/a', 'garden.example.org/b']);
    expect(entry.operatorBox).to.equal(undefined);
  });
});

describe('shared/katalog the model is itself a valid document', () => {
  // The resolver re-checks a Komposer's merged model with the same parser; every form the loader
  // writes must pass it and load into the same model again.
  const documents = [
    `${head}      dependsOn: [shed]\n      admission:\n        validation:\n          rules: [{field: spec.a, operator: in, value: "x,y", message: m}]\n        mutation:\n          mutateFirst: true\n          rules: [{field: spec.b, default: z}]\n      operatorBox:\n        reconcile:\n          workers: 2\n          imports: [{motif: ./m.yaml}]\n          onDelete:\n            ordered: true\n            timeout: 1m\n            groups: [{jobs: [{image: busybox}]}]\n            when: [{field: spec.c, greaterThan: 1}]\n            jobs: [{image: busybox}]\n          onCreate:\n            custom:\n              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, hasStatus: false}\n        emit:\n          status: {fields: [{path: phase, value: Ready}]}\n${other}`,
    'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: k\nsources:\n  registry: [oci://ghcr.io/example/p@v1]\n',
  ];
  for (const [i, text] of documents.entries()) {
    it(`document ${i + 1} round-trips through the loader`, () => {
      const first = parseKatalog(text, 'k.yaml');
      expect(first.issues.filter((x) => x.severity !== 'warning')).to.deep.equal([]);
      const again = parseKatalog(JSON.stringify(first.document), 'model.json');
      expect(again.issues.filter((x) => x.severity !== 'warning').map((x) => `${x.path}: ${x.message}`)).to.deep.equal([]);
      expect(again.document).to.deep.equal(first.document);
    });
  }
});
