import { expect } from 'chai';
import { diffObjects, type FieldChange } from '../../../shared/plan/index.js';

const deployment = (patch: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', labels: { 'app.kubernetes.io/managed-by': 'orkestra' }, ...meta },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }] }] } } },
  ...patch,
});

const container = (c: Record<string, unknown>) => ({ template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }], ...c }] } } });

describe('shared/plan diffObjects', () => {
  const cases: { name: string; live: unknown; after: unknown; want: FieldChange[] }[] = [
    { name: 'identical objects', live: deployment(), after: deployment(), want: [] },
    {
      name: 'server-owned metadata and status are ignored',
      live: deployment({ status: { replicas: 1 } }, { resourceVersion: '1', generation: 1, uid: 'u1', creationTimestamp: 't1', managedFields: [{ manager: 'a' }], selfLink: '/x' }),
      after: deployment({ status: { replicas: 2 } }, { resourceVersion: '2', generation: 2, uid: 'u1', creationTimestamp: 't1', managedFields: [{ manager: 'b' }] }),
      want: [],
    },
    {
      name: 'a scalar changed',
      live: deployment(),
      after: deployment({ spec: { replicas: 3, ...container({}) } }),
      want: [{ path: 'spec.replicas', op: 'changed', old: 2, new: 3 }],
    },
    {
      name: 'lists of named objects match by name, whatever the order',
      live: deployment({ spec: { replicas: 2, ...container({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }) } }),
      after: deployment({ spec: { replicas: 2, ...container({ env: [{ name: 'C', value: '3' }, { name: 'A', value: '9' }] }) } }),
      want: [
        { path: 'spec.template.spec.containers[name=app].env[name=A].value', op: 'changed', old: '1', new: '9' },
        { path: 'spec.template.spec.containers[name=app].env[name=B]', op: 'removed', old: { name: 'B', value: '2' } },
        { path: 'spec.template.spec.containers[name=app].env[name=C]', op: 'added', new: { name: 'C', value: '3' } },
      ],
    },
    {
      name: 'other lists by index, with a longer or shorter tail',
      live: { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, args: ['a', 'b', 'c'] },
      after: { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, args: ['a', 'B'] },
      want: [
        { path: 'args[1]', op: 'changed', old: 'b', new: 'B' },
        { path: 'args[2]', op: 'removed', old: 'c' },
      ],
    },
    {
      name: 'keys that are not identifiers are quoted',
      live: deployment(),
      after: deployment({}, { labels: { 'app.kubernetes.io/managed-by': 'someone', 'team': 'a' } }),
      want: [
        { path: 'metadata.labels["app.kubernetes.io/managed-by"]', op: 'changed', old: 'orkestra', new: 'someone' },
        { path: 'metadata.labels.team', op: 'added', new: 'a' },
      ],
    },
    {
      name: 'a type change is one change at that path',
      live: { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { port: 80 } },
      after: { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { port: { number: 80 } } },
      want: [{ path: 'spec.port', op: 'changed', old: 80, new: { number: 80 } }],
    },
    {
      name: 'a Secret: data changes collapse into one entry without values; other fields are shown',
      live: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: '1' } }, type: 'Opaque', data: { token: 'b2xk', gone: 'eA==' } },
      after: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: '2' } }, type: 'Opaque', data: { token: 'bmV3', added: 'eQ==' } },
      want: [
        { path: 'data', op: 'changed', secret: true },
        { path: 'metadata.labels.a', op: 'changed', old: '1', new: '2' },
      ],
    },
    {
      name: 'a Secret with the same data: nothing',
      live: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'b2xk' } },
      after: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'b2xk' } },
      want: [],
    },
    {
      name: 'a ConfigMap is not secret: values are shown',
      live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { title: 'old' } },
      after: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { title: 'new' } },
      want: [{ path: 'data.title', op: 'changed', old: 'old', new: 'new' }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(diffObjects(c.live, c.after)).to.deep.equal(c.want);
    });
  }

  it('never returns a Secret value anywhere in its output', () => {
    const out = JSON.stringify(diffObjects(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'c2VjcmV0LW9sZA==' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'secret-new' }, data: { token: 'c2VjcmV0LW5ldw==' } },
    ));
    expect(out).not.to.match(/c2VjcmV0|secret-new/);
  });
});
