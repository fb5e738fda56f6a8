import { expect } from 'chai';
import { executeTemplate } from '../../../../shared/template/index.js';
import { TIME_NOTES } from '../../../../shared/template/notes/time.js';
import { fails, noteTable, typed } from './note-table.js';

// Thursday 2026-12-03 14:30:15 UTC.
const NOW = Date.UTC(2026, 11, 3, 14, 30, 15);
const now = () => new Date(NOW);
const data = {
  created: '2026-12-03T14:29:05Z',
  hourAgo: '2026-12-03T13:00:00Z',
  lastWeek: '2026-11-26T14:30:15+00:00',
  future: '2026-12-04T15:30:20.5Z',
  offset: '2026-12-03T16:30:15+02:00',
  date: '2026-01-15',
  bad: '2026-02-30T00:00:00Z',
};

noteTable('time', TIME_NOTES, {
  timeAgo: [
    ['{{ timeAgo .created }}', '1m ago'],
    ['{{ timeAgo .hourAgo }}', '1h ago'],
    ['{{ timeAgo .lastWeek }}', '7d ago'],
    ['{{ timeAgo .offset }}', '0s ago'],
    ['[{{ timeAgo .bad }}]', '[]'],
    ['{{ timeAgo 1700000000 }}', fails('timeAgo: argument 1 must be a string, not int 1700000000')],
  ],
  timeSince: [
    ['{{ timeSince .created }}', typed(70)],
    ['{{ timeSince .date }}', typed(27_873_015)],
    ['{{ timeSince .future }}', typed(-90_005)],
    ['{{ timeSince "yesterday" }}', typed(0)],
    ['{{ timeSince true }}', fails('timeSince: argument 1 must be a string, not bool true')],
  ],
  timeUntil: [
    ['{{ timeUntil .future }}', '25h0m5s'],
    ['{{ timeUntil .created }}', '0s'],
    ['{{ timeUntil "" }}', '0s'],
    ['{{ timeUntil 3 }}', fails('timeUntil: argument 1 must be a string, not int 3')],
  ],
  isExpired: [
    ['{{ isExpired .lastWeek "6d" }}', 'true'],
    ['{{ isExpired .lastWeek "1w" }}', 'false'],
    ['{{ isExpired .hourAgo "1h30m" }}', 'true'],
    ['{{ isExpired .hourAgo "2h" }}', 'false'],
    ['{{ isExpired .date "1y" }}', 'false'],
    ['{{ isExpired .date "10mo" }}', 'true'],
    ['{{ isExpired .bad "1s" }}', 'false'],
    ['{{ isExpired .created "soon" }}', 'false'],
    ['{{ isExpired .created 30 }}', fails('isExpired: argument 2 must be a string, not int 30')],
  ],
  timeFormat: [
    ['{{ timeFormat .created "Jan 2, 2006" }}', 'Dec 3, 2026'],
    ['{{ timeFormat .offset "2006-01-02 15:04:05 MST" }}', '2026-12-03 14:30:15 UTC'],
    ['{{ timeFormat .future "Monday 02/01/06 3:04PM .000 Z07:00" }}', 'Friday 04/12/26 3:30PM .500 Z'],
    ['{{ timeFormat .future "15:04:05.999 _2 January, day 002" }}', '15:30:20.5  4 December, day 338'],
    ['[{{ timeFormat .bad "2006" }}]', '[]'],
    ['{{ timeFormat .created 2006 }}', fails('timeFormat: argument 2 must be a string, not int 2006')],
  ],
  durationSeconds: [
    ['{{ durationSeconds "5m" }}', typed(300)],
    ['{{ durationSeconds "1h30m" }}', typed(5400)],
    ['{{ durationSeconds "7d" }}', typed(604_800)],
    ['{{ durationSeconds "1.5s" }}', typed(1)],
    ['{{ durationSeconds "-2m" }}', typed(-120)],
    ['{{ durationSeconds "5 minutes" }}', typed(0)],
    ['{{ durationSeconds 300 }}', fails('durationSeconds: argument 1 must be a string, not int 300')],
  ],
  durationAdd: [
    ['{{ durationAdd "5m" "30s" }}', '5m30s'],
    ['{{ durationAdd "1h" "90m" }}', '2h30m0s'],
    ['{{ durationAdd "1d" "12h" }}', '36h0m0s'],
    ['{{ durationAdd "1s" "-1500ms" }}', '-500ms'],
    ['{{ durationAdd "250us" "1ns" }}', '250.001µs'],
    ['{{ durationAdd "1h" "x" }}', '0s'],
    ['{{ durationAdd "1h" }}', fails('wrong number of arguments for "durationAdd": want 2, got 1')],
  ],
  durationValid: [
    ['{{ durationValid "5m" }}', 'true'],
    ['{{ durationValid "2w3d" }}', 'true'],
    ['{{ durationValid "0" }}', 'true'],
    ['{{ durationValid "" }}', 'false'],
    ['{{ durationValid "5" }}', 'false'],
    ['{{ durationValid ".s" }}', 'false'],
    ['{{ durationValid "3000000h" }}', 'false'],
    ['{{ durationValid 5 }}', fails('durationValid: argument 1 must be a string, not int 5')],
  ],
  weekday: [
    ['{{ weekday }}', 'true'],
    ['{{ if weekday }}work{{ end }}', 'work'],
    ['{{ weekday | not }}', 'false'],
    ['{{ weekday 1 }}', fails('wrong number of arguments for "weekday": want 0, got 1')],
  ],
  weekend: [
    ['{{ weekend }}', 'false'],
    ['{{ not weekend }}', 'true'],
    ['{{ and weekend weekday }}', 'false'],
    ['{{ weekend "sat" }}', fails('wrong number of arguments for "weekend": want 0, got 1')],
  ],
  timeInWindow: [
    ['{{ timeInWindow "09:00" "18:00" }}', 'true'],
    ['{{ timeInWindow "14:31" "18:00" }}', 'false'],
    ['{{ timeInWindow "9:00" "14:30" }}', 'false'],
    ['{{ timeInWindow "9am" "18:00" }}', 'false'],
    ['{{ timeInWindow "09:00" 18 }}', fails('timeInWindow: argument 2 must be a string, not int 18')],
  ],
  timeNotInWindow: [
    ['{{ timeNotInWindow "02:00" "04:00" }}', 'true'],
    ['{{ timeNotInWindow "14:30" "14:31" }}', 'false'],
    ['{{ timeNotInWindow "25:00" "26:00" }}', 'true'],
    ['{{ timeNotInWindow "02:00" }}', fails('wrong number of arguments for "timeNotInWindow": want 2, got 1')],
  ],
  nextCron: [
    ['{{ nextCron "0 2 * * 0" }}', '2026-12-06T02:00:00Z'],
    ['{{ nextCron "*/15 * * * *" }}', '2026-12-03T14:45:00Z'],
    ['{{ nextCron "30 14 3 12 *" }}', '2027-12-03T14:30:00Z'],
    ['{{ nextCron "0 9 * * MON-FRI" }}', '2026-12-04T09:00:00Z'],
    ['{{ nextCron "0 0 1,15 * 1" }}', '2026-12-07T00:00:00Z'],
    ['{{ nextCron "@monthly" }}', '2027-01-01T00:00:00Z'],
    ['{{ nextCron "0 0 30 2 *" }}', '0001-01-01T00:00:00Z'],
    ['[{{ nextCron "61 * * * *" }}]', '[]'],
    ['[{{ nextCron "* * * *" }}]', '[]'],
    ['{{ nextCron 5 }}', fails('nextCron: argument 1 must be a string, not int 5')],
  ],
}, data, { now });

describe('template notes: time reads env.now', () => {
  it('weekday and weekend follow the clock passed in', () => {
    const saturday = () => new Date(Date.UTC(2026, 11, 5, 12));
    expect(executeTemplate('{{ weekday }} {{ weekend }}', {}, { now: saturday })).to.equal('false true');
  });
  it('without a clock, the real one is used', () => {
    const year = new Date().getUTCFullYear();
    expect(executeTemplate('{{ timeSince .t }}', { t: `${year - 1}-01-01` })).to.match(/^\d{8}$/);
  });
});
