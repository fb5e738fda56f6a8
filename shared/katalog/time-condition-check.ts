// Time conditions (`time`, `dayOfWeek`, `cron` + `duration`; shared/time) are checked when the
// Katalog loads, wherever a condition may stand: the schema marks the condition definition with
// `x-check: timeCondition`, and ajv calls timeConditionKeyword on every condition it meets, so a
// bad cron expression or time of day is refused at its path with the form to write. The autoscale
// block, which the schema leaves open, is checked by autoscale-check.ts with the same function. Pure.
import { isTimeCondition, parseTimeCondition, type TimeProblem } from '../time/time-conditions.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The problems of a condition item's time condition; empty when it has none or it is well formed. */
export function timeConditionProblems(item: unknown): TimeProblem[] {
  if (!isRecord(item) || !isTimeCondition(item)) return [];
  const test = parseTimeCondition(item);
  return Array.isArray(test) ? test : [];
}

interface KeywordError {
  keyword: string;
  instancePath: string;
  message: string;
  params: Rec;
}

/** ajv's `validate` keyword function: sets `errors` (at the offending key) and returns false on a problem. */
interface KeywordValidate {
  (schema: unknown, data: unknown, parentSchema?: unknown, cxt?: { instancePath: string }): boolean;
  errors?: KeywordError[];
}

const JSON_POINTER_ESCAPES: Record<string, string> = { '~': '~0', '/': '~1' };

export const timeConditionKeyword: KeywordValidate = (schema, data, _parent, cxt) => {
  if (schema !== 'timeCondition') return true;
  const problems = timeConditionProblems(data);
  if (problems.length === 0) return true;
  const base = cxt?.instancePath ?? '';
  timeConditionKeyword.errors = problems.map(([at, message]) => ({
    keyword: 'x-check',
    instancePath: [base, ...at.map((k) => String(k).replace(/[~/]/g, (c) => JSON_POINTER_ESCAPES[c]!))].join('/'),
    message,
    params: {},
  }));
  return false;
};
