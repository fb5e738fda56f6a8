// Reading and writing the election record on a Lease object, and the timing rules.
import { expect } from 'chai';
import { DIGEST_ANNOTATION, heldRecord, leaseWith, microTime, recordKey, recordOf, releasedRecord, REVISION_ANNOTATION } from '../../../controller/leader/lease-record.js';
import { checkTiming, DEFAULT_TIMING, leaseSeconds } from '../../../controller/leader/timing.js';

const me = { identity: 'me', digest: 'sha256:a', revision: 'r1' };

describe('controller/leader/lease-record', () => {
  it('formats MicroTime with six fractional digits', () => {
    expect(microTime(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).to.equal('2024-01-02T03:04:05.678000Z');
  });

  it('takes over with a new acquireTime and one more transition; renews keeping acquireTime and transitions', () => {
    const theirs = recordOf(leaseWith(undefined, 'ns', 'l', heldRecord(undefined, { ...me, identity: 'them' }, 0, 15)));
    expect(theirs.leaseTransitions).to.equal(0);
    const taken = heldRecord(theirs, me, 5_000, 15);
    expect(taken).to.deep.include({ holderIdentity: 'me', leaseTransitions: 1, acquireTime: microTime(5_000), renewTime: microTime(5_000), digest: 'sha256:a', revision: 'r1' });
    const renewed = heldRecord(taken, me, 7_000, 15);
    expect(renewed).to.deep.include({ leaseTransitions: 1, acquireTime: microTime(5_000), renewTime: microTime(7_000) });
    expect(recordKey(renewed)).to.not.equal(recordKey(taken));
  });

  it('release clears the holder, shortens the duration to 1 s and keeps digest and revision', () => {
    const held = heldRecord(undefined, me, 0, 15);
    expect(releasedRecord(held, 9_000)).to.deep.include({ holderIdentity: '', leaseDurationSeconds: 1, digest: 'sha256:a', revision: 'r1', leaseTransitions: 0 });
  });

  it('writes into the object read: resourceVersion, foreign annotations and spec fields survive', () => {
    const base = {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'l', namespace: 'ns', resourceVersion: '42', annotations: { keep: 'me' } },
      spec: { holderIdentity: 'x', preferredHolder: 'p' },
    };
    const out = leaseWith(base, 'ns', 'l', heldRecord(recordOf(base), me, 0, 15));
    expect(out.metadata.resourceVersion).to.equal('42');
    expect(out.metadata.annotations).to.deep.equal({ keep: 'me', [DIGEST_ANNOTATION]: 'sha256:a', [REVISION_ANNOTATION]: 'r1' });
    expect(out.spec).to.deep.include({ holderIdentity: 'me', preferredHolder: 'p', leaseDurationSeconds: 15 });
    expect(base.spec.holderIdentity, 'the input is not mutated').to.equal('x');
  });

  it('reads a Lease without our annotations or fields as empty values', () => {
    expect(recordOf({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' } })).to.deep.equal({
      holderIdentity: '', leaseDurationSeconds: 0, acquireTime: '', renewTime: '', leaseTransitions: 0, digest: '', revision: '',
    });
  });

  it('timing: defaults are valid, seconds round up, bad orders are refused', () => {
    expect(checkTiming(DEFAULT_TIMING)).to.equal(DEFAULT_TIMING);
    expect(leaseSeconds(15_000)).to.equal(15);
    expect(leaseSeconds(1_500)).to.equal(2);
    expect(() => checkTiming({ leaseDurationMs: 900, renewDeadlineMs: 500, retryPeriodMs: 100 })).to.throw(/at least 1 s/);
    expect(() => checkTiming({ leaseDurationMs: 3_000, renewDeadlineMs: 3_000, retryPeriodMs: 500 })).to.throw(/renew deadline/);
    expect(() => checkTiming({ leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: -1 })).to.throw(/positive/);
    expect(() => checkTiming({ leaseDurationMs: 99_999_999_999 * 3_600_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 })).to.throw(/at most 596523h/);
    expect(checkTiming({ leaseDurationMs: (2 ** 31 - 1) * 1000, renewDeadlineMs: 2_000, retryPeriodMs: 500 }).leaseDurationMs).to.equal((2 ** 31 - 1) * 1000);
  });
});
