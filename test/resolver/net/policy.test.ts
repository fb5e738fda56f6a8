import { expect } from 'chai';
import { LIMITS } from '../../../shared/limits.js';
import { QUICK_CHECK, policyOptions } from '../../../resolver/net/policy.js';

describe('resolver/net/policy', () => {
  it('sets nothing without a policy, so httpGet keeps its retries and 30 s budget', () => {
    expect(policyOptions(undefined)).to.deep.equal({});
    expect(policyOptions(undefined, {})).to.deep.equal({});
  });

  it("QUICK_CHECK (ork validate) is one attempt with short connect and answer budgets", () => {
    expect(policyOptions(QUICK_CHECK)).to.deep.equal({ retry: { maxAttempts: 1 }, timeoutMs: LIMITS.validateRequestTimeoutMs, connectTimeoutMs: LIMITS.validateConnectTimeoutMs });
    expect(LIMITS.validateConnectTimeoutMs).to.be.below(LIMITS.validateRequestTimeoutMs);
    expect(Object.isFrozen(QUICK_CHECK) && Object.isFrozen(QUICK_CHECK.retry)).to.equal(true);
  });

  it("a source's own knobs win over the context's policy", () => {
    expect(policyOptions(QUICK_CHECK, { timeoutMs: 50, retry: { maxAttempts: 2 } })).to.deep.equal({ retry: { maxAttempts: 2 }, timeoutMs: 50, connectTimeoutMs: LIMITS.validateConnectTimeoutMs });
  });
});
