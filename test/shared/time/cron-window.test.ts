// cron + duration: open when the schedule fired in (now − duration, now]; without a duration until
// the next fire (or the caller's window, the autoscaler's interval); the next change is the next
// fire or the end of the window; bad expressions and durations are refused with the form to write.
import { expect } from 'chai';
import { parseSchedule } from '../../../shared/time/cron-schedule.js';
import { cronState, parseCron, parseWindowDuration } from '../../../shared/time/cron-window.js';

const ms = (iso: string) => Date.parse(iso);
const iso = (n: number | undefined) => (n === undefined ? undefined : new Date(n).toISOString());
const HOUR = 3_600_000;

describe('shared/time/cron-window', () => {
  it('is open from each fire for the duration, and says when it next opens or closes', () => {
    const nightly = { schedule: parseSchedule('0 23 * * *')!, durationMs: 3 * HOUR };
    const cases: [typeof nightly, string, boolean, string][] = [
      [nightly, '2026-03-03T22:59:59Z', false, '2026-03-03T23:00:00.000Z'],
      [nightly, '2026-03-03T23:00:00Z', true, '2026-03-04T02:00:00.000Z'],
      [nightly, '2026-03-04T01:59:59Z', true, '2026-03-04T02:00:00.000Z'],
      [nightly, '2026-03-04T02:00:00Z', false, '2026-03-04T23:00:00.000Z'],
      [{ schedule: parseSchedule('0 9 * * 1-5')!, durationMs: 9 * HOUR }, '2026-03-07T10:00:00Z', false, '2026-03-09T09:00:00.000Z'],
      [{ schedule: parseSchedule('*/15 * * * *')!, durationMs: 20 * 60_000 }, '2026-03-03T10:16:00Z', true, '2026-03-03T10:20:00.000Z'],
    ];
    for (const [w, at, open, next] of cases) {
      const state = cronState(w, ms(at));
      expect([state.open, iso(state.nextChangeMs)], at).to.deep.equal([open, next]);
    }
  });

  it('without a duration stays open until the next fire (upstream: one natural period), or for the given fallback', () => {
    const weekdays = { schedule: parseSchedule('0 9 * * 1-5')! };
    expect(cronState(weekdays, ms('2026-03-06T20:00:00Z')).open).to.equal(true); // Friday after 09:00
    expect(cronState(weekdays, ms('2026-03-07T10:00:00Z')).open).to.equal(false); // Saturday: Friday's period (24h) is over
    expect(cronState(weekdays, ms('2026-03-03T09:00:30Z'), 60_000).open).to.equal(true);
    expect(cronState(weekdays, ms('2026-03-03T09:01:00Z'), 60_000).open).to.equal(false);
    expect(cronState({ schedule: parseSchedule('0 0 30 2 *')! }, ms('2026-03-03T09:00:00Z'))).to.deep.equal({ open: false });
  });

  it('refuses what is not a five-field expression or a macro, and durations that are not durations', () => {
    const cases: [unknown, string][] = [
      ['0 23 * *', '"0 23 * *" is not a cron expression: write five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly'],
      ['0 25 * * *', '"0 25 * * *" is not a cron expression: write five fields'],
      ['@every 1h', '@every is not supported in a condition (its window would move with the clock)'],
      ['TZ=Europe/Paris 0 9 * * *', 'a time zone prefix is not supported; conditions read UTC'],
      [5, 'expected a cron expression as a string: write five fields'],
      [`${'1,'.repeat(200)}1 * * * *`, 'is not a cron expression'],
    ];
    for (const [text, want] of cases) expect(parseCron(text), String(text)).to.be.a('string').and.contain(want);
    expect(parseCron('@DAILY')).to.be.an('object');
    expect(parseCron('0 23 * * sun-sat')).to.be.an('object');
    expect(parseWindowDuration('3h')).to.equal(3 * HOUR);
    expect(parseWindowDuration('1d')).to.equal(24 * HOUR);
    expect(parseWindowDuration('3 hours')).to.equal('expected a duration such as 30m, 3h or 1d, got "3 hours"');
    expect(parseWindowDuration('-1h')).to.equal('expected a duration such as 30m, 3h or 1d, got "-1h"');
  });
});
