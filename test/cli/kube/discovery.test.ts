import { expect } from 'chai';
import { Discovery, resourcesOf } from '../../../cli/kube/discovery.js';
import { isKubeError, KubeError } from '../../../shared/kube/index.js';

const appsV1 = {
  kind: 'APIResourceList', groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'deployments/scale', kind: 'Scale', namespaced: true },
    { name: 'deployments/status', kind: 'Deployment', namespaced: true },
  ],
};

describe('cli/kube/discovery', () => {
  it('skips subresources', () => {
    expect(resourcesOf(appsV1, 'apps', 'v1')).to.deep.equal([{ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }]);
    expect(resourcesOf({}, 'apps', 'v1')).to.deep.equal([]);
  });

  it('caches per group-version, shares in-flight lookups, and forgets on invalidate', async () => {
    const calls: string[] = [];
    const d = new Discovery(async (path) => { calls.push(path); return appsV1; });
    const [a, b] = await Promise.all([d.resourceFor('apps/v1', 'Deployment'), d.resourceFor('apps/v1', 'Deployment')]);
    expect(a).to.deep.equal(b);
    expect(calls).to.deep.equal(['/apis/apps/v1']);
    d.invalidate();
    await d.resourceFor('apps/v1', 'Deployment');
    expect(calls).to.deep.equal(['/apis/apps/v1', '/apis/apps/v1']);
  });

  it('forgets only the group-versions named (a CRD change cannot alter the others)', async () => {
    const calls: string[] = [];
    const d = new Discovery(async (path) => {
      calls.push(path);
      return path === '/api/v1' ? { resources: [{ name: 'services', kind: 'Service', namespaced: true }] } : appsV1;
    });
    await d.resourceFor('apps/v1', 'Deployment');
    await d.resourceFor('v1', 'Service');
    d.invalidate(['apps/v1', 'example.com/v1']);
    await d.resourceFor('apps/v1', 'Deployment');
    await d.resourceFor('v1', 'Service');
    expect(calls).to.deep.equal(['/apis/apps/v1', '/api/v1', '/apis/apps/v1']);
    d.invalidate(['v1']);
    await d.resourceFor('v1', 'Service');
    expect(calls).to.deep.equal(['/apis/apps/v1', '/api/v1', '/apis/apps/v1', '/api/v1']);
  });

  it('says which apiVersion is not served on 404, and does not cache failures', async () => {
    let served = false;
    const d = new Discovery(async () => {
      if (!served) throw new KubeError(404, 'NotFound', 'the server could not find the requested resource');
      return { resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }] };
    });
    const err = await d.resourceFor('example.com/v1', 'Widget').catch((e: unknown) => e);
    expect(isKubeError(err, 404)).to.equal(true);
    expect((err as Error).message).to.match(/apiVersion example.com\/v1 is not served/);
    served = true;
    expect((await d.resourceFor('example.com/v1', 'Widget')).resource).to.equal('widgets');
  });

  it('says which kind is missing from a served group-version', async () => {
    const d = new Discovery(async () => appsV1);
    const err = await d.resourceFor('apps/v1', 'Scale').catch((e: unknown) => e);
    expect(isKubeError(err, 404)).to.equal(true);
    expect((err as Error).message).to.match(/kind Scale is not served in apiVersion apps\/v1/);
  });
});
