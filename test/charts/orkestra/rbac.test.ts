// The chart's RBAC against what the real `ork rbac` derives from a real bundle (examples/komposer.yaml,
// resolved and signed here): every permission that is not the bundle's own (CRDs, Events, the
// Lease, the digest publication and the rollout bundle) is granted by the chart as it stands, and
// with `ork rbac`'s per-bundle rules put into rbac.extraRules — as docs/chart.md tells users to —
// every permission is. A small rule-coverage checker does the comparison.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { getHelm, repoRoot, runTool, tempDir } from '../../support/tools.js';
import { NAMESPACE, parseManifests, renderChart, type K8sObject } from './render.js';
import { covered, describeGrant, grantsOf, grantsOfRoles, type Grant, type Rule } from './rbac-coverage.js';

const CLI = join(repoRoot, 'dist', 'cli', 'main.js');
const ork = (args: string[]) => runTool(process.execPath, [CLI, ...args], { cwd: repoRoot });

/** What every Orkestra controller needs whatever its bundle (docs/rbac.md): the chart must grant it by itself. */
function isFixed(grant: Grant): boolean {
  if (grant.namespace === NAMESPACE) return true; // Lease, own Pod/ReplicaSet/Deployment, rollout ConfigMap
  // Creating CRDs cannot be narrowed by name; reading and patching them is per bundle (by name).
  if (grant.resource === 'tokenreviews' || grant.resource === 'subjectaccessreviews') return true; // controller.httpAuth=kubernetes
  return (grant.group === 'apiextensions.k8s.io' && grant.resource === 'customresourcedefinitions' && grant.verb === 'create') || (grant.group === '' && grant.resource === 'events');
}

describe('charts/orkestra: RBAC covers what ork rbac derives from a real bundle', function () {
  this.timeout(300_000);
  let printed: K8sObject[];

  before(async function () {
    const dir = tempDir('chart-rbac');
    await ork(['keygen', '--out-private', join(dir, 'key.pem'), '--out-public', join(dir, 'pub.pem')]);
    await ork(['resolve', '-f', 'examples/komposer.yaml', '--out', join(dir, 'bundle'), '--key', join(dir, 'key.pem')]);
    const { stdout } = await ork(['rbac', '--bundle', join(dir, 'bundle'), '--key', join(dir, 'pub.pem'), '--namespace', NAMESPACE, '--publish', '--rollout-bundle', '--http-auth']);
    printed = parseAllDocuments(stdout).map((d) => d.toJS() as K8sObject);
    expect(printed.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}`)).to.deep.equal(['ClusterRole ', `Role ${NAMESPACE}`]);
  });

  it('the coverage checker itself: scope, verbs, groups, wildcards and resourceNames', () => {
    const roles = grantsOfRoles([
      { apiVersion: 'v1', kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ apiGroups: [''], resources: ['events'], verbs: ['create'] }, { apiGroups: ['x.io'], resources: ['*'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['one'] }] },
      { apiVersion: 'v1', kind: 'Role', metadata: { name: 'r', namespace: 'ns' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    ]);
    expect(covered({ group: '', resource: 'events', verb: 'create', namespace: 'any' }, roles)).to.equal(true);
    expect(covered({ group: '', resource: 'events', verb: 'patch' }, roles)).to.equal(false);
    expect(covered({ group: 'x.io', resource: 'things', verb: 'get' }, roles)).to.equal(true);
    expect(covered({ group: 'y.io', resource: 'things', verb: 'get' }, roles)).to.equal(false);
    expect(covered({ group: '', resource: 'pods', verb: 'get', namespace: 'ns' }, roles)).to.equal(true);
    expect(covered({ group: '', resource: 'pods', verb: 'get', namespace: 'other' }, roles)).to.equal(false);
    expect(covered({ group: '', resource: 'pods', verb: 'get' }, roles)).to.equal(false);
    expect(covered({ group: '', resource: 'secrets', verb: 'get' }, roles)).to.equal(false);
    expect(covered({ group: '', resource: 'secrets', verb: 'get', name: 'one' }, roles)).to.equal(true);
    expect(covered({ group: '', resource: 'secrets', verb: 'get', name: 'two' }, roles)).to.equal(false);
  });

  it('cannot rewrite a CRD that is not the bundle\'s: only create is open, get/patch are narrowed to the bundle\'s CRD names', async () => {
    const chart = grantsOfRoles(parseManifests(await renderChart(await getHelm({ major: 3 }))));
    const crdGrants = chart.filter(({ grant }) => grant.resource === 'customresourcedefinitions');
    expect(crdGrants.map(({ grant }) => grant.verb)).to.deep.equal(['create']);
    const named = grantsOfRoles(printed).map((g) => g.grant).filter((g) => g.resource === 'customresourcedefinitions' && g.verb !== 'create');
    expect(named.map(describeGrant)).to.deep.equal([
      'get apiextensions.k8s.io/customresourcedefinitions databases.examples.orkspace.io',
      'get apiextensions.k8s.io/customresourcedefinitions teamspaces.examples.orkspace.io',
      'get apiextensions.k8s.io/customresourcedefinitions websites.examples.orkspace.io',
      'patch apiextensions.k8s.io/customresourcedefinitions databases.examples.orkspace.io',
      'patch apiextensions.k8s.io/customresourcedefinitions teamspaces.examples.orkspace.io',
      'patch apiextensions.k8s.io/customresourcedefinitions websites.examples.orkspace.io',
    ]);
    expect(covered({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verb: 'patch', name: 'someone-elses.example.com' }, chart)).to.equal(false);
  });

  it('grants the bundle-independent permissions (CRDs, Events, Lease, digest publication, rollout bundle) by itself', async () => {
    const fixed = grantsOfRoles(printed).map((g) => g.grant).filter(isFixed);
    expect(fixed.map(describeGrant)).to.include.members([
      'create apiextensions.k8s.io/customresourcedefinitions', 'create events',
      `update coordination.k8s.io/leases in ${NAMESPACE}`, `patch pods in ${NAMESPACE}`, `get apps/replicasets in ${NAMESPACE}`,
      `patch apps/deployments in ${NAMESPACE}`, `create configmaps in ${NAMESPACE}`,
      'create authentication.k8s.io/tokenreviews', 'create authorization.k8s.io/subjectaccessreviews',
    ]);
    const chart = grantsOfRoles(parseManifests(await renderChart(await getHelm({ major: 3 }))));
    expect(fixed.filter((g) => !covered(g, chart)).map(describeGrant)).to.deep.equal([]);
  });

  it('grants everything once the per-bundle rules are in rbac.extraRules', async () => {
    const perBundle = printed.flatMap((o) => (o.rules as Rule[]).filter((rule) => grantsOf(rule, o.kind === 'Role' ? o.metadata.namespace : undefined).some((g) => !isFixed(g))));
    expect(perBundle.length).to.be.greaterThan(0);
    const valuesFile = join(tempDir('chart-rbac-values'), 'values.yaml');
    writeFileSync(valuesFile, stringify({ rbac: { extraRules: perBundle } }));
    const chart = grantsOfRoles(parseManifests(await renderChart(await getHelm({ major: 3 }), ['-f', valuesFile])));
    const all = grantsOfRoles(printed).map((g) => g.grant);
    expect(all.filter((g) => !covered(g, chart)).map(describeGrant)).to.deep.equal([]);
    // Without them, the bundle's own permissions are missing: the check above can fail.
    const bare = grantsOfRoles(parseManifests(await renderChart(await getHelm({ major: 3 }))));
    expect(all.filter((g) => !covered(g, bare)).map(describeGrant)).to.include('watch examples.orkspace.io/websites');
  });
});
