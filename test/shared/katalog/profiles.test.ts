// Katalog profiles named by resources.profile and reconciler.profile expand into the model; an
// undeclared name is refused (resources) or warned about (reconciler); the per-child runtime keys
// sleep and forceConflict load with a warning when they ask for what the runtime does not do.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const doc = (profiles: string, box: string, top = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: mill
${top}${profiles}spec:
  crds:
    wheel:
      apiTypes: {group: mill.example.org, version: v1, kind: Wheel, plural: wheels}
      operatorBox:
${box}`;

const PROFILES = `profiles:
  resources:
    - {name: lean, requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 64Mi}}
  reconciler:
    - {name: calm, workers: 1, resync: 5m}
`;

const lines = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.severity ?? 'error'} ${i.line}: ${i.path}: ${i.message}`);

describe('shared/katalog profiles', () => {
  it('expands resources.profile into requests/limits, the child\'s own keys winning', () => {
    const { document, issues } = parseKatalog(doc(PROFILES, `        onCreate:
          deployments:
            - {image: x, resources: {profile: lean}}
            - {image: y, resources: {profile: lean, limits: {memory: 128Mi, cpu: "1"}}}
`), 'k.yaml');
    expect(issues).to.deep.equal([]);
    const [a, b] = document!.spec.crds.wheel!.operatorBox!.onCreate!.deployments!;
    expect(a!.resources).to.deep.equal({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } });
    expect(b!.resources).to.deep.equal({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi', cpu: '1' } });
  });

  it('fills reconciler settings from reconciler.profile (either layout), given settings winning', () => {
    for (const key of ['reconciler', 'reconcile']) {
      const { document, issues } = parseKatalog(doc(PROFILES, `        ${key}: {profile: calm, workers: 3}\n`), 'k.yaml');
      expect(issues, key).to.deep.equal([]);
      expect(document!.spec.crds.wheel!.operatorBox!.reconciler, key).to.deep.equal({ workers: 3, resync: '5m' });
    }
  });

  it('refuses a resource profile that is not declared, naming the declared ones', () => {
    expect(lines(doc(PROFILES, '        onCreate:\n          deployments:\n            - {image: x, resources: {profile: small}}\n'))).to.deep.equal([
      'error 17: spec.crds.wheel.operatorBox.onCreate.deployments[0].resources.profile: resource profile "small" is not in profiles.resources (declared: lean); upstream\'s built-in profiles (tiny, small, …) are not known here yet: declare it under profiles.resources or give requests: and limits:',
    ]);
    expect(lines(doc('', '        onCreate:\n          deployments:\n            - {image: x, resources: {profile: lean}}\n'))[0]).to.contain('(none declared)');
  });

  it('warns for a reconciler profile that is not declared, and leaves Motif-provided names to the resolver', () => {
    expect(lines(doc(PROFILES, '        reconciler: {profile: high-throughput}\n'))).to.deep.equal([
      'warning 15: spec.crds.wheel.operatorBox.reconciler.profile: reconciler profile "high-throughput" is not in profiles.reconciler (declared: calm); upstream\'s built-in profiles are not known here yet, so the runtime\'s default workers and resync apply',
    ]);
    const withImports = doc(PROFILES, '        reconcile:\n          profile: shared\n          imports: [{motif: ./m.motif.yaml}]\n');
    expect(lines(withImports).filter((l) => l.includes('profile'))).to.deep.equal([]);
  });

  it('keeps sleep and forceConflict on a child, warning for sleep and for forceConflict: false only', () => {
    const { document, issues } = parseKatalog(doc('', `        onCreate:
          configMaps:
            - {name: a, sleep: 2s, forceConflict: true}
            - {name: b, forceConflict: false}
`), 'k.yaml');
    expect(document!.spec.crds.wheel!.operatorBox!.onCreate!.configMaps![0]).to.include({ sleep: '2s', forceConflict: true });
    expect(issues.map((i) => `${i.severity} ${i.path}`)).to.deep.equal([
      'warning spec.crds.wheel.operatorBox.onCreate.configMaps[0].sleep',
      'warning spec.crds.wheel.operatorBox.onCreate.configMaps[1].forceConflict',
    ]);
  });
});
