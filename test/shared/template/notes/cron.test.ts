import { CRON_NOTES } from '../../../../shared/template/notes/cron.js';
import { fails, noteTable, typed } from './note-table.js';

const data = {
  schedule: { minute: '*/5', hour: 0, dayOfWeek: '1' },
  spaced: '  */5   2 * *  1 ',
};
const FIVE = 'cronMinute: expected 5 fields in "* * *", got 3';

noteTable('cron', CRON_NOTES, {
  cronMinute: [
    ['{{ cronMinute "*/5 2 * * 1" }}', '*/5'],
    ['{{ cronMinute "@hourly" }}', '0'],
    ['{{ cronMinute "" }}', '*'],
    ['{{ cronMinute "* * *" }}', fails(FIVE)],
  ],
  cronHour: [
    ['{{ cronHour "*/5 2 * * 1" }}', '2'],
    ['{{ cronHour "@daily" }}', '0'],
    ['{{ cronHour .spaced }}', '2'],
    ['{{ cronHour "a b c d e f" }}', fails('cronHour: expected 5 fields in "a b c d e f", got 6')],
  ],
  cronDom: [
    ['{{ cronDom "0 0 15 * *" }}', '15'],
    ['{{ cronDom "@monthly" }}', '1'],
    ['{{ cronDom .nope }}', '*'],
    ['{{ cronDom 15 }}', fails('cronDom: argument 1 must be a string, not int 15')],
  ],
  cronMonth: [
    ['{{ cronMonth "0 0 1 6 *" }}', '6'],
    ['{{ cronMonth "@yearly" }}', '1'],
    ['{{ cronMonth "@annually" }}', '1'],
    ['{{ cronMonth "@every 5m" }}', fails('cronMonth: expected 5 fields in "@every 5m", got 2')],
  ],
  cronDow: [
    ['{{ cronDow "0 0 * * 1" }}', '1'],
    ['{{ cronDow "@weekly" }}', '0'],
    ['{{ cronDow "@WEEKLY" }}', '0'],
    ['{{ cronDow "0 0 * *" }}', fails('cronDow: expected 5 fields in "0 0 * *", got 4')],
  ],
  cronField: [
    ['{{ cronField "*/5 2 3 4 5" 0 }}', '*/5'],
    ['{{ cronField "*/5 2 3 4 5" 3 }}', '4'],
    ['{{ cronField "" 9 }}', '*'],
    ['{{ cronField "* * * * *" 5 }}', fails('cronField: position 5 out of range [0-4]')],
    ['{{ cronField "* * * * *" "0" }}', fails('cronField: argument 2 must be an integer, not string "0"')],
  ],
  cronExpr: [
    ['{{ cronExpr "*/1" "*" "*" "*" "*" }}', '*/1 * * * *'],
    ['{{ cronExpr .schedule.minute .schedule.hourX .schedule.dayOfMonth "6" "" }}', '*/5 * * 6 *'],
    ['{{ cronExpr "0" "2" " " "*" "1-5" }}', '0 2 * * 1-5'],
    ['{{ cronExpr "0" 2 "*" "*" "*" }}', fails('cronExpr: argument 2 must be a string, not int 2')],
  ],
  cronValid: [
    ['{{ cronValid "*/5 * * * *" }}', 'true'],
    ['{{ cronValid "@daily" }}', 'true'],
    ['{{ cronValid "99 * * * *" }}', 'true'],
    ['{{ cronValid "* * *" }}', 'false'],
    ['{{ cronValid "" }}', 'false'],
    ['{{ cronValid .schedule }}', fails('cronValid: argument 1 must be a string, not map[string]interface {} map[dayOfWeek:1 hour:0 minute:*/5]')],
  ],
  cronFromMap: [
    ['{{ cronFromMap .schedule }}', '*/5 0 * * 1'],
    ['{{ cronFromMap .m }}', '* * * * *', { m: {} }],
    ['{{ cronFromMap .m }}', '0 0 1 1 *', { m: { minute: 0, hour: '0', dayOfMonth: 1, month: 1, dayOfWeek: ' ' } }],
    ['{{ cronFromMap "*/5 * * * *" }}', fails('cronFromMap: expected a map, got */5 * * * *; use cronFromAny if the input may be a cron string')],
  ],
  cronToMap: [
    ['{{ cronToMap "*/5 0 * * 1" }}', typed({ minute: '*/5', hour: '0', dayOfMonth: '*', month: '*', dayOfWeek: '1' })],
    ['{{ cronToMap "@hourly" }}', typed({ minute: '0', hour: '*', dayOfMonth: '*', month: '*', dayOfWeek: '*' })],
    ['{{ cronToMap .schedule }}', typed(data.schedule)],
    ['{{ cronToMap "bad" }}', typed({ minute: '*', hour: '*', dayOfMonth: '*', month: '*', dayOfWeek: '*' })],
    ['{{ cronToMap }}', fails('wrong number of arguments for "cronToMap": want 1, got 0')],
  ],
  cronFromAny: [
    ['{{ cronFromAny .schedule }}', '*/5 0 * * 1'],
    ['{{ cronFromAny .spaced }}', '*/5 2 * * 1'],
    ['{{ cronFromAny .nope }}', '* * * * *'],
    ['{{ cronFromAny 5 }}', '* * * * *'],
    ['{{ cronFromAny }}', fails('wrong number of arguments for "cronFromAny": want 1, got 0')],
  ],
  cronNormalize: [
    ['{{ cronNormalize "@daily" }}', '0 0 * * *'],
    ['{{ cronNormalize .spaced }}', '*/5 2 * * 1'],
    ['{{ cronNormalize "" }}', '* * * * *'],
    ['{{ cronNormalize "1 2 3" }}', '* * * * *'],
    ['{{ cronNormalize .schedule }}', fails('cronNormalize: argument 1 must be a string, not map[string]interface {} map[dayOfWeek:1 hour:0 minute:*/5]')],
  ],
  cronDescribe: [
    ['{{ cronDescribe "*/5 * * * *" }}', 'Every 5 minutes'],
    ['{{ cronDescribe "@hourly" }}', 'Every hour'],
    ['{{ cronDescribe "30 2 * * *" }}', 'At 2:30 every day'],
    ['{{ cronDescribe "0 2 * * 1" }}', 'At 2:0 on day-of-week 1'],
    ['{{ cronDescribe "0 6 15 * *" }}', 'At 6:0 on day 15 of every month'],
    ['{{ cronDescribe "0 0 1 1 *" }}', 'Cron: 0 0 1 1 *'],
    ['{{ cronDescribe "nonsense" }}', 'Cron: * * * * *'],
    ['{{ cronDescribe 1 }}', fails('cronDescribe: argument 1 must be a string, not int 1')],
  ],
}, data);
