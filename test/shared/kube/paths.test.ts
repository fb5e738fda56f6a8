import { expect } from 'chai';
import { groupVersionPath, joinApiVersion, resourcePath, splitApiVersion, withQuery } from '../../../shared/kube/index.js';
import type { ApiResource } from '../../../shared/kube/index.js';

const deployments: ApiResource = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };
const configmaps: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const crds: ApiResource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false };

describe('shared/kube/paths', () => {
  it('splits and joins apiVersions', () => {
    const table: [string, string, string][] = [['v1', '', 'v1'], ['apps/v1', 'apps', 'v1'], ['example.com/v1alpha1', 'example.com', 'v1alpha1']];
    for (const [apiVersion, group, version] of table) {
      expect(splitApiVersion(apiVersion)).to.deep.equal({ group, version });
      expect(joinApiVersion(group, version)).to.equal(apiVersion);
    }
  });

  it('builds group-version discovery paths', () => {
    expect(groupVersionPath('', 'v1')).to.equal('/api/v1');
    expect(groupVersionPath('apps', 'v1')).to.equal('/apis/apps/v1');
  });

  const table: [string, ApiResource, string | undefined, string | undefined, string | undefined, string][] = [
    ['core collection, all namespaces', configmaps, undefined, undefined, undefined, '/api/v1/configmaps'],
    ['core collection in a namespace', configmaps, 'ns1', undefined, undefined, '/api/v1/namespaces/ns1/configmaps'],
    ['core object', configmaps, 'ns1', 'cm', undefined, '/api/v1/namespaces/ns1/configmaps/cm'],
    ['group object', deployments, 'ns1', 'web', undefined, '/apis/apps/v1/namespaces/ns1/deployments/web'],
    ['subresource', deployments, 'ns1', 'web', 'status', '/apis/apps/v1/namespaces/ns1/deployments/web/status'],
    ['cluster-scoped ignores namespace', crds, 'ns1', 'x.example.com', undefined, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.example.com'],
    ['names are percent-encoded', configmaps, 'ns1', 'a/b?c', undefined, '/api/v1/namespaces/ns1/configmaps/a%2Fb%3Fc'],
  ];
  for (const [what, resource, ns, name, sub, want] of table) {
    it(`resourcePath: ${what}`, () => expect(resourcePath(resource, ns, name, sub)).to.equal(want));
  }

  it('refuses segments that would climb the path', () => {
    expect(() => resourcePath(configmaps, 'ns1', '..')).to.throw(/invalid path segment/);
    expect(() => resourcePath(configmaps, 'ns1', '')).to.throw(/invalid path segment/);
    expect(() => resourcePath(configmaps, 'ns1', undefined, 'status')).to.throw(/needs an object name/);
  });

  it('appends only defined query parameters, encoded', () => {
    expect(withQuery('/api/v1/pods', {})).to.equal('/api/v1/pods');
    expect(withQuery('/api/v1/pods', { limit: 7, continue: undefined, labelSelector: 'app=web,tier in (a,b)' }))
      .to.equal('/api/v1/pods?limit=7&labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29');
    expect(withQuery('/x?watch=1', { force: true })).to.equal('/x?watch=1&force=true');
  });
});
