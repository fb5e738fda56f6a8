// Katalog profiles named by children (resources, probes, hpa, pdb, resourceQuotas, limitRanges) and
// by reconciler.profile expand into the model; a name neither declared nor one of upstream's
// built-ins is refused; the per-child runtime keys
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

  it('accepts upstream\'s built-in resource profiles (any case) and refuses other names with "did you mean"', () => {
    expect(lines(doc('', '        onCreate:\n          deployments:\n            - {image: x, resources: {profile: Burst}}\n'))).to.deep.equal([]);
    expect(lines(doc(PROFILES, '        onCreate:\n          deployments:\n            - {image: x, resources: {profile: leen}}\n'))).to.deep.equal([
      'error 17: spec.crds.wheel.operatorBox.onCreate.deployments[0].resources.profile: unknown resources profile "leen" (did you mean "lean"?): declare it under profiles.resources (upstream\'s built-ins are tiny, small, medium, large, burst, steady, compute-heavy, memory-heavy)',
    ]);
    expect(lines(doc('', '        onCreate:\n          deployments:\n            - {image: x, resources: {profile: "{{ .spec.size }}"}}\n'))).to.deep.equal([]);
  });

  // One row per profile class: the child that names an unknown profile, the path, and the message's end.
  const unknown: [string, string, string, string][] = [
    ['probes', '            - {image: x, port: 80, probes: {liveness: {type: http, path: /, profile: quick}}}', 'deployments[0].probes.liveness.profile', 'unknown probes profile "quick": declare it under profiles.probes (upstream\'s built-ins are fast, standard, patient, slow-start)'],
    ['hpa', '            - {maxReplicas: 3, behavior: {profile: webb}}', 'hpa[0].behavior.profile', 'unknown hpa profile "webb" (did you mean "web"?): declare it under profiles.hpa (upstream\'s built-ins are web, api, latency-sensitive, batch, cost-optimized)'],
    ['pdb', '            - {behavior: {profile: zero-downtme}}', 'pdb[0].behavior.profile', 'unknown pdb profile "zero-downtme" (did you mean "zero-downtime"?): declare it under profiles.pdb (upstream\'s built-ins are zero-downtime, rolling, relaxed)'],
    ['resourceQuotas', '            - {profile: huge}', 'resourceQuotas[0].profile', 'unknown resourceQuotas profile "huge": declare it under profiles.resourceQuotas (upstream\'s built-ins are small, medium, large, xlarge)'],
    ['limitRanges', '            - {profile: standard}', 'limitRanges[0].profile', 'unknown limitRanges profile "standard": declare it under profiles.limitRanges (limitRanges profiles have no built-ins upstream)'],
  ];
  for (const [list, child, path, message] of unknown) {
    it(`refuses an unknown ${list} profile, naming the field`, () => {
      expect(lines(doc('', `        onCreate:\n          ${list.startsWith('probes') ? 'deployments' : list}:\n${child}\n`))).to.deep.equal([`error 12: spec.crds.wheel.operatorBox.onCreate.${path}: ${message}`]);
    });
  }

  it('refuses a profile mixed with the keys it replaces', () => {
    expect(lines(doc('', '        onCreate:\n          resourceQuotas:\n            - {profile: small, hard: {pods: "3"}}\n'))).to.deep.equal([
      'error 12: spec.crds.wheel.operatorBox.onCreate.resourceQuotas[0].profile: give the profile or hard, not both (a profile is a whole preset)',
    ]);
    expect(lines(doc('', '        onCreate:\n          hpa:\n            - {maxReplicas: 2, behavior: {profile: web, scaleUp: {}}}\n'))[0]).to.contain('give the profile or scaleUp, not both');
  });

  it('expands declared probes, hpa, pdb, resourceQuotas and limitRanges profiles into the children at load', () => {
    const declared = `profiles:
  probes: [{name: brisk, periodSeconds: 3}]
  hpa: [{name: calm, minReplicas: "2", targetCPUUtilizationPercentage: "55", behavior: {scaleDown: {stabilizationWindowSeconds: 30}}}]
  pdb: [{name: keep-one, minAvailable: "1"}]
  resourceQuotas: [{name: team, hard: {pods: "4"}}]
  limitRanges: [{name: std, limits: [{type: Container, default: {cpu: 200m}}]}]
`;
    const { document, issues } = parseKatalog(doc(declared, `        onCreate:
          deployments: [{image: x, port: 80, probes: {readiness: {type: tcp, profile: brisk, timeoutSeconds: 2}}}]
          hpa: [{maxReplicas: 4, behavior: {profile: calm}}]
          pdb: [{behavior: {profile: keep-one}}]
          resourceQuotas: [{profile: team}]
          limitRanges: [{profile: std}]
`), 'k.yaml');
    expect(issues).to.deep.equal([]);
    const box = document!.spec.crds.wheel!.operatorBox!.onCreate!;
    expect(box.deployments![0]!.probes).to.deep.equal({ readiness: { periodSeconds: 3, type: 'tcp', timeoutSeconds: 2 } });
    expect(box.hpa![0]).to.deep.equal({ maxReplicas: 4, minReplicas: '2', targetCPUUtilizationPercentage: '55', behavior: { scaleDown: { stabilizationWindowSeconds: 30 } } });
    expect(box.pdb![0]).to.deep.equal({ minAvailable: '1' });
    expect(box.resourceQuotas![0]).to.deep.equal({ hard: { pods: '4' } });
    expect(box.limitRanges![0]).to.deep.equal({ limits: [{ type: 'Container', default: { cpu: '200m' } }] });
  });

  it('expands upstream\'s built-in reconciler profiles (any case), written settings and declared profiles winning', () => {
    const box = (settings: string) => parseKatalog(doc(PROFILES, `        reconciler: ${settings}\n`), 'k.yaml');
    const cases: [string, unknown][] = [
      ['{profile: high-throughput}', { workers: 10, resync: '5m', queue: { maxDepth: 1000 } }],
      ['{profile: Conservative}', { workers: 2, resync: '1m', queue: { maxDepth: 100 } }],
      ['{profile: DEVELOPMENT}', { workers: 1, resync: '30s', queue: { maxDepth: 50 } }],
      ['{profile: conservative, workers: 4, queue: {failureThreshold: 3}}', { workers: 4, resync: '1m', queue: { maxDepth: 100, failureThreshold: 3 } }],
      ['{profile: development, queue: {maxDepth: 7}}', { workers: 1, resync: '30s', queue: { maxDepth: 7 } }],
    ];
    for (const [settings, want] of cases) {
      const { document, issues } = box(settings);
      expect(issues, settings).to.deep.equal([]);
      expect(document!.spec.crds.wheel!.operatorBox!.reconciler, settings).to.deep.equal(want);
    }
    const own = PROFILES.replace('{name: calm, workers: 1, resync: 5m}', '{name: conservative, workers: 9}');
    const { document } = parseKatalog(doc(own, '        reconciler: {profile: conservative}\n'), 'k.yaml');
    expect(document!.spec.crds.wheel!.operatorBox!.reconciler).to.deep.equal({ workers: 9 });
  });

  it('refuses a reconciler profile neither declared nor built in, and leaves Motif-provided names to the resolver', () => {
    expect(lines(doc(PROFILES, '        reconciler: {profile: high-througput}\n'))).to.deep.equal([
      'error 15: spec.crds.wheel.operatorBox.reconciler.profile: unknown reconciler profile "high-througput" (did you mean "high-throughput"?): declare it under profiles.reconciler or use a built-in (high-throughput, conservative, development)',
    ]);
    expect(lines(doc(PROFILES, '        reconciler: {profile: turbo}\n'))[0]).to.include('unknown reconciler profile "turbo": declare it');
    const withImports = doc(PROFILES, '        reconcile:\n          profile: shared\n          imports: [{motif: ./m.motif.yaml}]\n');
    expect(lines(withImports).filter((l) => l.includes('profile'))).to.deep.equal([]);
  });

  it("keeps sleep and forceConflict on a child, warning for forceConflict: false, for sleep on what onDelete deletes (not on its Jobs) and on a call, saying why", () => {
    const { document, issues } = parseKatalog(doc('', `        onCreate:
          configMaps:
            - {name: a, sleep: 2s, forceConflict: true}
            - {name: b, forceConflict: false}
        onDelete:
          configMaps: [{name: c, sleep: 1s, forceConflict: false}]
          jobs: [{name: j, image: busybox, sleep: 5s}]
        onReconcile:
          external: [{name: e, url: "https://x.example", sleep: 1s}]
`), 'k.yaml');
    expect(document!.spec.crds.wheel!.operatorBox!.onCreate!.configMaps![0]).to.include({ sleep: '2s', forceConflict: true });
    expect(issues.map((i) => `${i.severity} ${i.path}`)).to.deep.equal([
      'warning spec.crds.wheel.operatorBox.onDelete.configMaps[0].sleep',
      'warning spec.crds.wheel.operatorBox.onDelete.configMaps[0].forceConflict',
      'warning spec.crds.wheel.operatorBox.onReconcile.external[0].sleep',
    ]);
    expect(issues.find((i) => i.path.endsWith('configMaps[0].sleep'))?.message).to.include('deleted without a pause, as upstream (which pauses only before an onDelete Job');
    expect(issues.find((i) => i.path.endsWith('external[0].sleep'))?.message).to.include("the Go runtime's external runner does not act on it either");
    const grouped = parseKatalog(doc('', '        onDelete:\n          ordered: true\n          groups:\n            - name: first\n              jobs: [{name: j, image: busybox, sleep: 5s}]\n              services: [{name: s, sleep: 5s}]\n'), 'k.yaml');
    expect(grouped.issues.map((i) => `${i.severity} ${i.path}`)).to.deep.equal(['warning spec.crds.wheel.operatorBox.onDelete.groups[0].services[0].sleep']);
  });
});
