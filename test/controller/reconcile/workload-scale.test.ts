// A workload child's autoscale at reconcile time: spec.replicas moves from the live count and the
// last scale event is stamped on the object; during the cooldown the live count holds; a child not
// created yet gets its declared count.
import { expect } from 'chai';
import { LAST_SCALE_ANNOTATION, scaleWorkload } from '../../../controller/reconcile/workload-scale.js';
import { makeCr, reconcile, render } from '../../shared/render/fixtures.js';

const autoscale = {
  min: 2, max: 6, cooldown: '2m',
  scaleUp: { conditions: { when: [{ field: 'spec.load', equals: 'high' }] }, increment: 2 },
};

describe('controller/reconcile workload autoscale', () => {
  it('moves the live count and stamps the scale event; holds during the cooldown; creates with the declared count', () => {
    const child = render(reconcile({ deployments: [{ name: 'web', image: 'x', replicas: 3, autoscale }] }), makeCr({ load: 'high' })).children[0]!;
    const now = new Date('2026-12-04T10:00:00Z');
    expect(scaleWorkload(child, undefined, now)).to.equal(child);
    const live = { ...child.object, spec: { ...(child.object.spec as object), replicas: 4 } };
    const scaled = scaleWorkload(child, live, now).object;
    expect((scaled.spec as { replicas: number }).replicas).to.equal(6);
    expect(scaled.metadata.annotations?.[LAST_SCALE_ANNOTATION]).to.equal('2026-12-04T10:00:00Z');
    const cooling = { ...live, metadata: { ...live.metadata, annotations: { [LAST_SCALE_ANNOTATION]: '2026-12-04T09:59:00Z' } } };
    const held = scaleWorkload(child, cooling, now).object;
    expect((held.spec as { replicas: number }).replicas, 'within 2m of the last event: the live count').to.equal(4);
    expect(held.metadata.annotations?.[LAST_SCALE_ANNOTATION]).to.equal('2026-12-04T09:59:00Z');
    const later = scaleWorkload(child, cooling, new Date('2026-12-04T10:01:30Z')).object;
    expect((later.spec as { replicas: number }).replicas).to.equal(6);
  });
});
