// A CRD's reconcile record (controller/crd/crd-stats.ts): counts, failures in a row reset by a
// success, a bounded last error, and the start time kept from the first start.
import { expect } from 'chai';
import { CrdStats } from '../../../controller/crd/crd-stats.js';

describe('controller/crd/crd-stats', () => {
  it('counts reconciles and failures, resets failures in a row on success, keeps the last error', () => {
    let now = 1_000;
    const stats = new CrdStats(() => now);
    expect(stats.snapshot()).to.deep.equal({ total: 0, failed: 0, consecutiveFails: 0, lastError: '' });
    stats.started();
    now = 2_000;
    stats.started();
    stats.failure(new Error('boom'));
    stats.failure('text');
    expect(stats.snapshot()).to.deep.equal({ total: 2, failed: 2, consecutiveFails: 2, lastError: 'text', lastReconcileAt: 2_000, startedAt: 1_000 });
    now = 3_000;
    stats.success();
    expect(stats.snapshot()).to.include({ total: 3, failed: 2, consecutiveFails: 0, lastError: 'text', lastReconcileAt: 3_000 });
  });

  it('bounds a long error message', () => {
    const stats = new CrdStats(() => 0);
    stats.failure(new Error('x'.repeat(5_000)));
    expect(stats.snapshot().lastError).to.have.length(513);
  });
});
