// The profile classes for workloads and policies — rollingUpdate, containerSecurity (named by a
// child's securityContext.profile), podSecurity and networkPolicies — at load: a declared profile
// expands into the child (upstream's fields only), a built-in or templated name is left for the
// renderer, an unknown name is refused naming the field, and a profile beside the keys it replaces
// is refused.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';
import { INERT_KEYS } from '../../../shared/katalog/inert-keys.js';

const doc = (profiles: string, lists: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: mill
${profiles}spec:
  crds:
    wheel:
      apiTypes: {group: mill.example.org, version: v1, kind: Wheel, plural: wheels}
      operatorBox:
        onCreate:
${lists}`;

const DECLARED = `profiles:
  rollingUpdate: [{name: careful, description: one at a time, maxSurge: "1", maxUnavailable: "0"}]
  containerSecurity: [{name: locked, description: x, runAsNonRoot: true, runAsUser: 1001, capabilities: {drop: [ALL]}}]
  podSecurity: [{name: group, fsGroup: 2000, runAsGroup: 2000}]
  networkPolicies: [{name: web-only, podSelector: {ignored: "yes"}, ingress: [{from: [{podSelector: {app: web}}]}]}]
`;

const lines = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.severity ?? 'error'} ${i.path}: ${i.message}`);

describe('shared/katalog profiles for workloads and policies', () => {
  it('expands declared rollingUpdate, containerSecurity, podSecurity and networkPolicies profiles at load', () => {
    const { document, issues } = parseKatalog(doc(DECLARED, `          deployments:
            - {image: x, rollingUpdate: {profile: careful}, securityContext: {profile: locked}, podSecurity: {profile: group}}
          networkPolicies:
            - {name: np, podSelector: {app: api}, profile: web-only}
`), 'k.yaml');
    expect(issues).to.deep.equal([]);
    const box = document!.spec.crds.wheel!.operatorBox!.onCreate!;
    expect(box.deployments![0]).to.deep.include({
      rollingUpdate: { maxSurge: '1', maxUnavailable: '0' },
      securityContext: { runAsNonRoot: true, runAsUser: 1001, capabilities: { drop: ['ALL'] } },
      podSecurity: { runAsGroup: 2000, fsGroup: 2000 },
    });
    expect(box.networkPolicies![0]).to.deep.equal({ name: 'np', podSelector: { app: 'api' }, ingress: [{ from: [{ podSelector: { app: 'web' } }] }] });
  });

  it('a declared profile wins over the built-in of the same name; built-in and templated names are left for the renderer', () => {
    const { document, issues } = parseKatalog(doc('profiles:\n  rollingUpdate: [{name: safe, maxUnavailable: "2"}]\n', `          deployments:
            - {image: x, rollingUpdate: {profile: safe}, securityContext: {profile: Hardened}, podSecurity: {profile: "{{ .spec.level }}"}}
          networkPolicies:
            - {name: np, profile: deny-all}
`), 'k.yaml');
    expect(issues).to.deep.equal([]);
    const box = document!.spec.crds.wheel!.operatorBox!.onCreate!;
    expect(box.deployments![0]).to.deep.include({ rollingUpdate: { maxUnavailable: '2' }, securityContext: { profile: 'Hardened' }, podSecurity: { profile: '{{ .spec.level }}' } });
    expect(box.networkPolicies![0]).to.deep.equal({ name: 'np', profile: 'deny-all' });
  });

  const refused: [string, string, string][] = [
    ['an unknown rollingUpdate profile', 'deployments: [{image: x, rollingUpdate: {profile: fats}}]',
      'error spec.crds.wheel.operatorBox.onCreate.deployments[0].rollingUpdate.profile: unknown rollingUpdate profile "fats" (did you mean "fast"?): declare it under profiles.rollingUpdate (upstream\'s built-ins are safe, fast, blue-green)'],
    ['an unknown container security profile', 'jobs: [{image: x, securityContext: {profile: strict}}]',
      'error spec.crds.wheel.operatorBox.onCreate.jobs[0].securityContext.profile: unknown containerSecurity profile "strict": declare it under profiles.containerSecurity (upstream\'s built-ins are baseline, restricted, hardened)'],
    ['an unknown pod security profile', 'cronJobs: [{image: x, schedule: "* * * * *", podSecurity: {profile: baseline2}}]',
      'error spec.crds.wheel.operatorBox.onCreate.cronJobs[0].podSecurity.profile: unknown podSecurity profile "baseline2" (did you mean "baseline"?): declare it under profiles.podSecurity (upstream\'s built-ins are baseline, restricted, hardened)'],
    ['an unknown networkPolicies profile', 'networkPolicies: [{name: np, profile: deny-everything}]',
      'error spec.crds.wheel.operatorBox.onCreate.networkPolicies[0].profile: unknown networkPolicies profile "deny-everything": declare it under profiles.networkPolicies (upstream\'s built-ins are deny-all, deny-all-ingress, deny-all-egress, allow-same-namespace, allow-dns-egress)'],
    ['a rollingUpdate profile beside maxSurge', 'deployments: [{image: x, rollingUpdate: {profile: safe, maxSurge: "2"}}]',
      'error spec.crds.wheel.operatorBox.onCreate.deployments[0].rollingUpdate.profile: give the profile or maxSurge, not both (a profile is a whole preset)'],
    ['a security profile beside explicit fields', 'pods: [{image: x, securityContext: {profile: restricted, privileged: false, runAsUser: 5}}]',
      'error spec.crds.wheel.operatorBox.onCreate.pods[0].securityContext.profile: give the profile or privileged/runAsUser, not both (a profile is a whole preset)'],
    ['a networkPolicies profile beside its rules', 'networkPolicies: [{name: np, profile: deny-all, egress: []}]',
      'error spec.crds.wheel.operatorBox.onCreate.networkPolicies[0].profile: give the profile or egress, not both (a profile is a whole preset)'],
  ];
  for (const [name, list, line] of refused) {
    it(`refuses ${name}, naming the field`, () => expect(lines(doc('', `          ${list}\n`))).to.deep.equal([line]));
  }

  it('no longer warns that these profile classes are inert', () => {
    expect(lines(doc(DECLARED, '          configMaps: [{name: c}]\n'))).to.deep.equal([]);
    const inert = INERT_KEYS.map(([path]) => path.join('.'));
    for (const cls of ['networkPolicies', 'rollingUpdate', 'containerSecurity', 'podSecurity']) expect(inert).to.not.include(`profiles.${cls}`);
  });
});
