// Validation rules: each states what a CR must satisfy. A failed `deny` rule stops the render
// (every failed rule is listed); a failed `warn` rule becomes a warning. Bad rules themselves
// (unknown operator, invalid regex) are Katalog problems, recorded as such.
import type { Issue } from '../errors.js';
import type { Condition, ValidationRule } from '../katalog/types.js';
import { noticeOf } from '../notify/notices.js';
import { conditionHolds, gatePasses, isOperator, OPERATORS } from './conditions.js';
import { parsePath } from './paths.js';
import { show } from './problems.js';
import { FAILED, evaluateText, type TemplateScope } from './templating.js';

const RULE_ONLY_KEYS = new Set(['message', 'action', 'when', 'or', 'fires', 'valueType', 'link']);
const CONDITION_KEYS = new Set(['field', 'operator', 'value', 'negate', 'notify']);

/** Where rules run: every reconcile, or the admission webhook (which also runs admission-only rules). */
export type RuleSite = 'reconcile' | 'admission';

/** Told which rule failed: `validation.rules[i]`, the field it names (or undefined), deny or warn. */
export type RuleFailure = (rule: string, field: string | undefined, action: 'deny' | 'warn') => void;

/** Returns one issue per failed deny rule; warnings and rule errors go to `scope.problems`. */
export function checkRules(rules: ValidationRule[] | undefined, scope: TemplateScope, crRef: string, site: RuleSite = 'reconcile', failed?: RuleFailure): Issue[] {
  const denied: Issue[] = [];
  (rules ?? []).forEach((rule, i) => {
    const path = `validation.rules[${i}]`;
    // fires.reconcile: false is an admission-only rule: reconcile skips it, the webhook runs it.
    if (site === 'reconcile' && rule.fires?.reconcile === false) return;
    const cond = toCondition(rule, scope, path);
    if (!cond) return;
    const action = rule.action ?? 'deny';
    if (action !== 'deny' && action !== 'warn') {
      scope.problems.error(`${path}.action`, `expected deny or warn, got ${show(action)}`);
      return;
    }
    if (gatePasses(rule.when, rule.or, scope, path) !== true) return;
    // A rule alerts when it is broken, not when it holds (conditionHolds would record the latter).
    const { notices, ...quiet } = scope;
    const holds = conditionHolds(cond, quiet, path);
    if (holds !== false) return;
    const notice = notices && rule.notify !== undefined ? noticeOf(cond as unknown as Record<string, unknown>, scope.data) : undefined;
    if (notice) notices!.push(notice);
    const message = ruleMessage(rule, scope, path);
    if (message === undefined) return;
    const field = fieldPath(rule.field);
    const where = field ?? path;
    failed?.(path, field, action);
    if (action === 'warn') scope.problems.warn(where, message);
    else denied.push({ path: where, message: `${message} (CR ${crRef})`, severity: 'error' });
  });
  return denied;
}

/** A rule minus its message/action/when is a Condition (long or shorthand operator form). */
function toCondition(rule: ValidationRule, scope: TemplateScope, path: string): Condition | undefined {
  const cond: Record<string, unknown> = {};
  let bad = false;
  for (const [key, v] of Object.entries(rule)) {
    if (RULE_ONLY_KEYS.has(key)) continue;
    if (!CONDITION_KEYS.has(key) && !isOperator(key)) {
      scope.problems.error(`${path}.${key}`, `unknown key; a rule takes field, an operator (${OPERATORS.join(', ')}), message, action, when, or, fires, valueType, link`);
      bad = true;
      continue;
    }
    cond[key] = v;
  }
  if (typeof rule.message !== 'string' || rule.message === '') {
    scope.problems.error(`${path}.message`, 'every rule needs a message telling the user what to fix');
    bad = true;
  }
  if (!bad && rule.operator === undefined && !Object.keys(cond).some((k) => isOperator(k))) {
    scope.problems.error(path, `a rule needs an operator (${OPERATORS.join(', ')})`);
    bad = true;
  }
  return bad ? undefined : (cond as unknown as Condition);
}

function ruleMessage(rule: ValidationRule, scope: TemplateScope, path: string): string | undefined {
  const m = evaluateText(rule.message, scope, `${path}.message`);
  if (m === FAILED) return undefined;
  return typeof m === 'string' ? m : JSON.stringify(m);
}

/** `spec.replicas` for a dot-path field (what the user edits), undefined for a template field. */
function fieldPath(field: unknown): string | undefined {
  if (typeof field !== 'string' || field.includes('{{')) return undefined;
  const segs = parsePath(field);
  if (!segs || segs.length === 0) return undefined;
  return segs.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
