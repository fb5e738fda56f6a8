// Older document forms of upstream's examples (apiVersion orkestra.konductor.io/v1Alpha, spec.crds
// as a list, an entry-level reconciler: block, notes as a bare list) load into the same model as
// the current forms, each with one warning at the place written; what cannot be read as the older
// form still fails where it was written.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const older = `apiVersion: orkestra.konductor.io/v1Alpha
kind: Katalog
metadata:
  name: depot
spec:
  crds:
    - name: crate
      apiTypes: {group: depot.example.org, version: v1, kind: Crate, plural: crates}
      reconciler:
        default: true
        preReconcile:
          when: [{field: spec.ready, equals: "true"}]
          anyOf: [{field: spec.lane, equals: fast}]
        onCreate:
          configMaps:
            - name: "{{ label }}"
notes:
  - name: label
    expression: "{{ .metadata.name }}-crate"
`;

const current = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: depot
spec:
  crds:
    crate:
      apiTypes: {group: depot.example.org, version: v1, kind: Crate, plural: crates}
      operatorBox:
        reconciler: {default: true}
        preReconcile:
          reconcileGate:
            when: [{field: spec.ready, equals: "true"}]
            or: [{field: spec.lane, equals: fast}]
        onCreate:
          configMaps:
            - name: "{{ label }}"
notes:
  functions:
    - name: label
      expression: "{{ .metadata.name }}-crate"
`;

const lines = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.severity ?? 'error'} ${i.line}:${i.col}: ${i.path}`);

describe('shared/katalog older document forms', () => {
  it('load into the same model as the current forms', () => {
    const a = parseKatalog(older, 'k.yaml');
    const b = parseKatalog(current, 'k.yaml');
    expect(a.document, JSON.stringify(a.issues)).to.not.equal(undefined);
    expect(a.document).to.deep.equal(b.document);
  });

  it('say once each, as a warning at the place written, what to write instead', () => {
    expect(lines(older)).to.deep.equal([
      'warning 1:13: apiVersion',
      'warning 7:5: spec.crds',
      'warning 9:7: spec.crds.crate.reconciler',
      'warning 18:3: notes',
    ]);
    expect(lines(current)).to.deep.equal([]);
  });

  it('report a later problem inside the older form where it was written', () => {
    const text = older.replace('default: true', 'default: true\n        workerz: 2');
    expect(lines(text)).to.include('error 11:9: spec.crds.crate.operatorBox.workerz');
  });

  it('leave a list of entries that cannot be keyed by name as the error it is', () => {
    const twice = older.replace('notes:', '    - name: crate\n      apiTypes: {group: a.example.org, version: v1, kind: B, plural: bs}\nnotes:');
    for (const text of [older.replace('- name: crate', '- title: crate'), twice]) {
      const found = parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning');
      expect(found.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`)).to.deep.equal(['7:5: spec.crds: expected a mapping of entry name to entry (the older list form needs a distinct name: in every entry), got a list']);
    }
  });

  it('read an operatorBox.default as reconciler.default, and refuse false as needing Go code', () => {
    const text = current.replace('reconciler: {default: true}', 'default: true');
    expect(parseKatalog(text, 'k.yaml').document).to.deep.equal(parseKatalog(current, 'k.yaml').document);
    const refused = parseKatalog(current.replace('reconciler: {default: true}', 'default: false'), 'k.yaml').issues;
    expect(refused.map((i) => `${i.line}:${i.col}: ${i.message.slice(0, 52)}`)).to.deep.equal(['10:18: not supported: default: false needs a Go constructor']);
  });

  it('read metadata.deprecation as lifecycle.deprecation (warning at the key); and not over a lifecycle.deprecation already given', () => {
    const moved = current.replace('  name: depot\n', '  name: depot\n  deprecation:\n    message: use crate-v2\n    migratedTo: crate-v2:1.0.0\n');
    const placed = current.replace('spec:\n', 'lifecycle:\n  deprecation:\n    message: use crate-v2\n    migratedTo: crate-v2:1.0.0\nspec:\n');
    const a = parseKatalog(moved, 'k.yaml');
    expect(a.document, JSON.stringify(a.issues)).to.deep.equal(parseKatalog(placed, 'k.yaml').document);
    expect(a.issues.map((i) => `${i.severity} ${i.line}:${i.col}: ${i.path}: ${i.message.slice(0, 60)}`)).to.deep.equal([
      'warning 5:3: metadata.deprecation: metadata.deprecation is the older place of lifecycle.depreca',
    ]);
    const both = moved.replace('spec:\n', 'lifecycle:\n  deprecation: {message: kept}\nspec:\n');
    expect(lines(both)).to.include('error 5:3: metadata.deprecation');
  });

  it('read an entry-level queue {default, maxQueueDepth} as reconciler.queue {shared, maxDepth}; not over a queue already given', () => {
    const moved = current.replace('      operatorBox:\n', '      queue:\n        default: true\n        maxQueueDepth: 200\n      operatorBox:\n');
    const placed = current.replace('reconciler: {default: true}', 'reconciler: {default: true, queue: {shared: true, maxDepth: 200}}');
    const a = parseKatalog(moved, 'k.yaml');
    expect(a.document, JSON.stringify(a.issues)).to.deep.equal(parseKatalog(placed, 'k.yaml').document);
    expect(a.issues.filter((i) => i.path === 'spec.crds.crate.queue').map((i) => `${i.severity} ${i.line}:${i.col}: ${i.message.slice(0, 49)}`)).to.deep.equal([
      'warning 9:7: an entry-level queue: {default, maxQueueDepth} is',
    ]);
    const noBox = parseKatalog(`${current.split('      operatorBox:')[0]}      queue: {maxQueueDepth: 5}\n`, 'k.yaml');
    expect(noBox.document?.spec.crds.crate?.operatorBox?.reconciler?.queue, JSON.stringify(noBox.issues)).to.deep.equal({ maxDepth: 5 });
    const twice = moved.replace('reconciler: {default: true}', 'reconciler: {default: true, queue: {maxDepth: 9}}');
    expect(lines(twice)).to.include('error 9:7: spec.crds.crate.queue');
  });

  it('read an entry\'s validation: written as a bare list of rules as validation.rules; a list item that is no rule still fails where written', () => {
    const rule = '        - field: spec.size\n          operator: exists\n          action: deny\n';
    const bare = current.replace('      operatorBox:\n', `      validation:\n${rule}      operatorBox:\n`);
    const placed = current.replace('      operatorBox:\n', `      validation:\n        rules:\n${rule.replace(/^ {8}/gm, '          ')}      operatorBox:\n`);
    const a = parseKatalog(bare, 'k.yaml');
    expect(a.document, JSON.stringify(a.issues)).to.deep.equal(parseKatalog(placed, 'k.yaml').document);
    expect(a.issues.filter((i) => i.path === 'spec.crds.crate.validation').map((i) => `${i.severity} ${i.line}:${i.col}: ${i.message.slice(0, 44)}`)).to.deep.equal([
      'warning 10:9: a bare list of rules is the older form of va',
    ]);
    expect(lines(bare.replace('operator: exists', 'operator: nosuch'))).to.include('error 11:21: spec.crds.crate.validation.rules[0].operator');
  });

  it('read admission.validation: written as a bare list of rules the same way', () => {
    const rule = '          - field: spec.size\n            operator: exists\n            action: warn\n';
    const bare = current.replace('      operatorBox:\n', `      admission:\n        validation:\n${rule}      operatorBox:\n`);
    const placed = current.replace('      operatorBox:\n', `      admission:\n        validation:\n          rules:\n${rule.replace(/^ {10}/gm, '            ')}      operatorBox:\n`);
    const a = parseKatalog(bare, 'k.yaml');
    expect(a.document, JSON.stringify(a.issues)).to.deep.equal(parseKatalog(placed, 'k.yaml').document);
    expect(a.issues.filter((i) => i.path === 'spec.crds.crate.admission.validation').map((i) => `${i.severity} ${i.line}:${i.col}`)).to.deep.equal(['warning 11:11']);
  });

  it('leave documents that are not Katalogs or Komposers alone', () => {
    const crd = 'apiVersion: orkestra.konductor.io/v1Alpha\nkind: Motif\nmetadata: {name: m}\nspec:\n  crds:\n    - name: x\n';
    const issues = parseKatalog(crd, 'm.yaml').issues;
    expect(issues.some((i) => i.path === 'spec.crds' && i.severity === 'warning')).to.equal(false);
  });
});

describe('the oldest forms of upstream\'s multi-version Katalogs', () => {
  const oldest = `boxHolder: &box
  reconciler:
    onCreate:
      - name: "{{ .metadata.name }}"
        image: "{{ .spec.image }}"
        port: "{{ .spec.port }}"
typeHolder: &type {group: depot.example.org, kind: Crate, plural: crates}
apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: depot}
spec:
  crds:
    crate:
      <<: *box
      workers: 2
      queue: {default: true, degradeThreshold: 0.5, maxQueueDepth: 10}
      apiTypes:
        <<: *type
        version: v1
`;

  it('reads anchor-holding top-level keys, an entry-level merge key, a bare onCreate list and the oldest queue, one warning each', () => {
    const parsed = parseKatalog(oldest, 'k.yaml');
    expect(parsed.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const entry = parsed.document!.spec.crds.crate!;
    expect(entry.operatorBox?.onCreate?.deployments?.map((d) => d.name)).to.deep.equal(['{{ .metadata.name }}']);
    expect(entry.operatorBox?.reconciler).to.deep.include({ workers: 2, queue: { shared: true, maxDepth: 10 } });
    const warnings = parsed.issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`);
    expect(warnings).to.include.members([
      '1:1 boxHolder: this top-level key only holds a YAML anchor; read as part of anchors: (move it under anchors:)',
      '7:1 typeHolder: this top-level key only holds a YAML anchor; read as part of anchors: (move it under anchors:)',
      '2:3 spec.crds.crate.reconciler: an entry-level reconciler: block is the older name of operatorBox; read as operatorBox (write that)',
      '4:7 spec.crds.crate.operatorBox.onCreate: a bare list under onCreate is the oldest form; read as onCreate.deployments (write onCreate: {deployments: [...]})',
    ]);
    expect(warnings.some((w) => w.includes('spec.crds.crate.queue.degradeThreshold: degradeThreshold belongs to the oldest queue form'))).to.equal(true);
  });

  it('keeps a top-level key without an anchor an unknown key, and an onCreate list without images an error', () => {
    const parsed = parseKatalog(oldest.replace('boxHolder: &box', 'boxHolder: &box').replace('typeHolder: &type', 'typeHolder:').replace('<<: *type', 'group: depot.example.org\n        kind: Crate\n        plural: crates'), 'k.yaml');
    expect(parsed.issues.filter((i) => i.severity !== 'warning').map((i) => i.path)).to.deep.equal(['typeHolder']);
    const noImage = parseKatalog(oldest.replace('image: "{{ .spec.image }}"', 'tag: x'), 'k.yaml');
    expect(noImage.issues.filter((i) => i.severity !== 'warning').map((i) => i.message)).to.include('expected a mapping, got a list');
  });
});

describe('shared/katalog older forms: a Motif\'s bare notes list', () => {
  const motif = `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata:
  name: lore
notes:
  - name: tale
    expression: "{{ .metadata.name }}-tale"
`;
  it('is read as notes.functions with one warning at the list', () => {
    const got = parseKatalog(motif, 'motif.yaml');
    expect(got.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    expect(got.issues.map((i) => [i.path, i.line, i.message])).to.deep.equal([['notes', 6, 'a bare list of notes is the older form; read as notes.functions (write notes: {functions: [...]})']]);
  });
});
