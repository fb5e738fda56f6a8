// Upstream's own child field forms (labels as [{key, value}], env as a mapping, envFrom naming by a
// plain string) load as the Kubernetes shapes; a custom child's free-form spec is never rewritten,
// and a shape that is neither form is still reported where it was written.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const doc = (child: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: yard
spec:
  crds:
    crane:
      apiTypes: {group: yard.example.org, version: v1, kind: Crane, plural: cranes}
      operatorBox:
        onCreate:
${child}`;

const load = (text: string) => parseKatalog(text, 'k.yaml');
const firstChild = (text: string, list: string) => {
  const box = load(text).document!.spec.crds.crane!.operatorBox as unknown as Record<string, Record<string, unknown[]>>;
  return box.onCreate![list]![0] as Record<string, unknown>;
};

describe('shared/katalog upstream child field forms', () => {
  it('reads labels written as [{key, value}] as a mapping', () => {
    const child = firstChild(doc('          deployments:\n            - image: a\n              labels:\n                - {key: tier, value: "{{ .spec.tier }}"}\n                - {key: team, value: cargo}\n'), 'deployments');
    expect(child.labels).to.deep.equal({ tier: '{{ .spec.tier }}', team: 'cargo' });
  });

  it('reads env written as a mapping as the Kubernetes list, sources under valueFrom', () => {
    const child = firstChild(doc('          deployments:\n            - image: a\n              env:\n                MODE: {value: fast}\n                KEY: {secretKeyRef: {name: s, key: k}}\n                CFG: {configMapKeyRef: {name: c, key: k}}\n'), 'deployments');
    expect(child.env).to.deep.equal([
      { name: 'MODE', value: 'fast' },
      { name: 'KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
    ]);
  });

  it('reads an envFrom item naming its ConfigMap or Secret by a string as {name}', () => {
    const child = firstChild(doc('          deployments:\n            - image: a\n              envFrom:\n                - configMapRef: settings\n                - secretRef: "{{ .metadata.name }}-keys"\n'), 'deployments');
    expect(child.envFrom).to.deep.equal([{ configMapRef: { name: 'settings' } }, { secretRef: { name: '{{ .metadata.name }}-keys' } }]);
  });

  it('reads anyOf (the Go structs\' name) as or', () => {
    const child = firstChild(doc('          jobs:\n            - image: a\n              anyOf:\n                - {field: status.phase, equals: Failed}\n'), 'jobs');
    expect(child.or).to.deep.equal([{ field: 'status.phase', equals: 'Failed' }]);
    expect(child.anyOf).to.equal(undefined);
  });

  it('leaves a custom child\'s spec as written', () => {
    const text = doc('          custom:\n            - apiVersion: yard.example.org/v1\n              kind: Hook\n              metadata: {name: h, namespaced: true}\n              spec:\n                labels: [{key: a, value: b}]\n');
    const child = firstChild(text, 'custom');
    expect(child.spec).to.deep.equal({ labels: [{ key: 'a', value: 'b' }] });
  });

  it('reports an env mapping that is neither form at its own line', () => {
    const issues = load(doc('          deployments:\n            - image: a\n              env:\n                MODE: fast\n')).issues;
    expect(issues.map((i) => `${i.line}:${i.col}: ${i.path}`)).to.deep.equal(['14:17: spec.crds.crane.operatorBox.onCreate.deployments[0].env']);
  });

  it('gives a validation rule without a message one naming the field and the check', () => {
    const text = doc('          configMaps: [{name: x}]\n').replace('      operatorBox:', '      validation:\n        rules:\n          - {field: spec.size, operator: exists, action: deny}\n      operatorBox:');
    const rules = load(text).document!.spec.crds.crane!.validation!.rules as unknown as Array<Record<string, unknown>>;
    expect(rules[0]!.message).to.equal('spec.size failed the exists check');
  });
});
