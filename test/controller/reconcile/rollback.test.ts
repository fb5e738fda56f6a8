// Rollback on error: when an entry asks for it, which spec is kept as the last good one, when a
// run of failures rolls a CR back, and which spec a rolled-back CR renders from.
import { expect } from 'chai';
import { keepSpecPatch, LAST_GOOD_SPEC_ANNOTATION, lastGoodOf, ROLLED_BACK_ANNOTATION, rollbackThreshold, rolledBackTo, shouldRollBack } from '../../../controller/reconcile/rollback.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const cr = (generation: number, spec: unknown, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'x.io/v1', kind: 'App', metadata: { name: 'a', namespace: 'ns', generation, ...(annotations ? { annotations } : {}) }, spec } as KubeObject);
const kept = (generation: number, spec: unknown) => JSON.stringify({ generation, spec });
const onError: CrdEntry = { operatorBox: { rollBackOnError: true } };

describe('controller/reconcile/rollback', () => {
  it('asks for rollback with rollBackOnError or a rollback trigger; 3 failures unless the trigger says', () => {
    expect(rollbackThreshold({})).to.equal(undefined);
    expect(rollbackThreshold({ operatorBox: { rollBackOnError: false } })).to.equal(undefined);
    expect(rollbackThreshold(onError)).to.equal(3);
    expect(rollbackThreshold({ operatorBox: { rollBackOnError: true, rollback: { trigger: { consecutiveFailures: 5 } } } })).to.equal(5);
    expect(rollbackThreshold({ operatorBox: { rollback: { trigger: { consecutiveFailures: 2 } } } })).to.equal(2);
    expect(rollbackThreshold({ operatorBox: { rollback: { trigger: { consecutiveFailures: 0 } } } })).to.equal(3);
  });

  it('keeps the spec of a Ready reconcile once per generation, and drops an old rollback mark with it', () => {
    expect(keepSpecPatch(cr(2, { v: 1 }))).to.deep.equal({ metadata: { annotations: { [LAST_GOOD_SPEC_ANNOTATION]: kept(2, { v: 1 }) } } });
    expect(keepSpecPatch(cr(2, { v: 1 }, { [LAST_GOOD_SPEC_ANNOTATION]: kept(2, { v: 1 }) }))).to.equal(undefined);
    expect(keepSpecPatch(cr(4, { v: 3 }, { [LAST_GOOD_SPEC_ANNOTATION]: kept(2, { v: 1 }), [ROLLED_BACK_ANNOTATION]: '3' }))).to.deep.equal({
      metadata: { annotations: { [LAST_GOOD_SPEC_ANNOTATION]: kept(4, { v: 3 }), [ROLLED_BACK_ANNOTATION]: null } },
    });
  });

  it('rolls back after the threshold, only to a spec of another generation, once per generation', () => {
    const good = { [LAST_GOOD_SPEC_ANNOTATION]: kept(2, { v: 1 }) };
    expect(shouldRollBack(onError, cr(3, { v: 9 }, good), 2)).to.equal(false);
    expect(shouldRollBack(onError, cr(3, { v: 9 }, good), 3)).to.equal(true);
    expect(shouldRollBack({}, cr(3, { v: 9 }, good), 9), 'not asked').to.equal(false);
    expect(shouldRollBack(onError, cr(3, { v: 9 }), 9), 'nothing kept').to.equal(false);
    expect(shouldRollBack(onError, cr(2, { v: 1 }, good), 9), 'the kept spec is the failing one').to.equal(false);
    expect(shouldRollBack(onError, cr(3, { v: 9 }, { ...good, [ROLLED_BACK_ANNOTATION]: '3' }), 9), 'already').to.equal(false);
  });

  it('a CR rolled back at its current generation renders from the kept spec; a newer generation ends it', () => {
    const marked = { [LAST_GOOD_SPEC_ANNOTATION]: kept(2, { v: 1 }), [ROLLED_BACK_ANNOTATION]: '3' };
    expect(rolledBackTo(cr(3, { v: 9 }, marked))).to.deep.equal({ generation: 2, spec: { v: 1 } });
    expect(rolledBackTo(cr(4, { v: 10 }, marked))).to.equal(undefined);
    expect(rolledBackTo(cr(3, { v: 9 }))).to.equal(undefined);
    expect(lastGoodOf(cr(3, {}, { [LAST_GOOD_SPEC_ANNOTATION]: 'not json' }))).to.equal(undefined);
  });
});
