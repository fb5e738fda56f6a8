// A CRD entry naming a Kubernetes built-in kind: `kind` alone is enough (group, version, plural and
// a cluster scope come from the table, as upstream fills them from discovery); a built-in group
// without a dot is accepted for its own kinds only; other kinds still need kind, group and version.
import { expect } from 'chai';
import { builtinKind, enrichBuiltinApiTypes } from '../../../shared/katalog/builtin-kinds.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const doc = (apiTypes: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: mill
spec:
  crds:
    watched:
      apiTypes: ${apiTypes}
      labelSelector: {team: a}
`;

const parse = (apiTypes: string) => parseKatalog(doc(apiTypes), 'k.yaml');
const messages = (apiTypes: string) => parse(apiTypes).issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`);

describe('shared/katalog built-in kinds', () => {
  it('fills group, version, plural (and Cluster scope) for a built-in kind given by kind alone', () => {
    const cases: [string, unknown][] = [
      ['{kind: Deployment}', { kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments' }],
      ['{kind: Pod}', { kind: 'Pod', group: '', version: 'v1', plural: 'pods' }],
      ['{kind: Namespace}', { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', scope: 'Cluster' }],
      ['{kind: Ingress}', { kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses' }],
      ['{kind: CronJob, version: v1beta1}', { kind: 'CronJob', version: 'v1beta1', group: 'batch', plural: 'cronjobs' }],
    ];
    for (const [apiTypes, want] of cases) {
      const { document, issues } = parse(apiTypes);
      expect(issues, apiTypes).to.deep.equal([]);
      expect(document!.spec.crds.watched!.apiTypes, apiTypes).to.deep.equal(want);
    }
  });

  it('accepts a built-in group without a dot given in full, for that group\'s own kinds only', () => {
    expect(messages('{group: apps, version: v1, kind: StatefulSet, plural: statefulsets}')).to.deep.equal([]);
    expect(messages('{group: "", version: v1, kind: ConfigMap, plural: configmaps}')).to.deep.equal([]);
    expect(messages('{group: apps, version: v1, kind: Website, plural: websites}')).to.deep.equal([
      '8:25 spec.crds.watched.apiTypes.group: "apps" is not a valid API group: use a lower-case DNS name with at least one dot, e.g. example.com',
    ]);
  });

  it('leaves a custom kind, or a built-in kind name in another group, needing group and version (plural: default-plural.test.ts)', () => {
    expect(messages('{kind: Website}')).to.deep.equal([
      '8:7 spec.crds.watched.apiTypes: plural is left out, so "watcheds" is used (the entry\'s name plus "s", as the Go runtime fills it); write plural: with the CRD\'s own plural if that is not it',
      '8:7 spec.crds.watched.apiTypes: missing required key "group"',
      '8:7 spec.crds.watched.apiTypes: missing required key "version"',
    ]);
    expect(messages('{group: example.com, kind: Deployment}')).to.have.length(2);
    expect(builtinKind('Deployment', 'example.com')).to.equal(undefined);
    expect(builtinKind('deployment')).to.equal(undefined);
  });

  it('returns the very document when nothing is filled, and never changes its input', () => {
    const plain = { spec: { crds: { a: { apiTypes: { group: 'x.io', version: 'v1', kind: 'A', plural: 'as' } } } } };
    expect(enrichBuiltinApiTypes(plain)).to.equal(plain);
    const input = { spec: { crds: { a: { apiTypes: { kind: 'Job' } } } } };
    const out = enrichBuiltinApiTypes(input) as typeof input;
    expect(input.spec.crds.a.apiTypes).to.deep.equal({ kind: 'Job' });
    expect(out.spec.crds.a.apiTypes).to.deep.equal({ kind: 'Job', group: 'batch', version: 'v1', plural: 'jobs' });
    expect(enrichBuiltinApiTypes('text')).to.equal('text');
  });
});
