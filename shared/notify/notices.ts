// A notice: a condition carrying `notify:` held while a CR was rendered. The renderer collects
// them (conditionHolds, shared/render/conditions.ts); the controller throttles and sends them
// (controller/notify/). Pure.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Notice {
  /** `field|operator|operand`: stable across reconciles (upstream's conditionKey). */
  key: string;
  /** The condition's field as written (the email subject names it). */
  field: string;
  teams: string[];
  /** The condition's own message template, if it gives one. */
  message?: string;
  /** The template data the condition was evaluated against (the message is rendered with it). */
  data: unknown;
}

/** The teams and message of a condition's `notify:` (`{teams, message}`, or a list of team names). */
export function notifyOf(notify: unknown): { teams: string[]; message?: string } | undefined {
  if (Array.isArray(notify)) return teamsOf(notify);
  if (!isRecord(notify)) return undefined;
  const found = teamsOf(notify.teams);
  if (!found) return undefined;
  return typeof notify.message === 'string' && notify.message !== '' ? { ...found, message: notify.message } : found;
}

function teamsOf(list: unknown): { teams: string[] } | undefined {
  const teams = Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string' && t !== '') : [];
  return teams.length > 0 ? { teams } : undefined;
}

/** The notice a held condition gives, or undefined when it does not notify. */
export function noticeOf(condition: Rec, data: unknown): Notice | undefined {
  const notify = notifyOf(condition.notify);
  if (!notify) return undefined;
  const field = typeof condition.field === 'string' ? condition.field : JSON.stringify(condition.field ?? '');
  const [op, operand] = firstTest(condition);
  return { key: `${field}|${op}|${typeof operand === 'string' ? operand : JSON.stringify(operand ?? '')}`, field, teams: notify.teams, ...(notify.message ? { message: notify.message } : {}), data };
}

/** noticeOf as a list: empty when the condition does not notify. */
export function noticesOf(condition: Rec, data: unknown): Notice[] {
  const notice = noticeOf(condition, data);
  return notice ? [notice] : [];
}

const NOT_TESTS = new Set(['field', 'negate', 'notify']);

function firstTest(condition: Rec): [string, unknown] {
  if (typeof condition.operator === 'string') return [condition.operator, condition.value];
  const entry = Object.entries(condition).find(([k]) => !NOT_TESTS.has(k));
  return entry ? [entry[0], entry[1]] : ['truthy', ''];
}
