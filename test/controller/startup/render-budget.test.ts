import { expect } from 'chai';
import { OrkError } from '../../../shared/errors.js';
import { LIMITS } from '../../../shared/limits.js';
import { renderBudgetFromEnv } from '../../../controller/startup/render-budget.js';

describe('controller/render-budget', () => {
  const now = () => 0;

  it('defaults to the limits in shared/limits.ts', () => {
    expect(renderBudgetFromEnv({}, now)).to.deep.equal({ maxSteps: LIMITS.renderSteps, deadlineMs: LIMITS.renderDeadlineMs, now });
    expect(renderBudgetFromEnv({ ORKESTRA_RENDER_MAX_STEPS: ' ', ORKESTRA_RENDER_DEADLINE_MS: '' }, now)).to.include({ maxSteps: LIMITS.renderSteps });
  });

  it('reads both variables', () => {
    expect(renderBudgetFromEnv({ ORKESTRA_RENDER_MAX_STEPS: '500000', ORKESTRA_RENDER_DEADLINE_MS: '750' }, now)).to.include({ maxSteps: 500_000, deadlineMs: 750 });
  });

  const bad: [string, string, string][] = [
    ['ORKESTRA_RENDER_MAX_STEPS', 'many', 'ORKESTRA_RENDER_MAX_STEPS must be a whole number from 1 to 9007199254740991 (got "many"); unset it for the default 2000000'],
    ['ORKESTRA_RENDER_MAX_STEPS', '0', '(got "0")'],
    ['ORKESTRA_RENDER_MAX_STEPS', '1e6', '(got "1e6")'],
    ['ORKESTRA_RENDER_DEADLINE_MS', '-5', 'ORKESTRA_RENDER_DEADLINE_MS must be a whole number from 1 to 60000 (got "-5"); unset it for the default 2000'],
    ['ORKESTRA_RENDER_DEADLINE_MS', '120000', '(got "120000")'],
    ['ORKESTRA_RENDER_DEADLINE_MS', '2.5', '(got "2.5")'],
  ];
  for (const [name, value, message] of bad) {
    it(`refuses ${name}=${value} saying what to set`, () => {
      try {
        renderBudgetFromEnv({ [name]: value }, now);
      } catch (e) {
        expect(e).to.be.instanceOf(OrkError);
        expect((e as OrkError).code).to.equal('USAGE');
        expect((e as OrkError).message).to.contain(message);
        return;
      }
      expect.fail('expected a USAGE error');
    });
  }
});
