// Time conditions in the shared evaluator: read at the scope's clock, negate and notify as any
// condition, combined with field conditions in when (all) and or (one), the earliest next change
// recorded on the clock; a render given a clock evaluates every gate at that instant.
import { expect } from 'chai';
import type { Condition } from '../../../shared/katalog/types.js';
import { conditionClock, type ConditionClock } from '../../../shared/render/clock.js';
import { conditionHolds, gatePasses } from '../../../shared/render/conditions.js';
import { renderDesired, seededRandom } from '../../../shared/render/index.js';
import { Problems } from '../../../shared/render/problems.js';
import { FAILED } from '../../../shared/render/templating.js';
import { makeCr, reconcile } from './fixtures.js';

const TUESDAY_10 = Date.parse('2026-03-03T10:00:00Z');
const c = (x: Record<string, unknown>) => x as unknown as Condition;
const office = c({ time: { after: '09:00', before: '17:00' } });
const weekend = c({ dayOfWeek: { weekend: true } });

function scope(clock: ConditionClock, data: unknown = { spec: { on: true } }) {
  return { data, problems: new Problems('ns/a'), clock, notices: [] as unknown[] };
}

describe('shared/render time conditions', () => {
  it('holds by the clock of the scope, negate inverts, and the earliest change is kept', () => {
    const cases: [Condition, boolean][] = [
      [office, true],
      [c({ time: { after: '09:00', before: '17:00' }, negate: true }), false],
      [weekend, false],
      [c({ cron: '0 9 * * 1-5', duration: '8h' }), true],
      [c({ cron: '0 9 * * 1-5', duration: '30m' }), false],
    ];
    for (const [cond, want] of cases) {
      const clock = conditionClock(TUESDAY_10);
      expect(conditionHolds(cond, scope(clock) as never, 'when[0]'), JSON.stringify(cond)).to.equal(want);
    }
    const clock = conditionClock(TUESDAY_10);
    expect(gatePasses([office, c({ field: 'spec.on', equals: true })], [weekend, c({ cron: '0 23 * * *', duration: '3h' })], scope(clock) as never, 'x')).to.equal(false);
    expect(new Date(clock.nextChangeMs!).toISOString()).to.equal('2026-03-03T17:00:00.000Z');
  });

  it('a held time condition with notify gives its notice; a malformed one is a problem at its path, not a guess', () => {
    const s = scope(conditionClock(TUESDAY_10));
    expect(conditionHolds(c({ time: { after: '09:00' }, notify: ['ops'] }), s as never, 'when[0]')).to.equal(true);
    expect(s.notices).to.have.length(1);
    const bad = scope(conditionClock(TUESDAY_10));
    expect(conditionHolds(c({ cron: '0 9 * *' }), bad as never, 'when[1]')).to.equal(FAILED);
    expect(bad.problems.issues.map((i) => `${i.path}: ${i.message}`)).to.deep.equal([
      'when[1].cron: "0 9 * *" is not a cron expression: write five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly (CR ns/a)',
    ]);
  });

  it('a render given a clock gates children at that instant and records when to look again', () => {
    const entry = reconcile({ configMaps: [{ name: 'office', data: { a: 'b' }, when: [office] }, { name: 'night', data: { a: 'b' }, or: [c({ cron: '0 23 * * *', duration: '3h' })] }] });
    const names = (at: string) => {
      const clock = conditionClock(Date.parse(at));
      const out = renderDesired({ crdName: 'website', entry, cr: makeCr(), katalogName: 'demo', options: { random: seededRandom(7), clock } });
      return [out.children.map((ch) => ch.object.metadata.name), new Date(clock.nextChangeMs!).toISOString()];
    };
    expect(names('2026-03-03T10:00:00Z')).to.deep.equal([['office'], '2026-03-03T17:00:00.000Z']);
    expect(names('2026-03-03T23:15:00Z')).to.deep.equal([['night'], '2026-03-04T02:00:00.000Z']);
    expect(names('2026-03-04T03:00:00Z')).to.deep.equal([[], '2026-03-04T09:00:00.000Z']);
  });

  it('time notes in templates read the same instant as the conditions', () => {
    const entry = reconcile({ configMaps: [{ name: 'office', data: { open: '{{ timeInWindow "09:00" "17:00" }}', weekday: '{{ weekday }}' }, when: [office] }] });
    const out = renderDesired({ crdName: 'website', entry, cr: makeCr(), katalogName: 'demo', options: { random: seededRandom(7), clock: conditionClock(TUESDAY_10) } });
    expect(out.children[0]!.object.data).to.deep.equal({ open: 'true', weekday: 'true' });
  });
});
