// A time condition (`time`, `dayOfWeek`, `cron` + `duration`; shared/time/time-conditions.ts) as
// the shared condition evaluator meets it: read at the scope's clock, its next change recorded
// there, `negate` and `notify` applied as for any condition. A malformed one (refused at load, so
// only reachable from code that skipped the check) is a recorded problem, never a guess.
import type { Condition } from '../katalog/types.js';
import { noticesOf } from '../notify/notices.js';
import { evaluateTimeTest, parseTimeCondition } from '../time/time-conditions.js';
import { noteChange, wallClock } from './clock.js';
import { show } from './problems.js';
import { FAILED, type TemplateScope } from './templating.js';

export { isTimeCondition } from '../time/time-conditions.js';

export function timeConditionHolds(cond: Condition, scope: TemplateScope, path: string): boolean | typeof FAILED {
  const item = cond as unknown as Record<string, unknown>;
  const test = parseTimeCondition(item);
  if (Array.isArray(test)) {
    for (const [at, message] of test) scope.problems.error(at.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), path), message);
    return FAILED;
  }
  if (item.negate !== undefined && typeof item.negate !== 'boolean') {
    scope.problems.error(`${path}.negate`, `expected true or false, got ${show(item.negate)}`);
    return FAILED;
  }
  scope.clock ??= wallClock();
  const result = evaluateTimeTest(test, scope.clock.nowMs, scope.clock.cronWindowMs);
  noteChange(scope.clock, result.nextChangeMs);
  const holds = item.negate === true ? !result.holds : result.holds;
  if (holds && item.notify !== undefined) scope.notices?.push(...noticesOf(item, scope.data));
  return holds;
}
