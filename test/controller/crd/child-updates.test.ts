// Which child updates queue the owner: status-only updates (the deployment controller's) are told
// apart from every kind of hand edit, with or without a generation on the kind; and which entries
// read child status (Available condition, onDelete Jobs) and so must still hear about them.
import { expect } from 'chai';
import { readsChildStatus, statusOnlyUpdate } from '../../../controller/crd/child-updates.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: {
    name: 'blog', namespace: 'ns', uid: 'u1', resourceVersion: '10', generation: 1,
    labels: { 'orkestra.orkspace.io/managed': 'true', 'orkestra-owner': 'blog' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [{ apiVersion: 'x/v1', kind: 'Site', name: 'blog', uid: 'cr-1', controller: true }],
  },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', args: ['a'] }] } } },
  status: { observedGeneration: 1, replicas: 1 },
};
// No generation, no status: a hand edit of data changes nothing in metadata but resourceVersion.
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', resourceVersion: '5' }, data: { page: 'home' } };

type Edit = (o: any) => void;
const edited = (o: KubeObject, edit: Edit): KubeObject => {
  const copy = structuredClone(o);
  edit(copy);
  return copy;
};

describe('controller/child-updates: statusOnlyUpdate', () => {
  const cases: Array<[string, KubeObject, Edit, boolean]> = [
    ['status written by the deployment controller', deployment, (o) => { o.status.replicas = 2; o.metadata.resourceVersion = '11'; }, true],
    ['status added where there was none', configMap, (o) => { o.status = { x: 1 }; o.metadata.resourceVersion = '6'; }, true],
    ['managedFields and resourceVersion only', deployment, (o) => { o.metadata.managedFields = [{ manager: 'kcm' }]; o.metadata.resourceVersion = '12'; }, true],
    ['spec edited by hand (generation bumped)', deployment, (o) => { o.spec.replicas = 4; o.metadata.generation = 2; }, false],
    ['spec edited, generation not (yet) changed', deployment, (o) => { o.spec.template.spec.containers[0].args.push('b'); }, false],
    ['ConfigMap data edited (a kind without generation)', configMap, (o) => { o.data.page = 'defaced'; o.metadata.resourceVersion = '6'; }, false],
    ['ConfigMap data removed', configMap, (o) => { delete o.data; }, false],
    ['our labels stripped', deployment, (o) => { delete o.metadata.labels['orkestra-owner']; }, false],
    ['an annotation changed', deployment, (o) => { o.metadata.annotations['deployment.kubernetes.io/revision'] = '2'; }, false],
    ['ownerReference removed', deployment, (o) => { o.metadata.ownerReferences = []; }, false],
    ['finalizer added', deployment, (o) => { o.metadata.finalizers = ['x']; }, false],
    ['deletion started', deployment, (o) => { o.metadata.deletionTimestamp = '2026-01-01T00:00:00Z'; }, false],
    ['a top-level field added', configMap, (o) => { o.binaryData = {}; }, false],
    ['a list element replaced by an equal-looking map', deployment, (o) => { o.spec.template.spec.containers[0].args = { 0: 'a' }; }, false],
  ];
  for (const [name, base, edit, expected] of cases) {
    it(`${name} → ${expected ? 'status only' : 'queues the owner'}`, () => {
      expect(statusOnlyUpdate(base, edited(base, edit))).to.equal(expected);
      expect(statusOnlyUpdate(edited(base, edit), base)).to.equal(expected);
    });
  }
});

describe('controller/child-updates: readsChildStatus', () => {
  const entry = (operatorBox: Record<string, unknown>): CrdEntry => ({ operatorBox } as unknown as CrdEntry);
  const cases: Array<[string, CrdEntry, string, string, boolean]> = [
    ['no status conditions, no onDelete', entry({ onReconcile: { deployments: [{}] } }), 'apps/v1', 'Deployment', false],
    ['status.conditions: true (Available reads workloads)', entry({ status: { conditions: true }, onReconcile: { deployments: [{}] } }), 'apps/v1', 'Deployment', true],
    ['an onDelete Job', entry({ onDelete: { jobs: [{}] } }), 'batch/v1', 'Job', true],
    ['onDelete Jobs do not make Deployments status readers', entry({ onDelete: { jobs: [{}] }, onReconcile: { deployments: [{}] } }), 'apps/v1', 'Deployment', false],
    ['no operatorBox', {} as CrdEntry, 'v1', 'ConfigMap', false],
  ];
  for (const [name, e, apiVersion, kind, expected] of cases) {
    it(`${name} → ${expected}`, () => expect(readsChildStatus(e, apiVersion, kind)).to.equal(expected));
  }
});
