// The warnings domain: readers of the `_warnings` events upstream's `enrich: [events]` embeds.
import { WARNING_NOTES } from '../../../../shared/template/notes/warnings.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const warned = { _warnings: [{ reason: 'BackOff', message: 'Back-off restarting failed container' }, { reason: 'Unhealthy', message: 'Liveness probe failed' }, { reason: 'BackOff', message: '' }, 'junk'] };
const data = { ...cr, children: { ...cr.children, deployment: { ...cr.children.deployment, ...warned } } };
const D = '.children.deployment';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('warnings', WARNING_NOTES, {
  hasWarnings: [[`{{ hasWarnings ${D} }}`, 'true'], ['{{ hasWarnings .children.job }}', 'false'], ['{{ hasWarnings .x }}', 'false', { x: { _warnings: [] } }], ['{{ hasWarnings }}', arityErr('hasWarnings')]],
  warningCount: [[`{{ warningCount ${D} }}`, typed(4)], ['{{ warningCount .children.job }}', typed(0)], ['{{ warningCount nil }}', typed(0)], ['{{ warningCount }}', arityErr('warningCount')]],
  firstWarning: [[`{{ firstWarning ${D} }}`, 'Back-off restarting failed container'], ['[{{ firstWarning .children.job }}]', '[]'], ['[{{ firstWarning .x }}]', '[]', { x: { _warnings: ['text'] } }], ['{{ firstWarning }}', arityErr('firstWarning')]],
  warningMessages: [[`{{ warningMessages ${D} }}`, 'Back-off restarting failed container, Liveness probe failed'], ['[{{ warningMessages .children.job }}]', '[]'], ['[{{ warningMessages "x" }}]', '[]'], ['{{ warningMessages }}', arityErr('warningMessages')]],
  warningReasons: [[`{{ warningReasons ${D} }}`, 'BackOff, Unhealthy, BackOff'], ['[{{ warningReasons .children.job }}]', '[]'], ['[{{ warningReasons nil }}]', '[]'], ['{{ warningReasons 1 2 }}', fails('wrong number of arguments for "warningReasons": want 1, got 2')]],
}, data);
