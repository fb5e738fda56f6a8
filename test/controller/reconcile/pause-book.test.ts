// The pauses children's `sleep` start: a running pause names its child and what is left of it,
// an ended one is forgotten; the Ready outcome of a paused plan says which child and what follows,
// and never hides a failure.
import { expect } from 'chai';
import { PauseBook } from '../../../controller/reconcile/pause-book.js';
import { pacedOutcome } from '../../../controller/reconcile/paused.js';
import type { ChildAction } from '../../../controller/reconcile/plan.js';

const child = (name: string) => ({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' } } }) as never;

describe('controller/reconcile pauses of a child\'s sleep', () => {
  it('holds a CR until its pause is over, then forgets it', () => {
    const book = new PauseBook();
    expect(book.hold('c|ns|a', 1000)).to.equal(undefined);
    book.start('c|ns|a', 'v1|ConfigMap|ns|first', 1000, 3000);
    expect(book.hold('c|ns|a', 2500)).to.deep.equal({ child: 'v1|ConfigMap|ns|first', ms: 1500, total: 3000 });
    expect(book.hold('c|ns|b', 2500)).to.equal(undefined);
    expect(book.hold('c|ns|a', 4000)).to.equal(undefined);
    expect(book.size).to.equal(0);
  });

  it('reports a paused plan as Sleeping, counting the changes left, and leaves failures and finished plans alone', () => {
    const first: ChildAction = { type: 'apply', child: child('first'), reason: 'missing' };
    const actions: ChildAction[] = [first, { type: 'apply', child: child('second'), reason: 'missing' }, { type: 'skip', child: child('third'), reason: 'inShape' }];
    const ok = { type: 'Ready', status: 'True' as const, reason: 'Reconciled', message: '3 children in the declared shape' };
    expect(pacedOutcome(ok, { action: first, ms: 1200, total: 2000 }, actions)).to.deep.equal({
      type: 'Ready', status: 'False', reason: 'Sleeping', message: 'pausing 2s after writing ConfigMap ns/first (its sleep); 1 more change then',
    });
    expect(pacedOutcome(ok, { action: actions[1]!, ms: 1500, total: 1500 }, actions).message).to.equal('pausing 1500ms after writing ConfigMap ns/second (its sleep); nothing else to do');
    expect(pacedOutcome(ok, undefined, actions)).to.equal(ok);
    const failed = { ...ok, status: 'False' as const, reason: 'ApplyFailed' };
    expect(pacedOutcome(failed, { action: first, ms: 1, total: 1 }, actions)).to.equal(failed);
  });
});
