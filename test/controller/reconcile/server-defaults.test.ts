// The server defaults the child caches drop (issue #17) and the drift check that reads a dropped
// one as its default: a Deployment as a v1.20 API server returns it for the website example's
// desired object stays in shape once cached; every change of a field we set, and of a default we
// set to something else, is still drift.
import { expect } from 'chai';
import { compactForCache } from '../../../controller/engine/compact.js';
import { dropServerDefaults, hasServerDefaults } from '../../../controller/reconcile/server-defaults.js';
import { childInShape } from '../../../controller/reconcile/subset.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const container = { name: 'blog', image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'TCP' }], env: [{ name: 'SITE_TITLE', value: 'Our blog' }] };
const desired = (spec: Record<string, unknown> = {}, c: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'blog', namespace: 'default', labels: { 'orkestra-owner': 'blog' } },
  spec: { replicas: 2, selector: { matchLabels: { 'orkestra-owner': 'blog' } }, template: { metadata: { labels: { 'orkestra-owner': 'blog' } }, spec: { containers: [{ ...container, ...c }] } }, ...spec },
});
/** What the API server makes of `desired()`: every default set, status and managedFields added. */
const served = (spec: Record<string, unknown> = {}, c: Record<string, unknown> = {}): KubeObject => JSON.parse(JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'blog', namespace: 'default', uid: 'u-1', resourceVersion: '7', generation: 1, labels: { 'orkestra-owner': 'blog' }, managedFields: [{ manager: 'orkestra' }] },
  spec: {
    replicas: 2, selector: { matchLabels: { 'orkestra-owner': 'blog' } },
    template: {
      metadata: { creationTimestamp: null, labels: { 'orkestra-owner': 'blog' } },
      spec: {
        containers: [{ ...container, resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', ...c }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    ...spec,
  },
  status: { observedGeneration: 1, replicas: 2 },
})) as KubeObject;
const cached = (o: KubeObject) => dropServerDefaults(compactForCache({ dropStatus: true, dropLastApplied: true })(o));

describe('controller/reconcile/server-defaults', () => {
  it('drops exactly the fields that hold the server default, keeping the order of the rest', () => {
    const out = cached(served());
    const spec = out.spec as Record<string, any>;
    expect(Object.keys(spec)).to.deep.equal(['replicas', 'selector', 'template']);
    expect(spec.template).to.deep.equal({ metadata: { labels: { 'orkestra-owner': 'blog' } }, spec: { containers: [{ ...container, resources: {} }] } });
    expect(Object.keys(out)).to.deep.equal(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('keeps a field that differs from the default, and kinds without a table untouched', () => {
    const spec = cached(served({ progressDeadlineSeconds: 300, strategy: { type: 'Recreate' } }, { imagePullPolicy: 'Always' })).spec as Record<string, any>;
    expect(spec.progressDeadlineSeconds).to.equal(300);
    expect(spec.strategy).to.deep.equal({ type: 'Recreate' });
    expect(spec.template.spec.containers[0].imagePullPolicy).to.equal('Always');
    expect(spec).to.not.have.property('revisionHistoryLimit');
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { sessionAffinity: 'None' } };
    expect(dropServerDefaults(service)).to.equal(service);
    expect(hasServerDefaults('apps/v1', 'Deployment')).to.equal(true);
  });

  it('a cached child the server defaulted is in shape, also where the desired object sets the defaults itself', () => {
    expect(childInShape(desired(), cached(served()))).to.equal(true);
    const explicit = { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 };
    expect(childInShape(desired(explicit, { imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }), cached(served()))).to.equal(true);
    // Part of a default (the server fills in the rest): still in shape.
    expect(childInShape(desired({ strategy: { type: 'RollingUpdate' } }), cached(served()))).to.equal(true);
    // Read whole (a GET, or a cache that keeps defaults): the same answers.
    expect(childInShape(desired(explicit), compactForCache()(served()))).to.equal(true);
  });

  it('a default the desired object sets to something else is drift, cached or whole', () => {
    for (const live of [cached(served()), served()]) {
      expect(childInShape(desired({ progressDeadlineSeconds: 300 }), live)).to.equal(false);
      expect(childInShape(desired({ strategy: { type: 'Recreate' } }), live)).to.equal(false);
      expect(childInShape(desired({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }), live)).to.equal(false);
      expect(childInShape(desired({}, { imagePullPolicy: 'Always' }), live)).to.equal(false);
      expect(childInShape(desired({ revisionHistoryLimit: null }), live)).to.equal(false);
    }
  });

  it('a live default changed by hand is drift where the desired object sets it, and not where it does not', () => {
    const changed = cached(served({ progressDeadlineSeconds: 900 }, { imagePullPolicy: 'Always' }));
    expect(childInShape(desired({ progressDeadlineSeconds: 600 }), changed)).to.equal(false);
    expect(childInShape(desired({}, { imagePullPolicy: 'IfNotPresent' }), changed)).to.equal(false);
    expect(childInShape(desired(), changed)).to.equal(true);
  });

  it('cached or whole, every default field gives the same answer for any desired value', () => {
    const spec = (k: string) => (v: unknown) => desired({ [k]: v });
    const ctr = (k: string) => (v: unknown) => desired({}, { [k]: v });
    const pod = (k: string) => (v: unknown) => {
      const d = desired();
      const template = (d.spec as any).template;
      template.spec[k] = v;
      return d;
    };
    const places: [(v: unknown) => KubeObject, unknown[]][] = [
      [spec('strategy'), [{ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, { type: 'RollingUpdate' }, {}, { type: 'Recreate' }]],
      [spec('revisionHistoryLimit'), [10, 3, '10']], [spec('progressDeadlineSeconds'), [600, 601]],
      [pod('restartPolicy'), ['Always', 'Never']], [pod('terminationGracePeriodSeconds'), [30, 0]], [pod('dnsPolicy'), ['ClusterFirst', 'Default']],
      [pod('securityContext'), [{}, { runAsNonRoot: true }, []]], [pod('schedulerName'), ['default-scheduler', 'other']],
      [ctr('terminationMessagePath'), ['/dev/termination-log', '/tmp/x']], [ctr('terminationMessagePolicy'), ['File', 'FallbackToLogsOnError']],
      [ctr('imagePullPolicy'), ['IfNotPresent', 'Never']],
    ];
    for (const [make, values] of places) {
      for (const v of [...values, null, undefined, false, '']) {
        const d = make(v);
        expect(childInShape(d, cached(served())), JSON.stringify(d.spec)).to.equal(childInShape(d, served()));
      }
    }
  });

  it('takes the cached version’s spec as it is when uid and generation are the same, else drops defaults anew', () => {
    const previous = cached(served());
    const status = cached(served());
    expect(dropServerDefaults(compactForCache({ dropStatus: true })(served()), previous).spec).to.equal(previous.spec);
    const changed = served({ replicas: 3 });
    changed.metadata.generation = 2;
    const out = dropServerDefaults(compactForCache({ dropStatus: true })(changed), previous);
    expect(out.spec).to.not.equal(previous.spec);
    expect((out.spec as Record<string, unknown>).replicas).to.equal(3);
    expect(out.spec).to.not.have.property('strategy');
    const other = served();
    other.metadata.uid = 'u-2';
    expect(dropServerDefaults(compactForCache({ dropStatus: true })(other), status).spec).to.not.equal(status.spec);
  });

  it('fields we set are still compared: replicas, image, env, labels', () => {
    const live = cached(served());
    expect(childInShape(desired({ replicas: 3 }), live)).to.equal(false);
    expect(childInShape(desired({}, { image: 'nginx:1.28' }), live)).to.equal(false);
    expect(childInShape(desired({}, { env: [{ name: 'SITE_TITLE', value: 'x' }] }), live)).to.equal(false);
  });
});
