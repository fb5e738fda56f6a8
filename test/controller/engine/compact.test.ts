import { expect } from 'chai';
import { compactForCache, exactObject, internStrings, LAST_APPLIED_ANNOTATION } from '../../../controller/engine/compact.js';
import type { KubeObject } from '../../../shared/kube/index.js';

describe('controller/engine/compact', () => {
  const parsed = (): KubeObject => JSON.parse(JSON.stringify({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: 'site-1', namespace: 'steady', resourceVersion: '12', labels: { 'app.kubernetes.io/managed-by': 'orkestra' },
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"big":"copy"}', 'deployment.kubernetes.io/revision': '1' },
      managedFields: [{ manager: 'orkestra', operation: 'Apply' }],
    },
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27-alpine', args: ['--listen-on-port', '8080'] }] } } },
    status: { conditions: [{ type: 'Available', reason: 'MinimumReplicasAvailable' }] },
  })) as KubeObject;

  it('drops managedFields only, by default, and keeps every other value', () => {
    const { managedFields: _m, ...metadata } = parsed().metadata;
    expect(compactForCache()(parsed())).to.deep.equal({ ...parsed(), metadata });
  });

  it("drops status and kubectl's last-applied copy when asked, leaving the other annotations", () => {
    const out = compactForCache({ dropStatus: true, dropLastApplied: true })(parsed());
    expect(out).to.not.have.property('status');
    expect(out.metadata.annotations).to.deep.equal({ 'deployment.kubernetes.io/revision': '1' });
    expect(out.spec).to.deep.equal(parsed().spec);
  });

  it('keeps the order of the keys it keeps, at the top and in metadata', () => {
    const out = compactForCache({ dropStatus: true, dropLastApplied: true })(parsed());
    expect(Object.keys(out)).to.deep.equal(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(out.metadata)).to.deep.equal(['name', 'namespace', 'resourceVersion', 'labels', 'annotations']);
  });

  it('leaves objects without those fields as they are (same object)', () => {
    const bare: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'a value longer than ten' } };
    expect(compactForCache({ dropStatus: true, dropLastApplied: true })(bare)).to.equal(bare);
  });

  it('interning changes no value: strings short, long, in lists and maps, numbers, booleans and nulls', () => {
    const value = { a: 'x'.repeat(5000), b: ['examples.orkspace.io/v1', 1, true, null, { c: 'default-scheduler' }], d: '12345678901234' };
    const copy = JSON.parse(JSON.stringify(value));
    expect(internStrings(copy)).to.equal(copy);
    expect(copy).to.deep.equal(value);
  });

  it('exactObject keeps keys in order with their values, and a __proto__ key as data', () => {
    const out = exactObject(['b', 'a', 'c'], (k) => ({ a: 1, b: 'x', c: null })[k]);
    expect(Object.keys(out)).to.deep.equal(['b', 'a', 'c']);
    expect(out).to.deep.equal({ b: 'x', a: 1, c: null });
    const odd = exactObject(['__proto__', 'x'], (k) => (k === 'x' ? 1 : { polluted: true }));
    expect(Object.getPrototypeOf(odd)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.keys(odd)).to.deep.equal(['__proto__', 'x']);
  });
});
