// A kubeconfig's `as`/`as-groups` is honoured on the real API server, as kubectl honours it: the
// admin acting as "nobody" is refused what the admin may do, and allowed again when "nobody" is
// also impersonated into system:masters. Before, the setting was silently dropped.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { impersonationHeaders } from '../../../cli/kube/transport.js';
import { isKubeError } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster } from '../../support/cluster.js';
import { tempDir } from '../../support/tools.js';

describe('cli/kube impersonation', function () {
  this.timeout(60_000);

  it('headers: user, uid, each group, each extra value; none without impersonation', () => {
    expect(impersonationHeaders({})).to.deep.equal({});
    expect(impersonationHeaders({ impersonate: { user: 'jane', uid: 'u-1', groups: ['a', 'b'], extra: { 'example.org/reason': ['x y'], empty: [] } } })).to.deep.equal({
      'impersonate-user': 'jane', 'impersonate-uid': 'u-1', 'impersonate-group': ['a', 'b'], 'impersonate-extra-example.org%2Freason': ['x y'],
    });
  });

  it('on the real API server: as nobody is forbidden; as nobody in system:masters is allowed', async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    const admin = parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as { users: { user: Record<string, unknown> }[] };
    const variant = (name: string, extra: Record<string, unknown>) => {
      const doc = structuredClone(admin);
      doc.users = doc.users.map((u) => ({ ...u, user: { ...u.user, ...extra } }));
      const path = join(tempDir('impersonate'), name);
      writeFileSync(path, stringify(doc));
      return createKubeClient(loadKubeConfig({ env: {}, path }), { userAgent: 'orkestra-impersonation-test' });
    };
    const list = (client: ReturnType<typeof createKubeClient>) =>
      client.request('GET', '/api/v1/namespaces?limit=1').then(() => 200, (e: unknown) => (isKubeError(e) ? e.status : -1));
    const asAdmin = variant('admin', {});
    const asNobody = variant('nobody', { as: 'nobody' });
    const asMaster = variant('master', { as: 'nobody', 'as-groups': ['system:masters'] });
    try {
      expect(await list(asAdmin)).to.equal(200);
      expect(await list(asNobody)).to.equal(403);
      expect(await list(asMaster)).to.equal(200);
    } finally {
      await Promise.all([asAdmin.close(), asNobody.close(), asMaster.close()]);
    }
  });
});
