import { expect } from 'chai';
import { kubeTime, nextCondition, withCondition, type Condition } from '../../../controller/reconcile/conditions.js';
import { declaredStatusPaths, desiredStatus, statusPatch, type StatusInput } from '../../../controller/reconcile/status.js';

const T0 = new Date('2024-05-01T10:00:00.123Z');
const T1 = new Date('2024-05-01T11:30:00.999Z');
const ok = { type: 'Ready', status: 'True' as const, reason: 'Reconciled', message: '2 children in the declared shape' };
const denied = { type: 'Ready', status: 'False' as const, reason: 'ValidationFailed', message: 'spec.image must not use the :latest tag' };

function input(over: Partial<StatusInput> = {}): StatusInput {
  return { liveStatus: undefined, generation: 3, recordGeneration: true, conditions: [ok], fields: { url: 'http://x', replicas: 2 }, declaredPaths: ['url', 'replicas', 'publicService'], now: T0, ...over };
}

/** What the server holds after a merge patch of `patch` onto `live` (nulls delete). */
function merge(live: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof live === 'object' && live !== null && !Array.isArray(live) ? { ...(live as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

describe('controller/reconcile/status', () => {
  describe('nextCondition', () => {
    const prev: Condition = { type: 'Ready', status: 'True', observedGeneration: 2, lastTransitionTime: '2024-01-01T00:00:00Z', reason: 'Reconciled', message: 'old' };
    const cases: { name: string; previous: Condition | undefined; outcome: typeof ok | typeof denied; time: string }[] = [
      { name: 'first condition: now, whole seconds', previous: undefined, outcome: ok, time: '2024-05-01T10:00:00Z' },
      { name: 'same status, new message: time kept', previous: prev, outcome: { ...ok, message: 'new' }, time: '2024-01-01T00:00:00Z' },
      { name: 'status flips: time moves', previous: prev, outcome: denied, time: '2024-05-01T10:00:00Z' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const got = nextCondition(c.previous, { ...c.outcome, observedGeneration: 3 }, T0);
        expect(got).to.deep.equal({ ...c.outcome, observedGeneration: 3, lastTransitionTime: c.time });
      });
    }
    it('withCondition replaces by type and keeps other writers\' conditions in order', () => {
      const other: Condition = { type: 'Backup', status: 'True', lastTransitionTime: 't', reason: 'Done', message: '' };
      const got = withCondition([other, prev], { ...prev, message: 'x' });
      expect(got.map((c) => `${c.type}:${c.message}`)).to.deep.equal(['Backup:', 'Ready:x']);
      expect(withCondition([other], prev).map((c) => c.type)).to.deep.equal(['Backup', 'Ready']);
    });
    it('kubeTime drops fractions', () => expect(kubeTime(T1)).to.equal('2024-05-01T11:30:00Z'));
  });

  describe('desiredStatus and statusPatch', () => {
    it('first write: observedGeneration, Ready with generation, typed fields, absent declared path removed', () => {
      const d = desiredStatus(input());
      expect(d).to.deep.equal({
        url: 'http://x', replicas: 2, publicService: null, observedGeneration: 3,
        conditions: [{ ...ok, observedGeneration: 3, lastTransitionTime: '2024-05-01T10:00:00Z' }],
      });
      expect(statusPatch(undefined, d)).to.equal(d);
    });

    it('no patch once the live status holds it, even a later clock', () => {
      const live = merge({}, desiredStatus(input()));
      expect(statusPatch(live, desiredStatus(input({ liveStatus: live, now: T1 })))).to.equal(undefined);
    });

    it('foreign status keys and conditions do not cause a write', () => {
      const live = merge({}, desiredStatus(input())) as Record<string, unknown>;
      live.extra = 'theirs';
      const next = desiredStatus(input({ liveStatus: live, now: T1 }));
      expect(statusPatch(live, next)).to.equal(undefined);
      (live.conditions as Condition[]).unshift({ type: 'Backup', status: 'True', lastTransitionTime: 't', reason: 'Done', message: '' });
      const again = desiredStatus(input({ liveStatus: live, now: T1 }));
      expect(statusPatch(live, again)).to.equal(undefined);
      expect((again.conditions as Condition[]).map((c) => c.type)).to.deep.equal(['Backup', 'Ready']);
    });

    const changes: { name: string; over: Partial<StatusInput>; check: (d: Record<string, unknown>) => void }[] = [
      { name: 'new generation', over: { generation: 4 }, check: (d) => expect(d.observedGeneration).to.equal(4) },
      { name: 'typed field changed', over: { fields: { url: 'http://x', replicas: 3 } }, check: (d) => expect(d.replicas).to.equal(3) },
      { name: 'declared field no longer rendered → null', over: { fields: { url: 'http://x' } }, check: (d) => expect(d.replicas).to.equal(null) },
      { name: 'Ready flips: transition time is now', over: { conditions: [denied], now: T1 },
        check: (d) => expect((d.conditions as Condition[])[0]).to.include({ status: 'False', reason: 'ValidationFailed', lastTransitionTime: '2024-05-01T11:30:00Z' }) },
    ];
    for (const c of changes) {
      it(`patches when: ${c.name}`, () => {
        const live = merge({}, desiredStatus(input()));
        const patch = statusPatch(live, desiredStatus(input({ liveStatus: live, ...c.over })));
        expect(patch).to.not.equal(undefined);
        c.check(patch!);
      });
    }

    it('render failed (fields undefined): live field values are kept, not removed', () => {
      const live = merge({}, desiredStatus(input()));
      const d = desiredStatus(input({ liveStatus: live, fields: undefined, conditions: [denied], now: T1 }));
      expect(d).to.not.have.property('url');
      expect(merge(live, d)).to.include({ url: 'http://x', replicas: 2 });
    });

    it('message change with the same status keeps lastTransitionTime', () => {
      const live = merge({}, desiredStatus(input()));
      const d = desiredStatus(input({ liveStatus: live, conditions: [{ ...ok, message: 'other' }], now: T1 }));
      expect((d.conditions as Condition[])[0]!.lastTransitionTime).to.equal('2024-05-01T10:00:00Z');
    });

    it('without a status subresource: no observedGeneration anywhere', () => {
      const d = desiredStatus(input({ recordGeneration: false }));
      expect(d).to.not.have.property('observedGeneration');
      expect((d.conditions as Condition[])[0]).to.not.have.property('observedGeneration');
    });

    it('nested declared paths', () => {
      const d = desiredStatus(input({ fields: { 'db.host': 'h' }, declaredPaths: ['db.host', 'db.port'] }));
      expect(d).to.deep.include({ db: { host: 'h', port: null } });
    });
  });

  describe('declaredStatusPaths', () => {
    it('normalises like the renderer', () => {
      expect(declaredStatusPaths({ fields: [{ path: 'url', value: '' }, { path: 'status.a.b', value: '' }, { path: '.status.c', value: '' }] }))
        .to.deep.equal(['url', 'a.b', 'c']);
      expect(declaredStatusPaths(undefined)).to.deep.equal([]);
    });

    it('leaves out fields with conditions unless clearOnFalse: their last value is kept while the conditions fail (as upstream)', () => {
      const phase = (value: string, equals: string) => ({ path: 'phase', value, when: [{ field: 'status.phase', equals }] });
      const spec = { fields: [phase('Running', 'Pending'), { path: 'tier', value: 'x', or: [{ field: 'spec.a', exists: true }] }, { path: 'url', value: 'u' }, { ...phase('Gone', 'x'), path: 'gone', clearOnFalse: true }] };
      expect(declaredStatusPaths(spec)).to.deep.equal(['url', 'gone']);
      const d = desiredStatus(input({ fields: {}, declaredPaths: declaredStatusPaths(spec), liveStatus: { phase: 'Pending' } }));
      expect(d).to.not.have.property('phase');
      expect(d.url).to.equal(null);
    });
  });
});
