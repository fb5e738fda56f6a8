// A time-condition item: one of time, dayOfWeek, cron (+ duration), beside negate and notify
// only; each problem at its path with what to write; evaluation at a given instant with the next change.
import { expect } from 'chai';
import { evaluateTimeTest, isTimeCondition, parseTimeCondition, type TimeTest } from '../../../shared/time/time-conditions.js';

const ms = (iso: string) => Date.parse(iso);

describe('shared/time/time-conditions', () => {
  it('tells time conditions from field conditions', () => {
    expect(isTimeCondition({ time: { after: '09:00' } })).to.equal(true);
    expect(isTimeCondition({ duration: '1h' })).to.equal(true);
    expect(isTimeCondition({ field: 'spec.x', equals: 'y' })).to.equal(false);
  });

  it('refuses an item that mixes a time condition with others, naming what to move', () => {
    const cases: [Record<string, unknown>, [(string | number)[], string][]][] = [
      [{ time: { after: '09:00' }, field: 'spec.x', equals: '1' }, [[[], 'a time condition tests the clock and stands alone beside negate and notify; move field, equals to an item of its own (the Go runtime ignores them here)']]],
      [{ time: { after: '09:00' }, cron: '@daily' }, [[[], 'give one of time, cron per item (the Go runtime reads only the first and ignores the others); put each in its own item of the list']]],
      [{ duration: '1h' }, [[['duration'], 'duration belongs to a cron condition: give cron beside it, or remove it']]],
      [{ dayOfWeek: { weekday: true }, duration: '1h' }, [[['duration'], 'duration belongs to a cron condition; remove it']]],
      [{ time: { after: '9am', before: '17:00' } }, [[['time', 'after'], 'expected a UTC time of day as HH:MM (00:00 to 23:59), got "9am"']]],
      [{ dayOfWeek: { in: ['Funday'] } }, [[['dayOfWeek', 'in', 0], 'unknown day "Funday": write a full English day name, Monday to Sunday (any case)']]],
      [{ cron: '61 * * * *', duration: 'soon' }, [[['cron'], '"61 * * * *" is not a cron expression: write five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly'], [['duration'], 'expected a duration such as 30m, 3h or 1d, got "soon"']]],
    ];
    for (const [item, want] of cases) expect(parseTimeCondition(item), JSON.stringify(item)).to.deep.equal(want);
  });

  it('evaluates each kind at the instant given, with the next change', () => {
    const parse = (item: Record<string, unknown>) => parseTimeCondition(item) as TimeTest;
    const at = ms('2026-03-03T23:30:00Z'); // a Tuesday
    expect(evaluateTimeTest(parse({ time: { after: '22:00', before: '06:00' }, negate: true }), at)).to.deep.equal({ holds: true, nextChangeMs: ms('2026-03-04T06:00:00Z') });
    expect(evaluateTimeTest(parse({ dayOfWeek: { weekend: true } }), at)).to.deep.equal({ holds: false, nextChangeMs: ms('2026-03-07T00:00:00Z') });
    expect(evaluateTimeTest(parse({ cron: '0 23 * * *', duration: '3h' }), at)).to.deep.equal({ holds: true, nextChangeMs: ms('2026-03-04T02:00:00Z') });
    expect(evaluateTimeTest(parse({ cron: '0 23 * * *' }), at, 60_000)).to.deep.equal({ holds: false, nextChangeMs: ms('2026-03-04T23:00:00Z') });
  });
});
