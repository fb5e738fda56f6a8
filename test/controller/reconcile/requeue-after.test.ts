// Per-object requeue: a duration or a template per CR, gated by when/or, never below the floor;
// a template or value that gives no duration is a problem to log, not a schedule.
import { expect } from 'chai';
import { MIN_REQUEUE_MS, requeueAfterOf } from '../../../controller/reconcile/requeue-after.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const entry = (requeue: NonNullable<NonNullable<CrdEntry['operatorBox']>['reconciler']>['requeue']): CrdEntry => ({ operatorBox: { reconciler: { requeue } } });
const cr = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'x.io/v1', kind: 'App', metadata: { name: 'a', namespace: 'ns' }, spec, status });

describe('controller/reconcile/requeue-after', () => {
  it('schedules nothing without requeue, with an empty or zero after', () => {
    expect(requeueAfterOf({}, cr())).to.deep.equal({});
    expect(requeueAfterOf(entry({}), cr())).to.deep.equal({});
    expect(requeueAfterOf(entry({ after: '' }), cr())).to.deep.equal({});
    expect(requeueAfterOf(entry({ after: '0s' }), cr())).to.deep.equal({});
    expect(requeueAfterOf(entry({ after: '0' }), cr())).to.deep.equal({});
  });

  it('reads a duration, or a template giving one per CR', () => {
    expect(requeueAfterOf(entry({ after: '90s' }), cr())).to.deep.equal({ ms: 90_000 });
    const templated = entry({ after: '{{ .spec.checkInterval | default "60s" }}' });
    expect(requeueAfterOf(templated, cr({ checkInterval: '5m' }))).to.deep.equal({ ms: 300_000 });
    expect(requeueAfterOf(templated, cr())).to.deep.equal({ ms: 60_000 });
  });

  it('never schedules sooner than the floor', () => {
    expect(requeueAfterOf(entry({ after: '10ms' }), cr())).to.deep.equal({ ms: MIN_REQUEUE_MS });
  });

  it('requeues only while when (all) and or (one) hold on the CR', () => {
    const gated = entry({ after: '30s', when: [{ field: 'status.phase', notEquals: 'Complete' } as never] });
    expect(requeueAfterOf(gated, cr({}, { phase: 'Running' }))).to.deep.equal({ ms: 30_000 });
    expect(requeueAfterOf(gated, cr({}, { phase: 'Complete' }))).to.deep.equal({});
    const either = entry({ after: '30s', or: [{ field: 'spec.a', equals: 'x' } as never, { field: 'spec.b', equals: 'y' } as never] });
    expect(requeueAfterOf(either, cr({ b: 'y' }))).to.deep.equal({ ms: 30_000 });
    expect(requeueAfterOf(either, cr({ a: 'z' }))).to.deep.equal({});
  });

  it('reports a value that is not a duration and a template that fails, naming the CR', () => {
    expect(requeueAfterOf(entry({ after: 'soon' }), cr()).problem).to.equal('operatorBox.reconciler.requeue.after of ns/a: "soon" is not a duration; write it like 30s, 5m or 1h');
    const failed = requeueAfterOf(entry({ after: '{{ .spec.x | nosuchfunction }}' }), cr());
    expect(failed.ms).to.equal(undefined);
    expect(failed.problem).to.match(/^operatorBox\.reconciler\.requeue\.after of ns\/a: /);
  });
});
