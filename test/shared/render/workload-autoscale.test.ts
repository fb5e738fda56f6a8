// Upstream's workload autoscale: the renderer keeps the directions whose conditions hold; the
// target follows upstream's resolveTarget (scale-up first while below max, else scale-down while
// above min, min defaulting to the current count).
import { expect } from 'chai';
import { scaleTarget } from '../../../shared/render/workload-autoscale.js';
import { issueLines, makeCr, reconcile, render, renderError } from './fixtures.js';

const autoscale = {
  min: 2, max: 6, cooldown: '2m',
  scaleUp: { conditions: { when: [{ field: 'spec.load', equals: 'high' }] }, increment: 2 },
  scaleDown: { conditions: { anyOf: [{ field: 'spec.load', equals: 'low' }] }, target: 2 },
};

describe('shared/render workload autoscale', () => {
  it('keeps the directions whose conditions hold, out of the applied object', () => {
    const entry = reconcile({ deployments: [{ image: 'x', replicas: 3, autoscale }] });
    const high = render(entry, makeCr({ load: 'high' })).children[0]!;
    expect(high.autoscale).to.deep.equal({ max: 6, min: 2, cooldownMs: 120_000, up: { increment: 2 } });
    expect(high.object.spec).to.not.have.property('autoscale');
    expect(render(entry, makeCr({ load: 'low' })).children[0]!.autoscale).to.deep.equal({ max: 6, min: 2, cooldownMs: 120_000, down: { target: 2 } });
    expect(render(reconcile({ statefulSets: [{ image: 'x', autoscale: { max: 3 } }] })).children[0]!.autoscale).to.deep.equal({ max: 3, cooldownMs: 60_000 });
  });

  it('refuses autoscale on other kinds, without max, or with a count that is not a whole number', () => {
    expect(issueLines(renderError(reconcile({ services: [{ port: 80, autoscale: { max: 2 } }] })))[0]).to.match(/services\[0\]\.autoscale: only deployments, statefulSets and replicaSets take autoscale/);
    expect(issueLines(renderError(reconcile({ deployments: [{ image: 'x', autoscale: { min: 1 } }] })))[0]).to.match(/autoscale\.max: required/);
    expect(issueLines(renderError(reconcile({ replicaSets: [{ image: 'x', autoscale: { max: 'many' } }] })))[0]).to.match(/autoscale\.max: expected a whole number of replicas, got "many"/);
  });

  it('computes upstream\'s target: up first within max, else down within min (default: the current count)', () => {
    expect(scaleTarget({ max: 6, cooldownMs: 0, up: { increment: 2 } }, 3)).to.equal(5);
    expect(scaleTarget({ max: 6, cooldownMs: 0, up: { increment: 5 } }, 3)).to.equal(6);
    expect(scaleTarget({ max: 6, cooldownMs: 0, up: { target: 9 } }, 6)).to.equal(6);
    expect(scaleTarget({ max: 6, min: 2, cooldownMs: 0, down: { decrement: 5 } }, 4)).to.equal(2);
    expect(scaleTarget({ max: 6, cooldownMs: 0, down: { decrement: 1 } }, 4), 'no min: nothing below the current count').to.equal(4);
    expect(scaleTarget({ max: 6, min: 1, cooldownMs: 0 }, 4)).to.equal(4);
  });
});
