import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseKatalog, parseYaml, resolveCrds } from '../../../shared/katalog/index.js';
import { compareVersionPriority, foldVersionGroups } from '../../../shared/katalog/version-groups.js';
import type { KatalogDocument } from '../../../shared/katalog/types.js';

const HEAD = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: k}
spec:
  crds:
`;
const entry = (name: string, version: string, extra = '', plural = 'sites') =>
  `    ${name}:\n      apiTypes: {group: web.example.org, version: ${version}, kind: Site, plural: ${plural}}\n${extra}`;
const box = (value: string) => `      operatorBox:\n        onCreate:\n          configMaps: [{name: "{{ .metadata.name }}", data: {a: "${value}"}}]\n`;

function parse(text: string) {
  const parsed = parseKatalog(text, 'k.yaml');
  return { document: parsed.document, errors: parsed.issues.filter((i) => i.severity !== 'warning'), warnings: parsed.issues.filter((i) => i.severity === 'warning') };
}

describe('several entries for one kind at different versions', () => {
  it('fold into the storage entry: one kind, every version served, the operatorBox kept once', () => {
    const { document, errors } = parse(HEAD + entry('site-v1alpha1', 'v1alpha1', box('x')) + entry('site-v1', 'v1', box('x')));
    expect(errors).to.deep.equal([]);
    expect(Object.keys(document!.spec.crds)).to.deep.equal(['site-v1']);
    expect(document!.spec.crds['site-v1']!.apiTypes).to.deep.equal({ group: 'web.example.org', version: 'v1', kind: 'Site', plural: 'sites', versions: ['v1', 'v1alpha1'] });
    expect(document!.spec.crds['site-v1']!.operatorBox?.onCreate?.configMaps).to.have.length(1);
  });

  it('take the storage version from conversion.storageVersion, on whichever entry declares it', () => {
    const conversion = '      conversion: {storageVersion: v1beta1, paths: []}\n';
    const { document, errors } = parse(HEAD + entry('a', 'v1', box('x')) + entry('b', 'v1beta1', conversion));
    expect(errors).to.deep.equal([]);
    expect(Object.keys(document!.spec.crds)).to.deep.equal(['b']);
    const folded = document!.spec.crds.b!;
    expect(folded.apiTypes).to.include({ version: 'v1beta1' });
    expect(folded.apiTypes!.versions).to.deep.equal(['v1beta1', 'v1']);
    // The operatorBox declared only on the other entry is the kind's.
    expect(folded.operatorBox?.onCreate?.configMaps).to.have.length(1);
    expect(folded.conversion).to.deep.equal({ storageVersion: 'v1beta1', paths: [] });
  });

  it('without a declared storage version, store the highest by Kubernetes version priority', () => {
    expect(['v1alpha1', 'v2beta1', 'v1', 'v1beta2', 'v10', 'foo'].sort(compareVersionPriority)).to.deep.equal(['v10', 'v1', 'v2beta1', 'v1beta2', 'v1alpha1', 'foo']);
    const { document } = parse(HEAD + entry('a', 'v1beta1', box('x')) + entry('b', 'v1alpha1') + entry('c', 'v1beta2'));
    expect(Object.keys(document!.spec.crds)).to.deep.equal(['c']);
    expect(document!.spec.crds.c!.apiTypes!.versions).to.deep.equal(['v1beta2', 'v1beta1', 'v1alpha1']);
  });

  it('point dependsOn at a folded entry to the entry that reconciles the kind', () => {
    const other = `    db:\n      apiTypes: {group: web.example.org, version: v1, kind: Db, plural: dbs}\n      dependsOn: [site-v1alpha1]\n`;
    const { document, errors } = parse(HEAD + entry('site-v1alpha1', 'v1alpha1') + entry('site-v1', 'v1') + other);
    expect(errors).to.deep.equal([]);
    expect(document!.spec.crds.db!.dependsOn).to.deep.equal({ 'site-v1': 'started' });
  });

  it('refuse two different operatorBoxes in one line, at the entry that is not the storage version\'s', () => {
    const { document, errors } = parse(HEAD + entry('site-v1alpha1', 'v1alpha1', box('x')) + entry('site-v1', 'v1', box('y')));
    expect(document).to.equal(undefined);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ path: 'spec.crds.site-v1alpha1.operatorBox', line: 8 });
    expect(errors[0]!.message).to.contain('differs from spec.crds.site-v1.operatorBox: one controller reconciles every Site, read at the storage version v1');
  });

  it('warn, not refuse, when only the reconciler tuning differs', () => {
    const tuned = (w: number) => `      operatorBox:\n        reconciler: {workers: ${w}}\n`;
    const { document, errors, warnings } = parse(HEAD + entry('a', 'v1alpha1', tuned(7)) + entry('b', 'v1', tuned(2)));
    expect(errors).to.deep.equal([]);
    expect(document!.spec.crds.b!.operatorBox?.reconciler?.workers).to.equal(2);
    expect(warnings.map((w) => w.message)).to.include('workers here is not used: the storage version\'s entry b runs the one controller of this kind (its workers: 2)');
  });

  it('refuse the same version twice, different plurals, different scopes, and two storage versions', () => {
    const cases: Array<[string, string]> = [
      [entry('a', 'v1') + entry('b', 'v1'), 'CRDs "a" and "b" both declare web.example.org/v1, Kind=Site; give each version of a kind one entry'],
      [entry('a', 'v1alpha1') + entry('b', 'v1', '', 'sitez'), 'CRDs "a" and "b" give Site the plurals sites and sitez; the versions of Site (v1alpha1 and v1) are one CRD, which has one plural'],
      [entry('a', 'v1alpha1') + entry('b', 'v1', '      namespaced: false\n'), 'CRDs "a" and "b" make Site Namespaced and Cluster; the versions of Site (v1alpha1 and v1) are one CRD, which has one scope'],
      [entry('a', 'v1alpha1', '      conversion: {storageVersion: v1alpha1}\n') + entry('b', 'v1', '      conversion: {storageVersion: v1}\n'), 'says the storage version of Site is v1, but spec.crds.a.conversion.storageVersion says v1alpha1'],
      [entry('a', 'v1alpha1', '      conversion: {storageVersion: v2}\n') + entry('b', 'v1'), 'storageVersion v2 is not a version any entry of Site declares (v1alpha1, v1)'],
    ];
    for (const [text, message] of cases) {
      const { errors } = parse(HEAD + text);
      expect(errors.map((e) => e.message).join('\n'), message).to.contain(message);
      expect(errors, message).to.have.length(1);
    }
  });

  it('leave a disabled entry of the kind alone, and fold the result again to the same document', () => {
    const { document } = parse(HEAD + entry('a', 'v1alpha1') + entry('b', 'v1') + entry('c', 'v2', '      enabled: false\n'));
    expect(Object.keys(document!.spec.crds)).to.deep.equal(['b', 'c']);
    const again = foldVersionGroups(document as KatalogDocument);
    expect(again.problems).to.deep.equal([]);
    expect(again.document).to.deep.equal(document);
    // The folded document is a valid Katalog itself (what a bundle carries and the resolver re-checks).
    expect(parse(JSON.stringify(document)).errors).to.deep.equal([]);
  });

  it('check apiTypes.versions written by hand', () => {
    const written = `    a:\n      apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites, versions: [v1alpha1, V2, v1alpha1]}\n`;
    const messages = parse(HEAD + written).errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).to.have.length(3);
    expect(messages[0]).to.contain('must list apiTypes.version (v1)');
    expect(messages[1]).to.contain('spec.crds.a.apiTypes.versions[1]: "V2" is not a valid API version');
    expect(messages[2]).to.contain('v1alpha1 is listed twice');
  });

  it('fold an entry whose version comes from its crdFile with the entries naming the other versions', () => {
    const crdText = readFileSync(fileURLToPath(new URL('../../../../test/fixtures/multi-version/gallery-crd.yaml', import.meta.url)), 'utf8');
    const text = `${HEAD}    gallery-v1beta1:\n      apiTypes: {group: webhook.orkspace.test, version: v1beta1, kind: Gallery, plural: galleries}\n    gallery-v1:\n      crdFile: ./gallery-crd.yaml\n${box('x')}`;
    const parsed = parseKatalog(text, 'k.yaml');
    expect(Object.keys(parsed.document!.spec.crds)).to.have.length(2);
    const { crds, issues } = resolveCrds(parsed.document!, new Map([['./gallery-crd.yaml', parseYaml(crdText, 'c.yaml').documents[0]!.value]]));
    expect(issues).to.deep.equal([]);
    expect(crds.map((c) => [c.name, c.apiTypes.version, c.apiTypes.versions, c.crd !== undefined, c.entry.operatorBox !== undefined])).to.deep.equal([['gallery-v1', 'v1', ['v1', 'v1beta1'], true, true]]);
  });
});
