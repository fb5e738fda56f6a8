import { expect } from 'chai';
import type { Condition } from '../../../controller/reconcile/conditions.js';
import { eventObject, eventSuffix, transitionEvents, type TransitionInput } from '../../../controller/reconcile/events.js';
import type { ChildAction } from '../../../controller/reconcile/plan.js';
import { child, cr, liveOf } from './fixtures.js';

const readyTrue: Condition = { type: 'Ready', status: 'True', observedGeneration: 2, lastTransitionTime: 't', reason: 'Reconciled', message: '2 children in the declared shape' };
const ok = { type: 'Ready', status: 'True' as const, reason: 'Reconciled', message: '2 children in the declared shape' };
const denied = { type: 'Ready', status: 'False' as const, reason: 'ValidationFailed', message: 'no latest' };
const deploy = child('Deployment', 'blog', { spec: { replicas: 2 } });
const cm = child('ConfigMap', 'blog-config', {}, { createOnly: true });

describe('controller/reconcile/events', () => {
  const cases: { name: string; input: TransitionInput; want: string[] }[] = [
    { name: 'first Ready', input: { previousReady: undefined, ready: ok, generation: 1, done: [{ type: 'apply', child: deploy, reason: 'missing' }] }, want: ['Normal Reconciled'] },
    { name: 'no-op resync: nothing', input: { previousReady: readyTrue, ready: ok, generation: 2, done: [] }, want: [] },
    { name: 'Ready again after a failure', input: { previousReady: { ...readyTrue, status: 'False', reason: 'ApplyFailed' }, ready: ok, generation: 2, done: [] }, want: ['Normal Reconciled'] },
    { name: 'drift corrected (same generation)', input: { previousReady: readyTrue, ready: ok, generation: 2, done: [{ type: 'apply', child: deploy, reason: 'drifted' }] }, want: ['Normal DriftCorrected'] },
    { name: 'spec update (new generation): one Updated, no drift', input: { previousReady: readyTrue, ready: ok, generation: 3, done: [{ type: 'apply', child: deploy, reason: 'drifted' }] }, want: ['Normal Updated'] },
    { name: 'create-only child recreated', input: { previousReady: readyTrue, ready: ok, generation: 2, done: [{ type: 'create', child: cm }] }, want: ['Normal Recreated'] },
    { name: 'prune', input: { previousReady: readyTrue, ready: ok, generation: 3, done: [{ type: 'prune', object: liveOf(deploy) }] }, want: ['Normal Pruned'] },
    { name: 'validation denied first time', input: { previousReady: readyTrue, ready: denied, generation: 3, done: [] }, want: ['Warning ValidationFailed'] },
    { name: 'validation still denied, same message: nothing', input: { previousReady: { ...readyTrue, ...denied, observedGeneration: 3 }, ready: denied, generation: 3, done: [] }, want: [] },
    { name: 'denied with another message', input: { previousReady: { ...readyTrue, ...denied }, ready: { ...denied, message: 'other' }, generation: 3, done: [] }, want: ['Warning ValidationFailed'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(transitionEvents(c.input).map((e) => `${e.type} ${e.reason}`)).to.deep.equal(c.want);
    });
  }

  it('skipped and conflicting children raise no child events', () => {
    const done: ChildAction[] = [{ type: 'skip', child: deploy, reason: 'inShape' }];
    expect(transitionEvents({ previousReady: readyTrue, ready: ok, generation: 2, done })).to.deep.equal([]);
  });

  it('builds a core/v1 Event', () => {
    const e = eventObject(cr(), { type: 'Normal', reason: 'Reconciled', message: 'm' }, new Date('2024-05-01T10:00:00.5Z'), 'abc');
    expect(e).to.deep.equal({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: 'blog.abc', namespace: 'web' },
      involvedObject: { apiVersion: 'examples.orkspace.io/v1', kind: 'Website', name: 'blog', namespace: 'web', uid: 'uid-cr-1', resourceVersion: '10' },
      reason: 'Reconciled', message: 'm', type: 'Normal', source: { component: 'orkestra' }, reportingComponent: 'orkestra',
      firstTimestamp: '2024-05-01T10:00:00Z', lastTimestamp: '2024-05-01T10:00:00Z', count: 1,
    });
  });

  it('events of a cluster-scoped CR go to default', () => {
    const c = cr();
    delete c.metadata.namespace;
    expect(eventObject(c, { type: 'Warning', reason: 'X', message: 'm' }, new Date(0), 'a').metadata.namespace).to.equal('default');
  });

  it('suffix: the time in hex, then 8 hex digits from the random source', () => {
    let i = 0;
    const seq = [0, 0.999, 0.5, 0.0625];
    expect(eventSuffix(new Date(0x18f2a3b4c5d), () => seq[i++ % 4]!)).to.equal('18f2a3b4c5d0f810f81');
  });
});
