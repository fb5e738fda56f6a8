import { expect } from 'chai';
import { apiTypesOfCrd, validateCrdManifest } from '../../../shared/katalog/index.js';

function crd(overrides: (c: any) => void = () => {}): any {
  const c: any = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', kind: 'Widget' },
      scope: 'Cluster',
      versions: [
        { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
        {
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { 'x-kubernetes-int-or-string': true }, tags: { type: 'array', items: { type: 'string' } } } } } } },
        },
      ],
    },
  };
  overrides(c);
  return c;
}

const where = { file: 'crd.yaml', path: 'spec.crds.widget.crd', line: 7, col: 5 };

describe('shared/katalog validateCrdManifest', () => {
  it('accepts a structural v1 CRD', () => {
    expect(validateCrdManifest(crd(), where)).to.deep.equal([]);
  });

  const cases: Array<[string, (c: any) => void, string, string]> = [
    ['not v1', (c) => (c.apiVersion = 'apiextensions.k8s.io/v1beta1'), 'spec.crds.widget.crd.apiVersion', 'must be "apiextensions.k8s.io/v1"'],
    ['not a CRD', (c) => (c.kind = 'ConfigMap'), 'spec.crds.widget.crd.kind', 'must be "CustomResourceDefinition"'],
    ['name is not plural.group', (c) => (c.metadata.name = 'widget'), 'spec.crds.widget.crd.metadata.name', 'must be "widgets.example.com"'],
    ['bad scope', (c) => (c.spec.scope = 'Global'), 'spec.crds.widget.crd.spec.scope', 'must be one of: Namespaced, Cluster'],
    ['no versions', (c) => (c.spec.versions = []), 'spec.crds.widget.crd.spec.versions', 'non-empty list'],
    ['two storage versions', (c) => (c.spec.versions[0].storage = true), 'spec.crds.widget.crd.spec.versions', 'exactly one version must have storage: true (found 2)'],
    ['version without schema', (c) => delete c.spec.versions[1].schema, 'spec.crds.widget.crd.spec.versions[1]', 'missing schema.openAPIV3Schema'],
    ['root not an object', (c) => (c.spec.versions[1].schema.openAPIV3Schema.type = 'string'), 'spec.crds.widget.crd.spec.versions[1].schema.openAPIV3Schema.type', 'root of a structural schema must have type: object'],
    ['untyped property', (c) => delete c.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.tags.items.type, 'spec.crds.widget.crd.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.tags.items', 'not structural'],
    ['unknown type', (c) => (c.spec.versions[1].schema.openAPIV3Schema.properties.spec.type = 'map'), 'spec.crds.widget.crd.spec.versions[1].schema.openAPIV3Schema.properties.spec.type', 'expected one of: object, array'],
  ];
  for (const [name, change, path, message] of cases) {
    it(name, () => {
      const issues = validateCrdManifest(crd(change), where);
      const issue = issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(issues)).to.not.equal(undefined);
      expect(issue!.message).to.contain(message);
      expect([issue!.file, issue!.line, issue!.col]).to.deep.equal(['crd.yaml', 7, 5]);
    });
  }

  it('rejects what is not a mapping', () => {
    expect(validateCrdManifest('nope', { file: 'f', path: '' })[0]!.message).to.contain('expected a CustomResourceDefinition');
  });

  it('reads the API types from the storage version', () => {
    expect(apiTypesOfCrd(crd())).to.deep.equal({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', scope: 'Cluster' });
    expect(apiTypesOfCrd({ spec: {} })).to.equal(undefined);
  });
});
