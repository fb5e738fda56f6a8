import { expect } from 'chai';
import { OrkError } from '../../../shared/errors.js';
import { LIMITS } from '../../../shared/limits.js';
import { RenderBudget } from '../../../shared/render/budget.js';
import { renderDesired, type RenderBudgetOptions } from '../../../shared/render/index.js';
import { makeCr, reconcile } from './fixtures.js';

function budgetError(run: () => unknown): OrkError {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    expect((e as OrkError).code).to.equal('RENDER_BUDGET_EXCEEDED');
    return e as OrkError;
  }
  return expect.fail('expected RENDER_BUDGET_EXCEEDED');
}

describe('shared/render budget', () => {
  // Every template stays far below its own 100 000-step limit; the CR's list makes the sum large.
  const entry = reconcile({ configMaps: [{ forEach: { field: 'spec.rows' }, data: { a: '{{ .item }}', b: '{{ .item }}-{{ .item }}', c: 'plain' } }] });
  const crWith = (n: number) => makeCr({ rows: Array.from({ length: n }, (_, i) => `r${i}`) });
  const renderWith = (n: number, budget?: RenderBudgetOptions) =>
    renderDesired({ crdName: 'website', entry, cr: crWith(n), katalogName: 'demo', ...(budget ? { options: { budget } } : {}) });

  it('lets an ordinary CR through and stops one that feeds a long list to forEach', () => {
    expect(renderWith(20, { maxSteps: 10_000 }).children).to.have.length(20);
    const e = budgetError(() => renderWith(200, { maxSteps: 10_000 }));
    expect(e.message).to.equal('rendering CR default/blog takes more than 10000 steps (the per-CR render budget); shrink the lists the CR feeds to forEach/range, or raise the budget (docs/reconcile.md)');
  });

  it('applies the default budget when the caller gives none', () => {
    // Each child costs 200 steps plus its templates: 10 000 of them are over the default 2 000 000.
    expect(LIMITS.renderSteps).to.equal(2_000_000);
    expect(renderWith(1_000).children).to.have.length(1_000);
    budgetError(() => renderWith(10_000));
  });

  it('charges the characters a regex condition scans', () => {
    const regexEntry = reconcile({ configMaps: [{ forEach: { field: 'spec.rows' }, when: [{ field: 'spec.long', regex: 'x$' }] }] });
    const cr = makeCr({ rows: ['a', 'b', 'c'], long: 'y'.repeat(400) });
    const run = (maxSteps: number) => renderDesired({ crdName: 'website', entry: regexEntry, cr, katalogName: 'demo', options: { budget: { maxSteps } } });
    // 3 items × (200 per child + 400 characters scanned) = 1 800, plus a few steps.
    expect(run(2_000).children).to.have.length(0);
    budgetError(() => run(1_700));
  });

  it('stops at the deadline, looking at the clock only every few thousand steps', () => {
    let now = 0;
    let looks = 0;
    const clock = () => {
      looks++;
      return now;
    };
    const budget = new RenderBudget('ns/cr', { maxSteps: 1e9, deadlineMs: 100, now: clock });
    for (let i = 0; i < 10_000; i++) budget.spend(1);
    expect(looks).to.be.below(5);
    now = 101;
    const e = budgetError(() => {
      for (let i = 0; i < 10_000; i++) budget.spend(1);
    });
    expect(e.message).to.contain('rendering CR ns/cr takes longer than 100 ms');
  });

  it('gives the same message for the same CR, so recording it wakes nothing', () => {
    const a = budgetError(() => renderWith(200, { maxSteps: 10_000 })).message;
    const b = budgetError(() => renderWith(300, { maxSteps: 10_000 })).message;
    expect(a).to.equal(b);
  });
});
