// A CRD's queue settings: retryBackoff in both forms and its delays, behaviour drops against
// maxDepth (unconditional, on conditions, at a threshold), and the errors that name the key.
import { expect } from 'chai';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { dropDecision, giveUpAfter, queueSettingsOf, RetryBackoffLimiter } from '../../../controller/crd/queue-settings.js';

const entry = (queue: Record<string, unknown>): CrdEntry => ({ operatorBox: { reconciler: { queue } } });
const cr = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'x/v1', kind: 'Shop', metadata: { name: 's' }, spec });

describe('controller/crd queue settings', () => {
  it('retryBackoff: a duration is the first delay (doubling, capped at 5m); the mapping sets each part', () => {
    expect(queueSettingsOf('shop', entry({ retryBackoff: '5s' })).retryBackoff).to.deep.equal({ initialMs: 5000, maxMs: 300_000, multiplier: 2 });
    const full = queueSettingsOf('shop', entry({ retryBackoff: { initial: '1s', max: '10s', multiplier: 3, maxAttempts: 4 } })).retryBackoff!;
    expect(full).to.deep.equal({ initialMs: 1000, maxMs: 10_000, multiplier: 3, maxAttempts: 4 });
    const limiter = new RetryBackoffLimiter(full);
    expect([1, 2, 3, 4].map(() => limiter.when('k'))).to.deep.equal([1000, 3000, 9000, 10_000]);
    limiter.forget('k');
    expect(limiter.when('k')).to.equal(1000);
    expect(giveUpAfter(5, 4)).to.equal(4);
    expect(giveUpAfter(undefined, undefined)).to.equal(undefined);
  });

  it('names the key of a setting it cannot use', () => {
    expect(() => queueSettingsOf('shop', entry({ retryBackoff: 'soon' }))).to.throw('spec.crds.shop.operatorBox.reconciler.queue.retryBackoff: expected a duration such as 5s, got "soon"');
    expect(() => queueSettingsOf('shop', entry({ retryBackoff: { initial: '5s', max: '1s' } }))).to.throw('queue.retryBackoff.max: must not be below initial (5s)');
    expect(() => queueSettingsOf('shop', entry({ behaviour: { onLimit: { drop: true } } }))).to.throw('queue.behaviour: needs maxDepth greater than 0');
    expect(() => queueSettingsOf('shop', entry({ maxDepth: 10, behaviour: { onThreshold: { value: 0 } } }))).to.throw('queue.behaviour.onThreshold.value: expected a percentage 1..100, got 0');
  });

  it('behaviour: onLimit drops at maxDepth; with conditions only when they hold for the CR; onThreshold at its percentage', () => {
    const limit = queueSettingsOf('shop', entry({ maxDepth: 10, behaviour: { onLimit: { drop: true } } })).behaviour!;
    expect(dropDecision(limit, 9, undefined)).to.equal(undefined);
    expect(dropDecision(limit, 10, undefined)).to.equal('onLimit: depth 10 ≥ 10');
    const noDrop = queueSettingsOf('shop', entry({ maxDepth: 10, behaviour: { onLimit: { drop: false } } })).behaviour!;
    expect(dropDecision(noDrop, 50, undefined)).to.equal(undefined);
    const conditional = queueSettingsOf('shop', entry({ maxDepth: 10, behaviour: { onLimit: { when: [{ field: '.spec.tier', equals: 'batch' }] } } })).behaviour!;
    expect(dropDecision(conditional, 10, cr({ tier: 'batch' }))).to.equal('onLimit: depth 10 ≥ 10 and its conditions hold');
    expect(dropDecision(conditional, 10, cr({ tier: 'gold' }))).to.equal(undefined);
    expect(dropDecision(conditional, 10, undefined), 'no CR to judge: kept').to.equal(undefined);
    const threshold = queueSettingsOf('shop', entry({ maxDepth: 10, behaviour: { onThreshold: { value: 70 } } })).behaviour!;
    expect(dropDecision(threshold, 6, undefined)).to.equal(undefined);
    expect(dropDecision(threshold, 7, undefined)).to.equal('onThreshold: depth 7 ≥ 7');
    expect(queueSettingsOf('shop', entry({ maxDepth: 10 })).behaviour, 'maxDepth alone drops nothing').to.equal(undefined);
  });
});
