// Evaluates the templates inside a Katalog value against the template data: every string,
// recursively. A value that is exactly one action keeps its type (typed substitution). Text comes
// out as the Go runtime's Resolve gives it (shared/template/go-text.ts): a missing or nil value
// prints "<no value>", the text is trimmed, then every "<no value>" is removed.
import type { Notice } from '../notify/notices.js';
import type { KubeObject } from '../kube/index.js';
import { isOrkError } from '../errors.js';
import { evaluateTyped, NO_VALUE, resolvedText, UserNotes, type TemplateOptions, type UserNoteDef, type WorkBudget } from '../template/index.js';
import type { ConditionClock } from './clock.js';
import type { Problems } from './problems.js';

export interface TemplateScope {
  /** The (mutated) CR, plus `.item` / `.<as>` inside forEach. */
  data: unknown;
  random?: () => number;
  problems: Problems;
  /** The render's budget (shared/render/budget.ts); every string visited and template step costs. */
  budget?: WorkBudget;
  /** The Katalog's user notes, when it declares any. */
  notes?: UserNotes;
  /** Where held conditions that carry `notify:` are recorded; absent: they are not (admission, gates). */
  notices?: Notice[];
  /** The kind's other CRs, for `unique` (shared/render/unique.ts); absent: it passes. */
  peers?: () => readonly KubeObject[];
  /** The instant time conditions and time notes read, where conditions record their next change (clock.ts); absent: the wall clock. */
  clock?: ConditionClock;
}

const scopes = new WeakMap<readonly UserNoteDef[], UserNotes>();

/** One function scope per list of notes (a Katalog's), so its parsed templates are cached across renders. */
export function notesScope(notes: readonly UserNoteDef[] | undefined): UserNotes | undefined {
  if (!notes || notes.length === 0) return undefined;
  let scope = scopes.get(notes);
  if (!scope) {
    scope = new UserNotes(notes);
    scopes.set(notes, scope);
  }
  return scope;
}

/** Returned in place of a value whose template failed (the failure is already recorded). */
export const FAILED: unique symbol = Symbol('template failed');
export type Evaluated = unknown | typeof FAILED;

export function evaluateText(text: string, scope: TemplateScope, path: string): Evaluated {
  scope.budget?.spend(1);
  // Most Katalog strings hold no template; skip the engine for them.
  if (!text.includes('{{')) return text;
  try {
    const value = evaluateTyped(text, scope.data, templateOptions(scope));
    // A missing field renders as empty, typed or not (never as undefined or "<no value>").
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? resolvedText(value) : value;
  } catch (e) {
    if (isOrkError(e) && e.code.startsWith('TEMPLATE_')) {
      scope.problems.error(path, `template error: ${e.message}`);
      return FAILED;
    }
    throw e;
  }
}

function templateOptions(scope: TemplateScope): TemplateOptions {
  return {
    missingValue: NO_VALUE,
    ...(scope.random ? { random: scope.random } : {}),
    ...(scope.budget ? { budget: scope.budget } : {}),
    ...(scope.notes ? { notes: scope.notes } : {}),
    // The time notes (timeInWindow, weekday …) read the instant the time conditions read.
    ...(scope.clock ? { now: clockDate(scope.clock.nowMs) } : {}),
  };
}

const clockDate = (ms: number) => () => new Date(ms);

/** Copies `value` with every string evaluated; failed templates become FAILED and are recorded. */
export function evaluateDeep(value: unknown, scope: TemplateScope, path: string): Evaluated {
  if (typeof value === 'string') return evaluateText(value, scope, path);
  if (Array.isArray(value)) return value.map((v, i) => evaluateDeep(v, scope, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluateDeep(v, scope, `${path}.${k}`);
    return out;
  }
  return value;
}
