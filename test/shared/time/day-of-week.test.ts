// dayOfWeek on the UTC day: weekday / weekend (true or false), in / notIn with full English day
// names in any case; exactly one key; the next midnight at which the result changes.
import { expect } from 'chai';
import { dayHolds, dayNextChange, dayOfWeekProblems, daySet } from '../../../shared/time/day-of-week.js';

const ms = (iso: string) => Date.parse(iso);
const TUESDAY = '2026-03-03T12:00:00Z';
const SATURDAY = '2026-03-07T12:00:00Z';

describe('shared/time/day-of-week', () => {
  it('holds on the days each form names', () => {
    const cases: [Record<string, unknown>, string, boolean][] = [
      [{ weekday: true }, TUESDAY, true], [{ weekday: true }, SATURDAY, false], [{ weekday: false }, SATURDAY, true],
      [{ weekend: true }, SATURDAY, true], [{ weekend: false }, TUESDAY, true], [{ weekend: false }, SATURDAY, false],
      [{ in: ['tuesday', 'FRIDAY'] }, TUESDAY, true], [{ in: ['Saturday', 'Sunday'] }, TUESDAY, false],
      [{ notIn: ['Saturday', 'Sunday'] }, TUESDAY, true], [{ notIn: ['Saturday'] }, SATURDAY, false],
    ];
    for (const [spec, at, want] of cases) expect(dayHolds(daySet(spec)!, ms(at)), `${JSON.stringify(spec)} at ${at}`).to.equal(want);
  });

  it('refuses what upstream would silently read as never (or read only in part), saying what to write', () => {
    const cases: [unknown, [(string | number)[], string][]][] = [
      [{ in: ['Mon', 'Friday'] }, [[['in', 0], 'unknown day "Mon": write a full English day name, Monday to Sunday (any case)']]],
      [{ weekday: true, weekend: true }, [[[], 'give exactly one of weekday, weekend, in or notIn (found weekday and weekend; the Go runtime reads only the first of them)']]],
      [{}, [[[], 'give exactly one of weekday, weekend, in or notIn (found none; the Go runtime reads only the first of them)']]],
      [{ in: [] }, [[['in'], 'expected a non-empty list of day names such as [Monday, Friday]']]],
      [{ weekday: 'yes' }, [[['weekday'], 'expected true or false']]],
      [['Saturday'], [[[], 'expected a mapping such as {weekday: true} or {in: [Saturday, Sunday]}']]],
      [{ notIn: ['Sunday'] }, []],
    ];
    for (const [spec, want] of cases) expect(dayOfWeekProblems(spec), JSON.stringify(spec)).to.deep.equal(want);
  });

  it('changes next at the first midnight whose day reads differently; never when every day reads the same', () => {
    const iso = (n: number | undefined) => (n === undefined ? undefined : new Date(n).toISOString());
    expect(iso(dayNextChange(daySet({ weekday: true })!, ms(TUESDAY)))).to.equal('2026-03-07T00:00:00.000Z');
    expect(iso(dayNextChange(daySet({ weekday: true })!, ms(SATURDAY)))).to.equal('2026-03-09T00:00:00.000Z');
    expect(iso(dayNextChange(daySet({ in: ['Wednesday'] })!, ms(TUESDAY)))).to.equal('2026-03-04T00:00:00.000Z');
    expect(iso(dayNextChange(daySet({ notIn: ['Monday'] })!, ms(TUESDAY)))).to.equal('2026-03-09T00:00:00.000Z');
    expect(dayNextChange(new Set([0, 1, 2, 3, 4, 5, 6]), ms(TUESDAY))).to.equal(undefined);
  });
});
