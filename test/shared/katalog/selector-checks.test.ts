// `ork validate` checks selectors as the API server parses them: an entry's labelSelector keys and
// values, its fieldSelector paths — on a custom resource only metadata.name, metadata.namespace
// and the CRD's selectableFields, refused in one line naming the path — and a watch's label
// selector text. The parser itself is compared with the real API server in
// test/shared/katalog/label-selector.test.ts.
import { expect } from 'chai';
import { parseKatalog, resolveCrds } from '../../../shared/katalog/index.js';
import { crFieldSelectorProblems, selectableFieldsOf } from '../../../shared/katalog/cr-field-selector.js';

const katalog = (entry: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
spec:
  crds:
    store:
      apiTypes: {group: shop.example.org, version: v1, kind: Store, plural: stores}
${entry}`;

const errorsOf = (text: string) => {
  const parsed = parseKatalog(text, 'k.yaml');
  const issues = [...parsed.issues, ...(parsed.document ? resolveCrds(parsed.document, new Map(), { file: 'k.yaml', locate: parsed.locate! }).issues : [])];
  return issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
};

describe('shared/katalog selector checks', () => {
  it('loads selectors the API server accepts', () => {
    const entry = `      labelSelector: {tier: gold, example.com/team: web, empty: ""}
      fieldSelector: {metadata.namespace: shop, metadata.name: main}
      operatorBox:
        observe:
          watch:
            - {apiVersion: v1, kind: ConfigMap, labelSelector: "app in (web, api),!legacy,env!=dev,tier"}
            - {apiVersion: v1, kind: Secret, labelSelector: {app: web}}
`;
    expect(errorsOf(katalog(entry))).to.deep.equal([]);
  });

  it('refuses a field selector on a CR other than metadata.name/metadata.namespace, in one line at the path', () => {
    const errors = errorsOf(katalog('      fieldSelector: {metadata.namespace: shop, spec.color: red}\n'));
    expect(errors).to.deep.equal([
      '8:49: spec.crds.store.fieldSelector["spec.color"]: "spec.color" cannot select custom resources: the API server filters them by metadata.name and metadata.namespace only; label the CRs and use labelSelector, or list the field in the CRD\'s selectableFields (Kubernetes 1.31+)',
    ]);
  });

  it('accepts a path the CRD lists in selectableFields, and names them when refusing another', () => {
    const crd = { spec: { versions: [{ name: 'v1', selectableFields: [{ jsonPath: '.spec.color' }] }, { name: 'v2', selectableFields: [{ jsonPath: '.spec.size' }] }] } };
    expect(selectableFieldsOf(crd)).to.deep.equal(['spec.color', 'spec.size']);
    expect(crFieldSelectorProblems({ 'spec.color': 'red', 'metadata.name': 'a' }, crd)).to.deep.equal([]);
    expect(crFieldSelectorProblems({ 'status.phase': 'x' }, crd)[0]![1]).to.contain('metadata.name and metadata.namespace only, and the CRD\'s selectableFields (spec.color, spec.size);');
  });

  const refused: Array<[string, string, string]> = [
    ['a label key with a space', '      labelSelector: {"bad key": x}\n', '8:23: spec.crds.store.labelSelector["bad key"]: "bad key" is not a label key'],
    ['a label key with an upper-case prefix', '      labelSelector: {Example.com/team: x}\n', '8:23: spec.crds.store.labelSelector["Example.com/team"]: "Example.com/team" is not a label key: its prefix must be a DNS subdomain'],
    ['a label value starting with a dash', '      labelSelector: {tier: -gold}\n', '8:29: spec.crds.store.labelSelector.tier: "-gold" is not a label value'],
    ['a field path with a slash', '      fieldSelector: {metadata/name: x}\n', '8:23: spec.crds.store.fieldSelector["metadata/name"]: "metadata/name" is not a field path'],
    ['a watch selector with a set without parentheses', '      operatorBox:\n        watch:\n          - {apiVersion: v1, kind: ConfigMap, labelSelector: "app in web"}\n',
      '10:62: spec.crds.store.operatorBox.watch[0].labelSelector: the API server cannot parse this label selector: "app in web": not a requirement'],
    ['a watch selector with a trailing comma', '      operatorBox:\n        observe:\n          watch:\n            - {apiVersion: v1, kind: ConfigMap, labelSelector: "app=web,"}\n',
      '11:64: spec.crds.store.operatorBox.observe.watch[0].labelSelector: the API server cannot parse this label selector: "app=web,": an empty requirement (a comma too many?)'],
  ];
  for (const [what, entry, line] of refused) {
    it(`refuses ${what}`, () => {
      const errors = errorsOf(katalog(entry));
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(line);
    });
  }
});
