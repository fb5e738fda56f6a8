// judge() and digestConflict(): who may renew, acquire, must wait, or is blocked, table-driven.
import { expect } from 'chai';
import type { LeaseRecord } from '../../../controller/leader/lease-record.js';
import { digestConflict, judge, type Verdict } from '../../../controller/leader/verdict.js';

const record = (over: Partial<LeaseRecord>): LeaseRecord => ({
  holderIdentity: 'other', leaseDurationSeconds: 15, acquireTime: 't0', renewTime: 't1', leaseTransitions: 0, digest: 'sha256:a', revision: 'r1', ...over,
});
const self = { identity: 'me', digest: 'sha256:a', revision: 'r1' };

describe('controller/leader/verdict', () => {
  const cases: Array<[string, Partial<LeaseRecord>, Partial<typeof self>, number, Verdict['action']]> = [
    ['our own lease is renewed', { holderIdentity: 'me' }, {}, 0, 'renew'],
    ['our own lease is renewed even after its duration', { holderIdentity: 'me' }, {}, 60_000, 'renew'],
    ['a free lease is acquired at once', { holderIdentity: '' }, {}, 0, 'acquire'],
    ['a held lease is waited for', {}, {}, 14_999, 'wait'],
    ['a lease unchanged for exactly its duration has expired', {}, {}, 15_000, 'acquire'],
    ['the recorded duration counts, not ours', { leaseDurationSeconds: 1 }, {}, 1_000, 'acquire'],
    ['no recorded duration: ours (15 s) counts', { leaseDurationSeconds: 0 }, {}, 14_000, 'wait'],
    ['same revision, other digest: blocked while held', { digest: 'sha256:b' }, {}, 0, 'blocked'],
    ['same revision, other digest: blocked after expiry', { digest: 'sha256:b' }, {}, 999_000, 'blocked'],
    ['same revision, other digest: blocked when released', { digest: 'sha256:b', holderIdentity: '' }, {}, 0, 'blocked'],
    ['other revision, other digest: an ordinary wait', { digest: 'sha256:b', revision: 'r0' }, {}, 0, 'wait'],
    ['other revision, other digest: acquires after expiry', { digest: 'sha256:b', revision: 'r0' }, {}, 15_000, 'acquire'],
    ['our revision unknown: no guard', { digest: 'sha256:b' }, { revision: '' }, 15_000, 'acquire'],
    ['recorded revision unknown: no guard', { digest: 'sha256:b', revision: '' }, {}, 15_000, 'acquire'],
    ['no recorded digest (not an orkestra leader): no guard', { digest: '' }, {}, 0, 'wait'],
  ];
  for (const [name, rec, me, elapsed, action] of cases) {
    it(name, () => {
      const verdict = judge({ record: record(rec), observedAtMs: 1_000 }, { ...self, ...me }, 1_000 + elapsed, 15_000);
      expect(verdict.action).to.equal(action);
    });
  }

  it('names both digests, the revision and the recorded holder when blocked', () => {
    expect(digestConflict(record({ digest: 'sha256:b', holderIdentity: 'pod-1_x' }), self)).to.deep.equal({
      reason: 'BundleDigestMismatch', revision: 'r1', leaderDigest: 'sha256:b', ownDigest: 'sha256:a', leaderIdentity: 'pod-1_x',
    });
  });
});
