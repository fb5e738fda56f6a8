import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { resolveKomposer } from '../../../resolver/resolve.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';
import { guessResource, manifestsYaml, rbacManifests, requiredPermissions } from '../../../shared/rbac/index.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const GOLDEN = `${ROOT}test/shared/rbac/golden/examples-rbac.yaml`;
const update = process.env.UPDATE_GOLDEN === '1';

describe('shared/rbac/manifests', () => {
  it('one ClusterRole for cluster-wide rules, one Role per namespace, bindings only with a ServiceAccount', () => {
    const permissions = [
      { group: '', resource: 'events', verbs: ['create'] },
      { group: 'a.io', resource: 'xs', subresource: 'status', verbs: ['patch'] },
      { group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'], namespace: 'ork' },
      { group: 'a.io', resource: 'xs', verbs: ['get'], namespace: 'team' },
    ];
    const bare = rbacManifests(permissions, { name: 'r' });
    expect(bare.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).to.deep.equal(['ClusterRole /r', 'Role ork/r', 'Role team/r']);
    expect(bare[0]!.rules).to.deep.equal([
      { apiGroups: [''], resources: ['events'], verbs: ['create'] },
      { apiGroups: ['a.io'], resources: ['xs/status'], verbs: ['patch'] },
    ]);
    const bound = rbacManifests(permissions, { name: 'r', serviceAccount: { namespace: 'ork', name: 'ctl' } });
    expect(bound.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}`)).to.deep.equal(['ClusterRole ', 'ClusterRoleBinding ', 'Role ork', 'RoleBinding ork', 'Role team', 'RoleBinding team']);
    expect(bound[3]).to.deep.include({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'ork' }] });
    const docs = parseAllDocuments(manifestsYaml(bound)).map((d) => d.toJS());
    expect(docs).to.deep.equal(bound);
  });

  it('the examples bundle: exactly the golden RBAC (UPDATE_GOLDEN=1 regenerates)', async function () {
    this.timeout(20_000);
    const { payload } = await resolveKomposer({ komposer: 'examples/komposer.yaml', cwd: ROOT, env: {} });
    const { permissions, unresolved } = requiredPermissions({ payload, childKinds, resourceOf: guessResource, leaderElection: { namespace: 'orkestra-system' } });
    expect(unresolved).to.deep.equal([]);
    const yaml = manifestsYaml(rbacManifests(permissions, { name: 'orkestra-examples', serviceAccount: { namespace: 'orkestra-system', name: 'orkestra' } }));
    if (update) writeFileSync(GOLDEN, yaml);
    expect(existsSync(GOLDEN), `missing ${GOLDEN}; run with UPDATE_GOLDEN=1`).to.equal(true);
    expect(yaml).to.equal(readFileSync(GOLDEN, 'utf8'));
  });
});
