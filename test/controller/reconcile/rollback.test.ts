// Rollback on error: when an entry asks for it, which spec is kept as the last good one, when a
// run of failures rolls a CR back, and which spec a rolled-back CR renders from.
import { expect } from 'chai';
import {
  failuresCounted, keepSpecPatch, LAST_GOOD_SPEC_ANNOTATION, lastGoodOf, onRollbackOf, previousContext, ROLLED_BACK_ANNOTATION, rollbackEntry, rollbackThreshold, rollbackWindowMs, rolledBackTo, shouldRollBack,
} from '../../../controller/reconcile/rollback.js';
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

  it('withinDuration: only failures within the window count, so the last N must all fall in it', () => {
    const within: CrdEntry = { operatorBox: { rollback: { trigger: { consecutiveFailures: 3, withinDuration: '5m' } } } };
    expect(rollbackWindowMs(within)).to.equal(300_000);
    expect(rollbackWindowMs(onError)).to.equal(undefined);
    expect(rollbackWindowMs({ operatorBox: { rollback: { trigger: { withinDuration: 'soon' } } } })).to.equal(undefined);
    const now = 10_000_000;
    expect(failuresCounted(onError, [0, 1, now], now), 'no window: every failure in a row').to.equal(3);
    expect(failuresCounted(within, [now - 200_000, now - 100_000, now], now)).to.equal(3);
    expect(failuresCounted(within, [now - 7_200_000, now - 3_600_000, now], now), '3 failures over 2 hours').to.equal(1);
    expect(failuresCounted(within, [now - 300_001, now - 60_000, now], now)).to.equal(2);
  });

  it('onRollback: replaces onCreate/onReconcile in the entry it renders; .previous carries the kept spec', () => {
    const lists = { configMaps: [{ name: '{{ .metadata.name }}-restored', data: { port: '{{ .previous.spec.port }}' } }] };
    const entry: CrdEntry = { operatorBox: { rollback: { onRollback: lists }, onCreate: { secrets: [{ name: 's' }] }, onReconcile: { configMaps: [{ name: 'c' }] }, onDelete: { configMaps: [{ name: 'c' }] }, status: { fields: [] } } } as CrdEntry;
    expect(onRollbackOf(entry)).to.equal(lists);
    expect(onRollbackOf(onError)).to.equal(undefined);
    const box = rollbackEntry(entry, lists).operatorBox!;
    expect(box.onReconcile).to.equal(lists);
    expect(box.onCreate).to.equal(undefined);
    expect(box.onDelete).to.deep.equal({ configMaps: [{ name: 'c' }] });
    expect(box.status).to.deep.equal({ fields: [] });
    expect(previousContext(cr(3, { port: 1 }), { generation: 2, spec: { port: 8080 } })).to.deep.equal({ previous: { spec: { port: 8080 }, metadata: { name: 'a', namespace: 'ns', generation: 2 } } });
  });
});
